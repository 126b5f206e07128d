import { createHash } from 'node:crypto';
import { type StoreEvent, scopeMatches } from '../state/events.js';
import { parseDoc } from '../state/sandbox-db.js';
import type { SandboxState } from '../state/sandbox-state.js';

/** BigCommerce retries a failed delivery after these delays (seconds), then deactivates the hook. */
export const RETRY_SCHEDULE_SECONDS = [
  60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400,
] as const;

export interface WebhookDispatcherOptions {
  /** Multiplies the retry schedule: 0.001 turns 60 s into 60 ms so tests take seconds. */
  readonly timeScale: number;
  /** Share of events (0..1) delivered twice, as BigCommerce may (network retries): apps must dedupe by hash. */
  readonly duplicateRate: number;
  readonly timeoutMs: number;
  readonly random?: () => number;
  readonly now?: () => Date;
  readonly log?: (message: string, detail?: Record<string, unknown>) => void;
  /** At most this many deliveries in flight at once (8 unless said). */
  readonly concurrency?: number;
}

interface DispatcherSettings {
  timeScale: number;
  duplicateRate: number;
  timeoutMs: number;
  concurrency: number;
}

export interface WebhookPayload {
  scope: string;
  store_id: string;
  data: Record<string, unknown>;
  hash: string;
  created_at: number;
  producer: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'dropped';

export interface DeliveryView {
  id: number;
  store_hash: string;
  hook_id: number;
  client_id: string;
  scope: string;
  destination: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  payload: WebhookPayload;
}

interface DeliveryRow {
  id: number;
  store_hash: string;
  hook_id: number;
  client_id: string;
  scope: string;
  destination: string;
  headers: string | null;
  payload: string;
  attempts: number;
  state: DeliveryState;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
}

/**
 * Real HTTP deliveries of store events to the hooks registered for them. Deliveries are rows in SQLite
 * (so pending retries survive a restart); a single timer wakes up at the next due attempt. Each delivery
 * snapshots the hook's destination and headers when the event happens, like a queued message would.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<number, Promise<void>>();
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private readonly random: () => number;
  private readonly now: () => Date;
  private settings: DispatcherSettings;

  constructor(
    private readonly state: SandboxState,
    options: WebhookDispatcherOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.settings = {
      timeScale: options.timeScale,
      duplicateRate: options.duplicateRate,
      timeoutMs: options.timeoutMs,
      concurrency: options.concurrency ?? 8,
    };
    this.log = options.log ?? (() => {});
  }

  private readonly log: (message: string, detail?: Record<string, unknown>) => void;

  start(): void {
    this.unsubscribe = this.state.events.subscribe((event) => this.enqueue(event));
    // Attempts that were in flight when the sandbox stopped are simply due again.
    this.schedule(0);
  }

  /**
   * Changes the time scale / duplicate rate / timeout at run time (the admin endpoint uses this), or how
   * many deliveries may be in flight (a bench raises it: BigCommerce itself delivers concurrently).
   */
  configure(settings: Partial<DispatcherSettings>): void {
    this.settings = { ...this.settings, ...settings };
    // More room: what waits may start now, not when the next delivery in flight ends.
    if (settings.concurrency !== undefined) this.schedule(0);
  }

  currentSettings() {
    return { ...this.settings, retrySchedule: [...RETRY_SCHEDULE_SECONDS] };
  }

  deliveries(storeHash: string, filter: { hookId?: number; state?: DeliveryState } = {}): DeliveryView[] {
    const where = ['store_hash = ?'];
    const args: unknown[] = [storeHash];
    if (filter.hookId !== undefined) {
      where.push('hook_id = ?');
      args.push(filter.hookId);
    }
    if (filter.state !== undefined) {
      where.push('state = ?');
      args.push(filter.state);
    }
    const rows = this.state.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE ${where.join(' AND ')} ORDER BY id`)
      .all(...args) as DeliveryRow[];
    return rows.map(toView);
  }

  /** Resolves once nothing is due now or in flight (pending retries later in time do not count). */
  async settled(): Promise<void> {
    for (;;) {
      if (this.inFlight.size > 0) {
        await Promise.allSettled([...this.inFlight.values()]);
        continue;
      }
      const due = this.state.db
        .prepare(
          `SELECT COUNT(*) AS n FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ?`,
        )
        .get(this.now().getTime()) as { n: number };
      if (due.n === 0) return;
      this.pump();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private enqueue(event: StoreEvent): void {
    if (this.closed) return;
    const store = this.state.stores.get(event.storeHash);
    if (!store) return;
    const hooks = this.state.hooks
      .activeHooks(event.storeHash)
      .filter((hook) => scopeMatches(hook.scope, event.scope))
      .filter((hook) => event.onlyClientId === undefined || hook.client_id === event.onlyClientId);
    if (hooks.length === 0) return;
    const createdAt = this.now();
    const payload: WebhookPayload = {
      scope: event.scope,
      store_id: String(store.storeId),
      data: event.data,
      hash: createHash('sha1').update(JSON.stringify(event.data)).digest('hex'),
      created_at: Math.floor(createdAt.getTime() / 1000),
      producer: `stores/${event.storeHash}`,
    };
    const insert = this.state.db.prepare(
      `INSERT INTO webhook_deliveries (store_hash, hook_id, client_id, scope, destination, headers, payload, attempts, state,
         next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'pending', ?, ?, ?)`,
    );
    for (const hook of hooks) {
      const copies = this.random() < this.settings.duplicateRate ? 2 : 1;
      for (let i = 0; i < copies; i++) {
        insert.run(
          event.storeHash,
          hook.id,
          hook.client_id,
          event.scope,
          hook.destination,
          hook.headers ? JSON.stringify(hook.headers) : null,
          JSON.stringify(payload),
          createdAt.getTime(),
          createdAt.getTime(),
          createdAt.getTime(),
        );
      }
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), Math.max(0, delayMs));
  }

  private pump(): void {
    if (this.closed) return;
    const now = this.now().getTime();
    const free = this.settings.concurrency - this.inFlight.size;
    if (free > 0) {
      const due = this.state.db
        .prepare(
          `SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(now, free + this.inFlight.size) as DeliveryRow[];
      for (const row of due) {
        if (this.inFlight.size >= this.settings.concurrency) break;
        if (this.inFlight.has(row.id)) continue;
        const attempt = this.attempt(row).finally(() => {
          this.inFlight.delete(row.id);
          this.pump();
        });
        this.inFlight.set(row.id, attempt);
      }
    }
    const next = this.state.db
      .prepare(`SELECT MIN(next_attempt_at) AS at FROM webhook_deliveries WHERE state = 'pending'`)
      .get() as { at: number | null };
    if (next.at !== null && this.inFlight.size < this.settings.concurrency) this.schedule(next.at - now);
  }

  private async attempt(row: DeliveryRow): Promise<void> {
    const hook = this.state.hooks.byId(row.hook_id);
    const isUninstall = row.scope === 'store/app/uninstalled';
    if (!isUninstall && !hook?.is_active) {
      // The merchant or app deleted or deactivated the hook meanwhile: nothing more is sent.
      this.finish(row.id, 'dropped', row.attempts, null, 'hook deleted or inactive');
      return;
    }
    const headers: Record<string, string> = {
      ...(row.headers ? parseDoc<Record<string, string>>(row.headers) : {}),
      'content-type': 'application/json',
      'user-agent': 'BigCommerce-Sandbox-Webhooks/1.0',
    };
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(row.destination, {
        method: 'POST',
        headers,
        body: row.payload,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'manual',
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    }
    const attempts = row.attempts + 1;
    if (status !== null && status >= 200 && status < 300) {
      this.finish(row.id, 'delivered', attempts, status, null);
      return;
    }
    const retryIndex = attempts - 1;
    const delaySeconds = RETRY_SCHEDULE_SECONDS[retryIndex];
    if (delaySeconds === undefined) {
      this.finish(row.id, 'failed', attempts, status, error ?? `HTTP ${status}`);
      if (hook) this.state.hooks.deactivate(hook.id);
      this.log('webhook deactivated after the last retry', {
        hookId: row.hook_id,
        destination: row.destination,
      });
      return;
    }
    const nextAt = this.now().getTime() + Math.round(delaySeconds * 1000 * this.settings.timeScale);
    this.state.db
      .prepare(
        `UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(attempts, nextAt, status, error ?? `HTTP ${status}`, this.now().getTime(), row.id);
  }

  private finish(
    id: number,
    state: DeliveryState,
    attempts: number,
    status: number | null,
    error: string | null,
  ): void {
    this.state.db
      .prepare(
        `UPDATE webhook_deliveries SET state = ?, attempts = ?, next_attempt_at = NULL, last_status = ?, last_error = ?,
           updated_at = ? WHERE id = ?`,
      )
      .run(state, attempts, status, error, this.now().getTime(), id);
  }
}

function toView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    store_hash: row.store_hash,
    hook_id: row.hook_id,
    client_id: row.client_id,
    scope: row.scope,
    destination: row.destination,
    state: row.state,
    attempts: row.attempts,
    next_attempt_at: row.next_attempt_at,
    last_status: row.last_status,
    last_error: row.last_error,
    payload: parseDoc<WebhookPayload>(row.payload),
  };
}
