import type { Kysely } from 'kysely';
import type { StoreId } from '../../app/ports/store-id.js';
import type { StoreRules } from '../../core/item.js';
import type { DB } from './schema.js';

/** The store's rules: its switch condition and time zone. Null when the store does not exist. */
export async function loadRules(db: Kysely<DB>, storeId: StoreId): Promise<StoreRules | null> {
  const row = await db
    .selectFrom('stores')
    .innerJoin('settings', 'settings.store_id', 'stores.id')
    .select(['settings.switch_condition', 'stores.timezone'])
    .where('stores.id', '=', storeId)
    .executeTakeFirst();
  return row === undefined ? null : { switchCondition: row.switch_condition, timeZone: row.timezone };
}
