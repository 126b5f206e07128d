import type { StoreId } from './store-id.js';

/**
 * API keys of the public REST API. Only a hash of each key is stored (the key is shown once, when it is
 * created); a request is authenticated by looking its key's hash up.
 */
export interface ApiKeyRepository {
  /** Null when a key with this hash already exists (anywhere: hashes are unique across stores). */
  insert(input: NewApiKey): Promise<ApiKeyRecord | null>;
  /** The key with this hash, in any store, revoked or not, with whether its store is installed. */
  findByHash(keyHash: string): Promise<(ApiKeyRecord & { readonly storeInstalled: boolean }) | null>;
  /** The store's keys that are not revoked, oldest first. */
  listActive(storeId: StoreId): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked (keeping the first revocation time); null when the store has no such key. */
  revoke(storeId: StoreId, keyId: number, now: Date): Promise<ApiKeyRecord | null>;
  /** Records a use, unless one was recorded since `unlessUsedAfter` (so busy keys don't write per request). */
  touch(storeId: StoreId, keyId: number, now: Date, unlessUsedAfter: Date): Promise<void>;
}

export interface NewApiKey {
  readonly storeId: StoreId;
  readonly name: string;
  /** The key's first characters, shown so a merchant can tell keys apart. */
  readonly prefix: string;
  readonly keyHash: string;
  readonly now: Date;
}

export interface ApiKeyRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}
