import type { Clock } from '../ports/clock.js';
import type { StoreId } from '../ports/store-id.js';
import { ORDERS_PER_READ, type StoreOrders, type StoreOrderWithLines } from '../ports/store-orders.js';
import type { WebhookEvents } from '../ports/webhook-events.js';
import type { WebhookInbox } from '../ports/webhook-inbox.js';

export interface OrderPrefetchDeps {
  readonly storeOrders: Pick<StoreOrders, 'getOrderWithLines' | 'listOrdersWithLines'>;
  readonly inbox: Pick<WebhookInbox, 'listPending'>;
  readonly webhookEvents: Pick<WebhookEvents, 'eventOf'>;
  readonly clock: Clock;
}

export interface OrderPrefetchOptions {
  /**
   * How long an order read ahead may wait for its webhook's processing. Past it the order is read again:
   * what the processing counts and the staff notes it rewrites are never older than this.
   */
  readonly maxAgeMs: number;
  /** Orders read ahead kept per store at most (a storm's backlog beyond it is read when it gets there). */
  readonly maxOrdersPerStore: number;
  /** Inbox entries looked at for other waiting orders. */
  readonly pendingLookahead: number;
}

export const ORDER_PREFETCH_DEFAULTS: OrderPrefetchOptions = {
  maxAgeMs: 5_000,
  maxOrdersPerStore: 2 * ORDERS_PER_READ,
  pendingLookahead: 2 * ORDERS_PER_READ,
};

interface StorePrefetch {
  readonly orders: Map<number, { readonly order: StoreOrderWithLines; readonly readAt: number }>;
  inflight: Promise<void> | null;
}

/**
 * Reads the orders of store/order/created webhooks, one call per order, or — when more of the store's
 * order webhooks wait in the inbox (a flash sale) — many in one call: the waiting orders' id range is
 * listed with their lines (StoreOrders.listOrdersWithLines, up to 250 ids), and the orders read ahead
 * wait here for their own webhook's processing. So calls per order fall below 1 as the backlog grows.
 *
 * Per process and short-lived: an order read ahead is handed out once (taken), only to the processing of
 * its own created webhook, and only while younger than `maxAgeMs`; a retry, a second job, or the status
 * webhook read BigCommerce again. Nothing is decided from it that the idempotent sale keys would not
 * also guard. Orders in the range whose webhooks are not waiting (already processed) are not kept.
 */
export class OrderPrefetch {
  private readonly stores = new Map<StoreId, StorePrefetch>();
  private readonly options: OrderPrefetchOptions;

  constructor(
    private readonly deps: OrderPrefetchDeps,
    options: Partial<OrderPrefetchOptions> = {},
  ) {
    this.options = { ...ORDER_PREFETCH_DEFAULTS, ...options };
  }

  /** The order of a store/order/created webhook with its lines; null when BigCommerce has no such order. */
  async readCreatedOrder(storeId: StoreId, orderId: number): Promise<StoreOrderWithLines | null> {
    const waiting = this.take(storeId, orderId);
    if (waiting !== undefined) return waiting;
    // One read ahead per store at a time: jobs of the store arriving meanwhile wait for it, then look
    // again (its read may hold their orders), and at most once start one of their own.
    for (let attempt = 0; attempt < 2; attempt++) {
      const store = this.storeOf(storeId);
      if (store.inflight === null) {
        const run = this.readAhead(storeId, orderId);
        store.inflight = run;
        try {
          await run;
        } finally {
          if (store.inflight === run) store.inflight = null;
        }
        const readAhead = this.take(storeId, orderId);
        if (readAhead !== undefined) return readAhead;
        break;
      }
      await store.inflight.catch(() => undefined);
      const readByOther = this.take(storeId, orderId);
      if (readByOther !== undefined) return readByOther;
    }
    // Alone (or missing from the list): one read, which also tells a deleted order (null).
    return this.deps.storeOrders.getOrderWithLines(storeId, orderId);
  }

  /** Orders read ahead and still kept, for tests and diagnostics. */
  kept(storeId: StoreId): number {
    return this.stores.get(storeId)?.orders.size ?? 0;
  }

  private take(storeId: StoreId, orderId: number): StoreOrderWithLines | undefined {
    const store = this.stores.get(storeId);
    if (store === undefined) return undefined;
    const now = this.deps.clock.now().getTime();
    for (const [id, entry] of store.orders) {
      // Insertion order is read order: the oldest come first and go when too old.
      if (now - entry.readAt <= this.options.maxAgeMs) break;
      store.orders.delete(id);
    }
    const entry = store.orders.get(orderId);
    store.orders.delete(orderId);
    if (store.orders.size === 0 && store.inflight === null) this.stores.delete(storeId);
    return entry?.order;
  }

  private storeOf(storeId: StoreId): StorePrefetch {
    let store = this.stores.get(storeId);
    if (store === undefined) {
      store = { orders: new Map(), inflight: null };
      this.stores.set(storeId, store);
    }
    return store;
  }

  /** The orders of the store's store/order/created webhooks waiting in the inbox. */
  private async pendingOrderIds(storeId: StoreId): Promise<Set<number>> {
    const entries = await this.deps.inbox.listPending(storeId, this.options.pendingLookahead);
    const ids = new Set<number>();
    for (const entry of entries) {
      const read = this.deps.webhookEvents.eventOf(entry.scope, entry.payload);
      if (read?.ok === true && read.event.kind === 'orderCreated') ids.add(read.event.orderId);
    }
    return ids;
  }

  /** Lists the waiting orders around `orderId` when others wait within reach, and keeps them. */
  private async readAhead(storeId: StoreId, orderId: number): Promise<void> {
    const pending = await this.pendingOrderIds(storeId);
    const range = bestRange(pending, orderId);
    if (range === null) return;
    const orders = await this.deps.storeOrders.listOrdersWithLines(storeId, range);
    const readAt = this.deps.clock.now().getTime();
    const store = this.storeOf(storeId);
    for (const order of orders) {
      if (!pending.has(order.id)) continue;
      if (store.orders.size >= this.options.maxOrdersPerStore) break;
      store.orders.set(order.id, { order, readAt });
    }
  }
}

/**
 * The window of at most ORDERS_PER_READ ids holding `orderId` and the most other waiting orders; null
 * when no other order waits within reach (one read of the order is as cheap).
 */
export function bestRange(
  pending: ReadonlySet<number>,
  orderId: number,
): { readonly minId: number; readonly maxId: number } | null {
  const reach = ORDERS_PER_READ - 1;
  const ids = [...pending, orderId].filter((id) => Math.abs(id - orderId) <= reach).sort((a, b) => a - b);
  let best: { minId: number; maxId: number; count: number } | null = null;
  for (const start of ids) {
    if (start > orderId) break;
    const inWindow = ids.filter((id) => id >= start && id <= start + reach);
    const unique = new Set(inWindow);
    if (best === null || unique.size > best.count) {
      best = { minId: start, maxId: Math.max(...inWindow), count: unique.size };
    }
  }
  return best === null || best.count < 2 ? null : { minId: best.minId, maxId: best.maxId };
}
