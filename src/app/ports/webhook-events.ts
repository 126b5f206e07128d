import type { OrderStatus } from './store-orders.js';

/**
 * Reads the store's webhook deliveries in the app's terms: who sent a delivery, what makes it the same
 * event as another (a redelivery), and the event a recorded delivery stands for. Pure translation, no
 * I/O. Whatever a delivery lacks is returned as `issues` (the caller refuses it with
 * WEBHOOK.INVALID_PAYLOAD); nothing here throws.
 */
export interface WebhookEvents {
  /**
   * The hash of the store a delivery says it comes from, or null when it names none. Read before the
   * delivery is authenticated, so nothing else of it is trusted yet.
   */
  senderOf(body: unknown): string | null;
  /** The delivery's scope and event key, or what is wrong with it. */
  readDelivery(body: unknown): WebhookReading<{ readonly delivery: WebhookDelivery }>;
  /**
   * The event of a delivery recorded under `scope`, or what is wrong with it; null for a scope the app
   * does not act on (its payload is not looked at).
   */
  eventOf(scope: string, payload: unknown): WebhookReading<{ readonly event: WebhookEvent }> | null;
}

export type WebhookReading<T> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly issues: readonly string[] };

export interface WebhookDelivery {
  /** What the delivery is about (`store/order/created`, …): the inbox records it. */
  readonly scope: string;
  /** The same for every delivery of one event: the inbox records an event once by it. */
  readonly eventKey: string;
}

/**
 * What happened in the store. Events only point at what changed: the handlers read the truth from the
 * store.
 */
export type WebhookEvent =
  | { readonly kind: 'orderCreated'; readonly orderId: number }
  | {
      readonly kind: 'orderStatusChanged';
      readonly orderId: number;
      readonly from: OrderStatus;
      readonly to: OrderStatus;
    }
  /** The product or one of its variants changed. */
  | { readonly kind: 'productChanged'; readonly bcProductId: number }
  /**
   * An inventory level changed, not by an order (`store/product/inventory/updated`,
   * `store/sku/inventory/updated`): set to `value` (`absolute`) or moved by `value` (`relative`). The
   * one event whose numbers are used as they come: the level BigCommerce holds now may already include
   * later sales, so only the change itself says what someone did (cap at checkout). Other modes re-read
   * the product, as for `productChanged`.
   */
  | {
      readonly kind: 'inventoryChanged';
      readonly bcProductId: number;
      /** Null for a product tracked by product. */
      readonly bcVariantId: number | null;
      readonly method: 'absolute' | 'relative';
      readonly value: number;
    }
  | { readonly kind: 'productDeleted'; readonly bcProductId: number }
  | { readonly kind: 'appUninstalled' };

export type WebhookEventKind = WebhookEvent['kind'];
