import { randomBytes } from 'node:crypto';
import type { SandboxDb } from './sandbox-db.js';

/**
 * API credentials. BigCommerce issues one access token per store and API client (an app's client_id, or a
 * store-level API account); hooks and scripts belong to the client that created them.
 */
export const ALL_SCOPES = [
  'store_v2_products',
  'store_v2_orders',
  'store_v2_information',
  'store_v2_content',
  'store_inventory',
  'store_v2_customers',
] as const;

/** The client id of the demo store's store-level API account (SANDBOX_API_TOKEN). */
export const DEMO_API_CLIENT_ID = 'sandbox-store-api-account';

export interface ApiCredential {
  readonly token: string;
  readonly storeHash: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
}

interface TokenRow {
  token: string;
  store_hash: string;
  client_id: string;
  scopes: string;
}

export class TokensRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  /**
   * Issues the access token of (store, client) with these scopes, as the OAuth token exchange does.
   * Re-issuing (a re-install or scope change) replaces the client's previous token for that store.
   */
  issue(storeHash: string, clientId: string, scopes: readonly string[]): ApiCredential {
    const token = randomBytes(20).toString('hex');
    this.put({ token, storeHash, clientId, scopes });
    return { token, storeHash, clientId, scopes: [...scopes] };
  }

  /** Registers a fixed token (the demo store's store-level token from SANDBOX_API_TOKEN). */
  put(credential: ApiCredential): void {
    const tx = this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM api_tokens WHERE store_hash = ? AND client_id = ?')
        .run(credential.storeHash, credential.clientId);
      this.db.prepare('DELETE FROM api_tokens WHERE token = ?').run(credential.token);
      this.db
        .prepare(
          'INSERT INTO api_tokens (token, store_hash, client_id, scopes, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          credential.token,
          credential.storeHash,
          credential.clientId,
          credential.scopes.join(' '),
          this.now().getTime(),
        );
    });
    tx();
  }

  /** The credential of this token if it belongs to this store (tokens are not valid for other stores). */
  verify(storeHash: string, token: string): ApiCredential | undefined {
    const row = this.db
      .prepare('SELECT * FROM api_tokens WHERE token = ? AND store_hash = ?')
      .get(token, storeHash) as TokenRow | undefined;
    return row ? toCredential(row) : undefined;
  }

  forClient(storeHash: string, clientId: string): ApiCredential | undefined {
    const row = this.db
      .prepare('SELECT * FROM api_tokens WHERE store_hash = ? AND client_id = ?')
      .get(storeHash, clientId) as TokenRow | undefined;
    return row ? toCredential(row) : undefined;
  }

  revokeClient(storeHash: string, clientId: string): number {
    return this.db
      .prepare('DELETE FROM api_tokens WHERE store_hash = ? AND client_id = ?')
      .run(storeHash, clientId).changes;
  }
}

function toCredential(row: TokenRow): ApiCredential {
  return {
    token: row.token,
    storeHash: row.store_hash,
    clientId: row.client_id,
    scopes: row.scopes.split(' ').filter((s) => s !== ''),
  };
}
