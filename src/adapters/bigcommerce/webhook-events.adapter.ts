import { z } from 'zod';
import type { WebhookEvent, WebhookEvents, WebhookReading } from '../../app/ports/webhook-events.js';
import { orderStatusOf } from './bigcommerce-mapping.js';

/**
 * WebhookEvents for BigCommerce's deliveries (webhooks.v3.yml, docs/bigcommerce.md#webhooks):
 * `{scope, store_id, data, hash, created_at, producer}`, where `data` only points at what changed.
 */

const PRODUCER = /^stores\/([a-z0-9]{1,64})$/i;

/** What every delivery carries (the `data` shape depends on the scope). */
const deliverySchema = z.object({
  scope: z
    .string()
    .regex(/^store\/[a-z0-9_/*]+$/i, 'must look like store/...')
    .max(200),
  store_id: z.union([z.string().min(1).max(32), z.number().int().nonnegative()]),
  data: z.record(z.string(), z.unknown()),
  hash: z.string().min(1).max(128),
  created_at: z.number().int().nonnegative(),
  producer: z.string().regex(PRODUCER),
});

const id = z.number().int().positive();
const statusId = z.number().int().min(0);

const orderData = z.object({ id });
const orderStatusData = z.object({
  id,
  status: z.object({ previous_status_id: statusId, new_status_id: statusId }),
});
/** store/product/updated, store/product/deleted. */
const productData = z.object({ id });
/** `method` and `value` of an inventory change: absolute → the new level, relative → the change. */
const inventoryChange = {
  method: z.enum(['absolute', 'relative']).optional(),
  value: z.number().int().optional(),
};
/** store/product/inventory/updated: the product is `data.id` (and `inventory.product_id`). */
const productInventoryData = z.object({
  id,
  inventory: z.object({ product_id: id, ...inventoryChange }).optional(),
});
/** store/sku/inventory/updated: `data.id` is the SKU; the product is `inventory.product_id`. */
const skuInventoryData = z.object({
  id,
  inventory: z.object({ product_id: id, variant_id: id.optional(), ...inventoryChange }),
});

type EventReader = (data: unknown) => WebhookReading<{ readonly event: WebhookEvent }>;

/** The scopes the app acts on and the event each one's `data` stands for. */
const EVENT_READERS: Readonly<Record<string, EventReader>> = {
  'store/order/created': reader(orderData, (d) => ({ kind: 'orderCreated', orderId: d.id })),
  'store/order/statusUpdated': reader(orderStatusData, (d) => ({
    kind: 'orderStatusChanged',
    orderId: d.id,
    from: orderStatusOf(d.status.previous_status_id),
    to: orderStatusOf(d.status.new_status_id),
  })),
  'store/product/updated': reader(productData, (d) => ({ kind: 'productChanged', bcProductId: d.id })),
  'store/product/inventory/updated': reader(productInventoryData, (d) =>
    inventoryEvent(d.inventory?.product_id ?? d.id, null, d.inventory),
  ),
  'store/sku/inventory/updated': reader(skuInventoryData, (d) =>
    d.inventory.variant_id === undefined
      ? { kind: 'productChanged', bcProductId: d.inventory.product_id }
      : inventoryEvent(d.inventory.product_id, d.inventory.variant_id, d.inventory),
  ),
  'store/product/deleted': reader(productData, (d) => ({ kind: 'productDeleted', bcProductId: d.id })),
  'store/app/uninstalled': () => ({ ok: true, event: { kind: 'appUninstalled' } }),
};

/** An inventory change with its numbers; without them (an older payload), a change of the product. */
function inventoryEvent(
  bcProductId: number,
  bcVariantId: number | null,
  inventory: { readonly method?: 'absolute' | 'relative'; readonly value?: number } | undefined,
): WebhookEvent {
  if (inventory?.method === undefined || inventory.value === undefined) {
    return { kind: 'productChanged', bcProductId };
  }
  return {
    kind: 'inventoryChanged',
    bcProductId,
    bcVariantId,
    method: inventory.method,
    value: inventory.value,
  };
}

export const bigCommerceWebhookEvents: WebhookEvents = {
  senderOf(body) {
    const producer = isObject(body) ? body.producer : undefined;
    return (typeof producer === 'string' ? PRODUCER.exec(producer)?.[1] : undefined) ?? null;
  },

  readDelivery(body) {
    const parsed = deliverySchema.safeParse(body);
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, 'payload') };
    return { ok: true, delivery: { scope: parsed.data.scope, eventKey: webhookEventKey(parsed.data) } };
  },

  eventOf(scope, payload) {
    const read = EVENT_READERS[scope];
    if (read === undefined) return null;
    // The inbox stores the whole delivery; a payload stored as just its `data` is read the same way.
    return read(isObject(payload) && 'data' in payload ? payload.data : payload);
  },
};

/**
 * What makes a delivery the same event. BigCommerce's `hash` is the SHA-1 of `data` alone, so two real
 * events with the same data (every `store/product/updated` of one product is `{type, id}`) share it;
 * a retry or duplicate delivery re-sends the same payload, `created_at` included. Two events with the
 * same data in the same second still count as one, which is harmless: processing re-reads the truth.
 */
export function webhookEventKey(payload: { readonly hash: string; readonly created_at: number }): string {
  return `${payload.hash}:${payload.created_at}`;
}

function reader<T>(schema: z.ZodType<T>, toEvent: (data: T) => WebhookEvent): EventReader {
  return (data) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, 'data') };
    return { ok: true, event: toEvent(parsed.data) };
  };
}

function issuesOf(error: z.ZodError, root: string): string[] {
  return error.issues.map((i) => `${i.path.join('.') || root}: ${i.message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
