import type { ApiKeyRecord, ApiKeyRepository, NewApiKey } from '../../../src/app/ports/api-key-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  type ApiKeyRow,
  byId,
  checkStore,
  compareText,
  type InMemoryDatabase,
  toDate,
  toDateOrNull,
  toTimestamp,
} from './database.js';

/** Only a hash of each key is kept; hashes are unique across stores. */
export class InMemoryApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  insert(input: NewApiKey): Promise<ApiKeyRecord | null> {
    return this.db.execute(() => {
      if (this.db.apiKeys.find((k) => k.keyHash === input.keyHash) !== undefined) return null;
      checkStore(this.db, input.storeId, 'api_keys');
      const row = this.db.apiKeys.insert({
        id: this.db.apiKeys.nextId(),
        storeId: input.storeId,
        name: input.name,
        prefix: input.prefix,
        keyHash: input.keyHash,
        createdAt: toTimestamp(input.now),
        lastUsedAt: null,
        revokedAt: null,
      });
      return toApiKeyRecord(row);
    });
  }

  findByHash(keyHash: string): Promise<(ApiKeyRecord & { readonly storeInstalled: boolean }) | null> {
    return this.db.execute(() => {
      const row = this.db.apiKeys.find((k) => k.keyHash === keyHash);
      const store = row === undefined ? undefined : this.db.stores.find((s) => s.id === row.storeId);
      if (row === undefined || store === undefined) return null;
      return { ...toApiKeyRecord(row), storeInstalled: store.status === 'installed' };
    });
  }

  listActive(storeId: StoreId): Promise<ApiKeyRecord[]> {
    return this.db.execute(() =>
      this.db.apiKeys
        .filter((k) => k.storeId === storeId && k.revokedAt === null)
        .sort(byId)
        .map(toApiKeyRecord),
    );
  }

  revoke(storeId: StoreId, keyId: number, now: Date): Promise<ApiKeyRecord | null> {
    return this.db.execute(() => {
      const row = this.db.apiKeys.find((k) => k.storeId === storeId && k.id === keyId);
      if (row === undefined) return null;
      // The first revocation time stays.
      return toApiKeyRecord(
        row.revokedAt === null ? this.db.apiKeys.update(row, { revokedAt: toTimestamp(now) }) : row,
      );
    });
  }

  touch(storeId: StoreId, keyId: number, now: Date, unlessUsedAfter: Date): Promise<void> {
    return this.db.execute(() => {
      const row = this.db.apiKeys.find(
        (k) =>
          k.storeId === storeId &&
          k.id === keyId &&
          (k.lastUsedAt === null || compareText(k.lastUsedAt, toTimestamp(unlessUsedAfter)) < 0),
      );
      if (row !== undefined) this.db.apiKeys.update(row, { lastUsedAt: toTimestamp(now) });
    });
  }
}

function toApiKeyRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    name: row.name,
    prefix: row.prefix,
    createdAt: toDate(row.createdAt),
    lastUsedAt: toDateOrNull(row.lastUsedAt),
    revokedAt: toDateOrNull(row.revokedAt),
  };
}
