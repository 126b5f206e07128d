import { z } from 'zod';
import { BLOCKS, type Block, STATUSES } from '../../core/item.js';
import type { NotificationEventName, NotificationRecord } from '../ports/notification-repository.js';

/**
 * What each notification carries. `notify()` validates the payloads of the events it records
 * (assigned, unassigned, import finished); the two item effects arrive from the ItemRepository's outbox
 * (EffectPayload) and are read with the same care, since a stored row outlives the code that wrote it.
 */

/** The names used by the settings' "which events notify" (src/app/settings/notify-events.ts). */
export const NOTIFICATION_EVENTS = [
  'backorder_enabled',
  'backorder_disabled',
  'assigned',
  'unassigned',
  'import_finished',
] as const satisfies readonly NotificationEventName[];

/** Events the merchant is always told of, whatever the settings: something needs their hand. */
export const ALWAYS_SENT_EVENTS = ['item_problem'] as const satisfies readonly NotificationEventName[];

/** Import errors kept in an email: the import page has them all. */
export const MAX_IMPORT_ERRORS_IN_EMAIL = 50;

const bcId = z.number().int().positive();
const count = z.number().int().min(0);
const name = z.string().max(1000);
const sku = z.string().max(255).nullable();
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const productRef = z.object({ bcProductId: bcId, name, sku: sku.optional() });

export const assignedPayloadSchema = z.object({
  products: z
    .array(productRef.extend({ itemCount: count }))
    .min(1)
    .max(10_000),
});

/** One item's stock data at the moment it was unassigned (read it before unassigning: unassignment zeroes it). */
export const unassignedItemSchema = z.object({
  bcVariantId: bcId.nullable(),
  /** The variant's option values as shown to the merchant (e.g. `Size: L`), when the caller knows them. */
  variant: z.string().max(1000).nullable().optional(),
  sku,
  stock: z.number().int(),
  threshold: count.nullable(),
  backordered: count,
  incoming: count,
  backInStockDate: localDate.nullable(),
});

export const unassignedPayloadSchema = z.object({
  product: productRef,
  // BigCommerce allows 600 variants per product.
  items: z.array(unassignedItemSchema).max(1000),
});

export const importFinishedPayloadSchema = z.object({
  runId: bcId,
  fileName: z.string().max(500),
  status: z.enum(['done', 'failed']),
  totalRows: count,
  appliedRows: count,
  errorRows: count,
  /** The first errors (at most MAX_IMPORT_ERRORS_IN_EMAIL are kept). */
  errors: z
    .array(
      z.object({
        line: count,
        column: z.string().max(200).nullable(),
        reason: z.string().max(1000),
      }),
    )
    .max(100_000)
    .default([]),
});

/**
 * A change BigCommerce brought that the rules refused for one item (an order line whose sale would take
 * the stock beyond the range): the change is not applied, and the merchant must set the item right.
 */
export const itemProblemPayloadSchema = z.object({
  /** The rules' refusal code, e.g. ITEM.STOCK_OUT_OF_RANGE. */
  code: z.string().max(100),
  change: z.enum(['sale', 'return']),
  itemId: z.number().int(),
  bcProductId: bcId,
  bcVariantId: bcId.nullable(),
  sku,
  /** The product's name, when the caller knows it. */
  name: name.nullable(),
  /** The variant's options as shown to the merchant (e.g. `Size: L`), when known. */
  variant: z.string().max(1000).nullable(),
  orderId: bcId,
  orderProductId: bcId,
  quantity: z.number().int(),
});

const statusView = z.object({
  status: z.enum(STATUSES).nullable(),
  block: z.enum(BLOCKS).nullable(),
});

/** An item effect as the item pipeline wrote it (src/app/ports/outbox.ts EffectPayload). */
export const itemEffectPayloadSchema = z.object({
  effect: z.object({
    kind: z.literal('notify'),
    event: z.enum(['backorder_enabled', 'backorder_disabled']),
    reason: z.enum(BLOCKS).nullable(),
  }),
  itemId: z.number().int(),
  productId: z.number().int(),
  bcProductId: z.number().int(),
  bcVariantId: z.number().int().nullable(),
  sku,
  from: statusView,
  to: statusView,
  reason: z.string(),
  /** The change's cause (absent on rows written before it was recorded). */
  cause: z.object({ type: z.string(), ref: z.string().nullable() }).optional(),
});

export type AssignedPayload = z.output<typeof assignedPayloadSchema>;
export type UnassignedPayload = z.output<typeof unassignedPayloadSchema>;
export type UnassignedItem = z.output<typeof unassignedItemSchema>;
export type ImportFinishedPayload = z.output<typeof importFinishedPayloadSchema>;
export type ItemEffectPayload = z.output<typeof itemEffectPayloadSchema>;
export type ItemProblemPayload = z.output<typeof itemProblemPayloadSchema>;

/** A stored notification, read back and typed by its event; `createdAt` is when its change happened. */
export type Notification = { readonly id: number; readonly createdAt: Date } & (
  | { readonly event: 'backorder_enabled'; readonly payload: ItemEffectPayload }
  | { readonly event: 'backorder_disabled'; readonly payload: ItemEffectPayload }
  | { readonly event: 'assigned'; readonly payload: AssignedPayload }
  | { readonly event: 'unassigned'; readonly payload: UnassignedPayload }
  | { readonly event: 'import_finished'; readonly payload: ImportFinishedPayload }
  | { readonly event: 'item_problem'; readonly payload: ItemProblemPayload }
);

/** Types a stored row; null when its event or payload is not one this code knows. */
export function readNotification(record: NotificationRecord): Notification | null {
  const { id, event, payload, createdAt } = record;
  switch (event) {
    case 'backorder_enabled':
    case 'backorder_disabled': {
      const parsed = itemEffectPayloadSchema.safeParse(payload);
      return parsed.success && parsed.data.effect.event === event
        ? { id, createdAt, event, payload: parsed.data }
        : null;
    }
    case 'assigned': {
      const parsed = assignedPayloadSchema.safeParse(payload);
      return parsed.success ? { id, createdAt, event, payload: parsed.data } : null;
    }
    case 'unassigned': {
      const parsed = unassignedPayloadSchema.safeParse(payload);
      return parsed.success ? { id, createdAt, event, payload: parsed.data } : null;
    }
    case 'import_finished': {
      const parsed = importFinishedPayloadSchema.safeParse(payload);
      return parsed.success ? { id, createdAt, event, payload: parsed.data } : null;
    }
    case 'item_problem': {
      const parsed = itemProblemPayloadSchema.safeParse(payload);
      return parsed.success ? { id, createdAt, event, payload: parsed.data } : null;
    }
    default:
      return null;
  }
}

/** Why backorder was switched off, in the merchant's words. */
export function disabledReasonText(block: Block | null): string {
  switch (block) {
    case 'threshold':
      return 'backorder threshold reached';
    case 'date':
      return 'back-in-stock date reached';
    case 'manual':
      return 'disabled by the merchant';
    default:
      return 'backorder switched off';
  }
}
