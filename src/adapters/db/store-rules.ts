import type { Kysely } from 'kysely';
import { type ItemRules, isInventoryMode } from '../../app/ports/settings-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { DB } from './schema.js';

/** The store's rules: its switch condition and time zone, and its inventory mode. Null when the store does not exist. */
export async function loadRules(db: Kysely<DB>, storeId: StoreId): Promise<ItemRules | null> {
  const row = await db
    .selectFrom('stores')
    .innerJoin('settings', 'settings.store_id', 'stores.id')
    .select(['settings.switch_condition', 'stores.timezone', 'settings.inventory_mode'])
    .where('stores.id', '=', storeId)
    .executeTakeFirst();
  return row === undefined ? null : toItemRules(row);
}

export function toItemRules(row: {
  readonly switch_condition: number;
  readonly timezone: string;
  readonly inventory_mode: string;
}): ItemRules {
  return {
    switchCondition: row.switch_condition,
    timeZone: row.timezone,
    inventoryMode: isInventoryMode(row.inventory_mode) ? row.inventory_mode : 'emulated',
  };
}
