import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { UsedSignedRequests } from '../../../src/app/ports/used-signed-requests.js';
import { checkStore, type InMemoryDatabase, toTimestamp } from './database.js';

/** UsedSignedRequests in memory, as KyselyUsedSignedRequests (src/adapters/db/used-signed-request.repo.ts). */
export class InMemoryUsedSignedRequests implements UsedSignedRequests {
  constructor(private readonly db: InMemoryDatabase) {}

  markUsed(storeId: StoreId, requestId: string, expiresAt: Date, now: Date): Promise<boolean> {
    return this.db.execute(() => {
      const used = this.db.signedRequestUses.find((u) => u.storeId === storeId && u.jti === requestId);
      if (used !== undefined) return false;
      checkStore(this.db, storeId, 'signed_request_uses');
      this.db.signedRequestUses.insert({
        storeId,
        jti: requestId,
        expiresAt: toTimestamp(expiresAt),
        usedAt: toTimestamp(now),
      });
      return true;
    });
  }

  forgetExpired(storeId: StoreId, now: Date): Promise<number> {
    return this.db.execute(() => {
      const before = toTimestamp(now);
      const expired = this.db.signedRequestUses.filter((u) => u.storeId === storeId && u.expiresAt < before);
      for (const row of expired) this.db.signedRequestUses.delete(row);
      return expired.length;
    });
  }
}
