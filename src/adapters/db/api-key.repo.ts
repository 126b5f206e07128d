import type { Kysely, Selectable } from 'kysely';
import type { ApiKeyRecord, ApiKeyRepository, NewApiKey } from '../../app/ports/api-key-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { isUniqueViolation, type UniqueConstraint } from './errors.js';
import { fromTimestamp, fromTimestampOrNull, toTimestamp } from './rows.js';
import type { ApiKeysTable, DB } from './schema.js';

/** The column constraint 0001 created (`key_hash … unique`), as each database names it. */
const KEY_HASH_UNIQUE: UniqueConstraint = {
  name: 'api_keys_key_hash_key',
  table: 'api_keys',
  columns: ['key_hash'],
};

export class KyselyApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(input: NewApiKey): Promise<ApiKeyRecord | null> {
    try {
      const row = await this.db
        .insertInto('api_keys')
        .values({
          store_id: input.storeId,
          name: input.name,
          prefix: input.prefix,
          key_hash: input.keyHash,
          created_at: toTimestamp(input.now),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApiKeyRecord(row);
    } catch (error) {
      if (isUniqueViolation(error, KEY_HASH_UNIQUE)) return null;
      throw error;
    }
  }

  async findByHash(keyHash: string): Promise<(ApiKeyRecord & { storeInstalled: boolean }) | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('stores', 'stores.id', 'api_keys.store_id')
      .selectAll('api_keys')
      .select('stores.status as store_status')
      .where('api_keys.key_hash', '=', keyHash)
      .executeTakeFirst();
    if (row === undefined) return null;
    return { ...toApiKeyRecord(row), storeInstalled: row.store_status === 'installed' };
  }

  async listActive(storeId: StoreId): Promise<ApiKeyRecord[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(toApiKeyRecord);
  }

  async revoke(storeId: StoreId, keyId: number, now: Date): Promise<ApiKeyRecord | null> {
    await this.db
      .updateTable('api_keys')
      .set({ revoked_at: toTimestamp(now) })
      .where('store_id', '=', storeId)
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', keyId)
      .executeTakeFirst();
    return row === undefined ? null : toApiKeyRecord(row);
  }

  async touch(storeId: StoreId, keyId: number, now: Date, unlessUsedAfter: Date): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: toTimestamp(now) })
      .where('store_id', '=', storeId)
      .where('id', '=', keyId)
      .where((eb) =>
        eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', toTimestamp(unlessUsedAfter))]),
      )
      .execute();
  }
}

function toApiKeyRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: fromTimestamp(row.created_at),
    lastUsedAt: fromTimestampOrNull(row.last_used_at),
    revokedAt: fromTimestampOrNull(row.revoked_at),
  };
}
