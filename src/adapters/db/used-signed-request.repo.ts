import type { Kysely } from 'kysely';
import type { StoreId } from '../../app/ports/store-id.js';
import type { UsedSignedRequests } from '../../app/ports/used-signed-requests.js';
import { toTimestamp } from './rows.js';
import type { DB } from './schema.js';

export class KyselyUsedSignedRequests implements UsedSignedRequests {
  constructor(private readonly db: Kysely<DB>) {}

  async markUsed(storeId: StoreId, requestId: string, expiresAt: Date, now: Date): Promise<boolean> {
    // The primary key decides between concurrent uses: the loser inserts nothing.
    const result = await this.db
      .insertInto('signed_request_uses')
      .values({
        store_id: storeId,
        jti: requestId,
        expires_at: toTimestamp(expiresAt),
        used_at: toTimestamp(now),
      })
      .onConflict((oc) => oc.columns(['store_id', 'jti']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async forgetExpired(storeId: StoreId, now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('signed_request_uses')
      .where('store_id', '=', storeId)
      .where('expires_at', '<', toTimestamp(now))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
