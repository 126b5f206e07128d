import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { QuotaGrant, QuotaLedger, QuotaObservation } from '../bigcommerce/quota.ledger.js';
import type { DB } from './schema.js';

/**
 * The stores' quota ledger on PostgreSQL (table `bigcommerce_quota`, migration 0027), shared by every
 * instance of the app on the database: the rules of src/adapters/bigcommerce/quota.ledger.ts in SQL,
 * each change one statement whose row lock makes concurrent callers take turns, so instances together
 * never start more calls than the window has left. Only a refused start reads the row again, for its
 * reset time. Nothing to clean up: a crashed instance's calls in flight are forgotten at the reset.
 */
export class PostgresQuotaLedger implements QuotaLedger {
  constructor(private readonly db: Kysely<DB>) {}

  async tryStart(storeHash: string, reserveShare: number, now: number): Promise<QuotaGrant> {
    const at = rolledOver(now);
    const started = await sql<{ store_hash: string }>`
      INSERT INTO bigcommerce_quota AS q (store_hash, pending) VALUES (${storeHash}, 1)
      ON CONFLICT (store_hash) DO UPDATE SET
        requests_left = ${at.left}, reset_at = ${at.reset}, pending = ${at.pending} + 1
      WHERE ${at.left} IS NULL OR q.quota IS NULL
        OR ${at.left} - ${at.pending} > LEAST(q.quota - 1, FLOOR(q.quota * ${reserveShare}::float8))
      RETURNING q.store_hash`.execute(this.db);
    if (started.rows.length > 0) return { started: true };
    const row = await this.db
      .selectFrom('bigcommerce_quota')
      .select('reset_at')
      .where('store_hash', '=', storeHash)
      .executeTakeFirst();
    const resetAt = row?.reset_at == null ? now : Date.parse(row.reset_at);
    return { started: false, retryAt: Math.max(now, resetAt) };
  }

  async record(storeHash: string, observation: QuotaObservation | null, now: number): Promise<void> {
    const at = rolledOver(now);
    if (observation === null || observation.resetAt <= now) {
      await sql`
        UPDATE bigcommerce_quota AS q SET
          requests_left = ${at.left}, reset_at = ${at.reset}, pending = GREATEST(${at.pending} - 1, 0)
        WHERE q.store_hash = ${storeHash}`.execute(this.db);
      return;
    }
    const resetAt = sql`${new Date(observation.resetAt).toISOString()}::timestamptz`;
    const windowMs = observation.windowMs;
    // Answers of one window may arrive out of order: the lowest count left is the latest.
    const sameWindow = sql`${at.left} IS NOT NULL AND ${at.reset} IS NOT NULL
      AND ${resetAt} <= ${at.reset} + (COALESCE(${windowMs}::integer, q.window_ms, 0) / 2.0) * interval '1 millisecond'`;
    await sql`
      INSERT INTO bigcommerce_quota AS q
        (store_hash, requests_left, quota, window_ms, reset_at, pending, observed_at)
      VALUES (${storeHash}, ${observation.requestsLeft}, ${observation.quota}, ${windowMs}, ${resetAt}, 0, ${timestamp(now)})
      ON CONFLICT (store_hash) DO UPDATE SET
        requests_left = CASE WHEN ${sameWindow}
          THEN LEAST(${at.left}, ${observation.requestsLeft}) ELSE ${observation.requestsLeft} END,
        quota = ${observation.quota},
        window_ms = COALESCE(${windowMs}::integer, q.window_ms),
        reset_at = ${resetAt},
        pending = GREATEST(${at.pending} - 1, 0),
        observed_at = ${timestamp(now)}`.execute(this.db);
  }
}

function timestamp(ms: number): RawBuilder<unknown> {
  return sql`${new Date(ms).toISOString()}::timestamptz`;
}

/**
 * The row `q` as it stands at `now` (quota.ledger.ts `stateAt`): once its reset has passed, the next
 * window is presumed full until an answer says otherwise, and the calls in flight are forgotten.
 */
function rolledOver(now: number): {
  readonly left: RawBuilder<unknown>;
  readonly reset: RawBuilder<unknown>;
  readonly pending: RawBuilder<unknown>;
} {
  const at = timestamp(now);
  const expired = sql`(q.reset_at IS NOT NULL AND q.reset_at <= ${at})`;
  const known = sql`(q.quota IS NOT NULL AND q.window_ms IS NOT NULL)`;
  return {
    left: sql`(CASE WHEN ${expired} THEN (CASE WHEN ${known} THEN q.quota END) ELSE q.requests_left END)`,
    reset: sql`(CASE WHEN ${expired}
      THEN (CASE WHEN ${known} THEN ${at} + q.window_ms * interval '1 millisecond' END) ELSE q.reset_at END)`,
    pending: sql`(CASE WHEN ${expired} THEN 0 ELSE q.pending END)`,
  };
}
