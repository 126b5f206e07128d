import type { Kysely, Selectable } from 'kysely';
import {
  type ItemRules,
  isInventoryMode,
  type SettingsPatch,
  type SettingsRepository,
  type StoreSettings,
} from '../../app/ports/settings-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { fromBool, fromJson, fromTimestamp, toBool, toJson, toTimestamp } from './rows.js';
import type { DB, SettingsTable } from './schema.js';
import { loadRules } from './store-rules.js';

export class KyselySettingsRepository implements SettingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async getSettings(storeId: StoreId): Promise<StoreSettings | null> {
    const row = await this.db
      .selectFrom('settings')
      .selectAll()
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    return row === undefined ? null : toSettings(row);
  }

  async updateSettings(storeId: StoreId, patch: SettingsPatch, now: Date): Promise<StoreSettings | null> {
    const row = await this.db
      .updateTable('settings')
      .set({
        updated_at: toTimestamp(now),
        ...(patch.switchCondition === undefined ? {} : { switch_condition: patch.switchCondition }),
        ...(patch.restockOnCancel === undefined ? {} : { restock_on_cancel: toBool(patch.restockOnCancel) }),
        ...(patch.keepTrackingOff === undefined ? {} : { keep_tracking_off: toBool(patch.keepTrackingOff) }),
        ...(patch.notificationEmails === undefined
          ? {}
          : { notification_emails: toJson(patch.notificationEmails) }),
        ...(patch.notifyEvents === undefined ? {} : { notify_events: toJson(patch.notifyEvents) }),
        ...(patch.inventoryMode === undefined ? {} : { inventory_mode: patch.inventoryMode }),
      })
      .where('store_id', '=', storeId)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toSettings(row);
  }

  getRules(storeId: StoreId): Promise<ItemRules | null> {
    return loadRules(this.db, storeId);
  }
}

function toSettings(row: Selectable<SettingsTable>): StoreSettings {
  return {
    storeId: row.store_id,
    switchCondition: row.switch_condition,
    restockOnCancel: fromBool(row.restock_on_cancel),
    keepTrackingOff: fromBool(row.keep_tracking_off),
    notificationEmails: fromJson<string[]>(row.notification_emails),
    notifyEvents: fromJson<string[]>(row.notify_events),
    inventoryMode: isInventoryMode(row.inventory_mode) ? row.inventory_mode : 'emulated',
    updatedAt: fromTimestamp(row.updated_at),
  };
}
