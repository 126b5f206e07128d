import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  MemoryQuotaLedger,
  type QuotaGrant,
  type QuotaLedger,
  type QuotaObservation,
} from '../../../src/adapters/bigcommerce/quota.ledger.js';
import { type DatabaseHandle, openDatabase } from '../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../src/adapters/db/migrate.js';
import { PostgresQuotaLedger } from '../../../src/adapters/db/quota-ledger.repo.js';
import { uniqueStoreHash } from '../../builders/store.builder.js';

const T0 = 1_700_000_000_000;
const BULK = 0.2;
const URGENT = 0;

function seen(
  requestsLeft: number,
  resetInMs: number,
  at: number,
  quota = 30,
  windowMs = 2_000,
): QuotaObservation {
  return { requestsLeft, quota, resetAt: at + resetInMs, windowMs };
}

async function startsOf(ledger: QuotaLedger, store: string, share: number, at: number, tries: number) {
  const grants: QuotaGrant[] = [];
  for (let i = 0; i < tries; i++) grants.push(await ledger.tryStart(store, share, at));
  return grants.filter((g) => g.started).length;
}

/**
 * The ledger on each of its targets: memory (one process: SQLite, tests) and PostgreSQL (the table the
 * instances share). Both follow src/adapters/bigcommerce/quota.ledger.ts; on PostgreSQL two handles
 * stand for two instances.
 */
const postgresUrl = inject('postgresUrl');
const targets = [
  ['memory', true],
  ['postgres', postgresUrl !== null],
] as const;

describe.each(targets)('QuotaLedger on %s', (name, available) => {
  describe.skipIf(!available)('', () => {
    const handles: DatabaseHandle[] = [];
    let ledgers: readonly [QuotaLedger, QuotaLedger];
    beforeAll(async () => {
      if (name === 'memory') {
        const one = new MemoryQuotaLedger();
        ledgers = [one, one];
        return;
      }
      for (let i = 0; i < 2; i++) {
        const handle = await openDatabase({ kind: 'postgres', url: postgresUrl! }, { poolSize: 5 });
        handles.push(handle);
      }
      await migrateToLatest(handles[0]!.db);
      ledgers = [new PostgresQuotaLedger(handles[0]!.db), new PostgresQuotaLedger(handles[1]!.db)];
    });
    afterAll(async () => {
      for (const handle of handles) await handle.destroy();
    });

    it('starts every call while nothing is known of the store', async () => {
      const store = uniqueStoreHash();
      expect(await startsOf(ledgers[0], store, BULK, T0, 40)).toBe(40);
    });

    it('starts calls while more than the reserve would stay left, then says when the window resets', async () => {
      const store = uniqueStoreHash();
      const [a, b] = ledgers;
      await a.record(store, seen(10, 1_000, T0), T0);
      // Reserve of bulk on 30: 6. Both instances together start 4.
      expect(await startsOf(a, store, BULK, T0, 3)).toBe(3);
      expect(await startsOf(b, store, BULK, T0, 3)).toBe(1);
      expect(await b.tryStart(store, BULK, T0 + 10)).toEqual({ started: false, retryAt: T0 + 1_000 });
      // Urgent work keeps nothing back: the 6 left.
      expect(await startsOf(b, store, URGENT, T0, 10)).toBe(6);
      expect(await a.tryStart(store, URGENT, T0)).toEqual({ started: false, retryAt: T0 + 1_000 });
    });

    it('presumes the next window full for its length once the reset has passed, and forgets the calls in flight', async () => {
      const store = uniqueStoreHash();
      const [a, b] = ledgers;
      await a.record(store, seen(2, 500, T0, 10, 2_000), T0);
      expect(await startsOf(a, store, URGENT, T0, 5)).toBe(2);
      const reopened = T0 + 500;
      // Quota 10, bulk keeps 2 back: 8 in the presumed window (the 2 unanswered are forgotten).
      expect(await startsOf(b, store, BULK, reopened, 10)).toBe(8);
      expect(await b.tryStart(store, BULK, reopened)).toEqual({ started: false, retryAt: reopened + 2_000 });
    });

    it("takes the window's answers as the truth: the lowest count within a window, a new window whole", async () => {
      const store = uniqueStoreHash();
      const [a, b] = ledgers;
      await a.record(store, seen(5, 1_000, T0), T0);
      // Late answer of the same window: does not raise the count.
      await b.record(store, seen(20, 990, T0 + 20), T0 + 20);
      expect(await startsOf(a, store, URGENT, T0 + 30, 10)).toBe(5);
      // Each answer ends one call in flight; a header-less answer too.
      await a.record(store, seen(4, 900, T0 + 100), T0 + 100);
      await b.record(store, null, T0 + 100);
      expect(await startsOf(b, store, URGENT, T0 + 100, 10)).toBe(1);
      // The first answer of the next window sets where it stands.
      await a.record(store, seen(29, 2_000, T0 + 1_000), T0 + 1_000);
      expect(await startsOf(a, store, BULK, T0 + 1_000, 30)).toBe(23);
    });

    it('ignores an answer whose window had already ended, but for the call it ends', async () => {
      const store = uniqueStoreHash();
      const [a] = ledgers;
      await a.record(store, seen(3, 1_000, T0), T0);
      expect(await startsOf(a, store, URGENT, T0, 3)).toBe(3);
      await a.record(store, seen(25, 0, T0 + 10), T0 + 10);
      expect(await startsOf(a, store, URGENT, T0 + 10, 3)).toBe(1);
    });

    it('never starts more than is left when instances ask at the same time', async () => {
      const store = uniqueStoreHash();
      const [a, b] = ledgers;
      await a.record(store, seen(12, 1_000, T0), T0);
      const grants = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).tryStart(store, URGENT, T0 + 1)),
      );
      expect(grants.filter((g) => g.started)).toHaveLength(12);
    });
  });
});
