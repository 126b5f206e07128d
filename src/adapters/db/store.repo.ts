import type { Kysely, Selectable } from 'kysely';
import type { StoreId } from '../../app/ports/store-id.js';
import type {
  InstallStoreInput,
  InventoryFeaturesCheck,
  StoreProfile,
  StoreRecord,
  StoreRepository,
} from '../../app/ports/store-repository.js';
import { fromBool, fromTimestamp, fromTimestampOrNull, toBool, toJson, toTimestamp } from './rows.js';
import type { DB, StoresTable } from './schema.js';

export class KyselyStoreRepository implements StoreRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async install(input: InstallStoreInput): Promise<StoreRecord> {
    const now = toTimestamp(input.now);
    const credentials = {
      status: 'installed' as const,
      access_token_encrypted: input.accessTokenEncrypted,
      scope: input.scope,
      installed_at: now,
      uninstalled_at: null,
      updated_at: now,
      ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
      ...(input.locale === undefined ? {} : { locale: input.locale }),
      ...(input.webhookSecretHash === undefined ? {} : { webhook_secret_hash: input.webhookSecretHash }),
    };
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('stores')
        .values({ store_hash: input.storeHash, ...credentials })
        .onConflict((oc) => oc.column('store_hash').doUpdateSet(credentials))
        .returningAll()
        .executeTakeFirstOrThrow();
      // A re-installed store keeps the settings it had.
      await trx
        .insertInto('settings')
        .values({
          store_id: row.id,
          updated_at: now,
          ...(input.initialSettings === undefined
            ? {}
            : {
                notification_emails: toJson(input.initialSettings.notificationEmails),
                notify_events: toJson(input.initialSettings.notifyEvents),
              }),
        })
        .onConflict((oc) => oc.column('store_id').doNothing())
        .execute();
      return toStoreRecord(row);
    });
  }

  async markUninstalled(storeId: StoreId, now: Date): Promise<void> {
    await this.db
      .updateTable('stores')
      .set({
        status: 'uninstalled',
        access_token_encrypted: null,
        uninstalled_at: toTimestamp(now),
        updated_at: toTimestamp(now),
      })
      .where('id', '=', storeId)
      .execute();
  }

  async getStore(storeId: StoreId): Promise<StoreRecord | null> {
    const row = await this.db.selectFrom('stores').selectAll().where('id', '=', storeId).executeTakeFirst();
    return row === undefined ? null : toStoreRecord(row);
  }

  async findStoreByHash(storeHash: string): Promise<StoreRecord | null> {
    const row = await this.db
      .selectFrom('stores')
      .selectAll()
      .where('store_hash', '=', storeHash)
      .executeTakeFirst();
    return row === undefined ? null : toStoreRecord(row);
  }

  async updateProfile(storeId: StoreId, profile: StoreProfile, now: Date): Promise<StoreRecord | null> {
    const row = await this.db
      .updateTable('stores')
      .set({
        updated_at: toTimestamp(now),
        ...(profile.timezone === undefined ? {} : { timezone: profile.timezone }),
        ...(profile.locale === undefined ? {} : { locale: profile.locale }),
        ...(profile.name === undefined ? {} : { name: profile.name }),
        ...(profile.webhookSecretHash === undefined
          ? {}
          : { webhook_secret_hash: profile.webhookSecretHash }),
      })
      .where('id', '=', storeId)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toStoreRecord(row);
  }

  async recordInventoryFeatures(
    storeId: StoreId,
    features: InventoryFeaturesCheck,
    now: Date,
  ): Promise<StoreRecord | null> {
    const row = await this.db
      .updateTable('stores')
      .set({
        native_backorders: toBool(features.nativeBackorders),
        native_backorders_checked_at: toTimestamp(now),
        locations: features.locations,
      })
      .where('id', '=', storeId)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toStoreRecord(row);
  }

  async listInstalledStores(): Promise<StoreRecord[]> {
    const rows = await this.db
      .selectFrom('stores')
      .selectAll()
      .where('status', '=', 'installed')
      .orderBy('id')
      .execute();
    return rows.map(toStoreRecord);
  }
}

function toStoreRecord(row: Selectable<StoresTable>): StoreRecord {
  return {
    id: row.id,
    storeHash: row.store_hash,
    name: row.name ?? null,
    status: row.status,
    accessTokenEncrypted: row.access_token_encrypted,
    scope: row.scope,
    timezone: row.timezone,
    locale: row.locale,
    webhookSecretHash: row.webhook_secret_hash,
    installedAt: fromTimestamp(row.installed_at),
    uninstalledAt: fromTimestampOrNull(row.uninstalled_at),
    updatedAt: fromTimestamp(row.updated_at),
    nativeBackorders: row.native_backorders === null ? null : fromBool(row.native_backorders),
    inventoryFeaturesCheckedAt: fromTimestampOrNull(row.native_backorders_checked_at),
    locations: row.locations,
  };
}
