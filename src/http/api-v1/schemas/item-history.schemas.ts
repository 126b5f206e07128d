import { z } from 'zod';
import type { ItemHistoryLine } from '../../../app/items/list-item-history.js';
import type { ItemOrdersPosition } from '../../../app/orders/list-item-orders.js';
import type { HistoryPosition } from '../../../app/ports/history-repository.js';
import type { CauseType } from '../../../app/ports/item-transactions.js';
import type { ItemOrderLine } from '../../../app/ports/order-report.js';
import { BLOCKS, STATUSES } from '../../../core/item.js';
import { limit, timestamp } from '../api-schemas.js';

/** An item's history and the orders holding its backordered units: the product detail screen's operations. */

const CAUSE_TYPES = [
  'order_line',
  'import_row',
  'api_request',
  'admin_action',
  'bigcommerce_webhook',
  'bigcommerce_sync',
  'scheduler',
  'settings_change',
  'assignment',
] as const satisfies readonly CauseType[];
// Every cause the pipeline records is listed above (the typecheck fails here otherwise).
const everyCauseListed: Exclude<CauseType, (typeof CAUSE_TYPES)[number]> extends never ? true : never = true;
void everyCauseListed;

/** A cursor of several numbers (keyset pagination over a compound position), opaque to clients. */
function compoundCursor<T>(tag: string, parts: number, read: (numbers: number[]) => T | null) {
  const pattern = new RegExp(`^v1:${tag}:(\\d{1,15}(?::\\d{1,15}){${parts - 1}})$`);
  return {
    encode: (numbers: readonly number[]) =>
      Buffer.from(`v1:${tag}:${numbers.join(':')}`, 'utf8').toString('base64url'),
    schema: z
      .string()
      .max(200)
      .transform((text, ctx) => {
        const match = pattern.exec(Buffer.from(text, 'base64url').toString('utf8'));
        const value = match === null ? null : read(match[1]!.split(':').map(Number));
        if (value === null) {
          ctx.addIssue({ code: 'custom', message: 'Not a cursor this API gave out.' });
          return z.NEVER;
        }
        return value;
      })
      .meta({ description: 'The `next_cursor` of the previous page.' }),
  };
}

const historyCursor = compoundCursor<HistoryPosition>('h', 3, ([eventId, type, id]) =>
  type === 0 || type === 1
    ? { eventId: eventId!, type: type === 1 ? 'transition' : 'movement', id: id! }
    : null,
);

export function encodeHistoryCursor(position: HistoryPosition): string {
  return historyCursor.encode([position.eventId, position.type === 'transition' ? 1 : 0, position.id]);
}

const itemOrdersCursor = compoundCursor<ItemOrdersPosition>('o', 2, ([bcOrderId, bcOrderProductId]) => ({
  bcOrderId: bcOrderId!,
  bcOrderProductId: bcOrderProductId!,
}));

export function encodeItemOrdersCursor(position: ItemOrdersPosition): string {
  return itemOrdersCursor.encode([position.bcOrderId, position.bcOrderProductId]);
}

export const itemHistoryQuerySchema = z.strictObject({
  limit: limit(100, 25),
  cursor: historyCursor.schema.optional(),
});

export const itemOrdersQuerySchema = z.strictObject({
  limit: limit(100, 25),
  cursor: itemOrdersCursor.schema.optional(),
});

const statusAndBlock = z.object({
  status: z.enum(STATUSES).nullable().meta({ description: 'Null while not assigned.' }),
  block: z.enum(BLOCKS).nullable(),
});

export const itemHistoryEntrySchema = z
  .object({
    type: z
      .enum(['movement', 'transition'])
      .meta({ description: 'A stock movement (ledger) or a change of status or block (transition log).' }),
    at: timestamp,
    actor: z.string().meta({ description: 'Who: `admin:<email>`, `api-key:<prefix>`, `system`, …' }),
    cause: z.object({
      type: z.enum(CAUSE_TYPES),
      ref: z.string().nullable().meta({ description: 'The causing record: order line id, request id, …' }),
      order_id: z
        .int()
        .nullable()
        .meta({ description: 'The BigCommerce order of an `order_line` cause; null otherwise.' }),
    }),
    movement: z
      .object({
        kind: z.string().meta({
          description: 'assignment, sale, return, set, sync, receive, episode_end, unassignment.',
        }),
        delta: z.int().meta({ description: 'Stock change.' }),
        backordered_delta: z.int(),
        stock_after: z.int(),
        backordered_after: z.int(),
        episode: z.int().meta({ description: 'The out-of-stock episode it belongs to.' }),
      })
      .nullable()
      .meta({ description: 'Set for a movement.' }),
    transition: z
      .object({
        from: statusAndBlock,
        to: statusAndBlock,
        reason: z.string().meta({
          description:
            'order_placed, order_returned, threshold_reached, date_reached, episode_ended, enabled_by_merchant, disabled_by_merchant, stock_received, api_edit, admin_edit, assigned, …',
        }),
      })
      .nullable()
      .meta({ description: 'Set for a transition.' }),
  })
  .meta({ id: 'ItemHistoryEntry' });

export const itemHistorySchema = z
  .object({
    data: z.array(itemHistoryEntrySchema),
    next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }),
  })
  .meta({ id: 'ItemHistory' });

export const itemOrderSchema = z
  .object({
    order_id: z.int().meta({ description: 'BigCommerce order id.' }),
    order_product_id: z.int().meta({ description: 'BigCommerce order product (line) id.' }),
    created_at: timestamp.meta({ description: 'When the line was recorded.' }),
    quantity: z.int(),
    backordered: z.int().meta({ description: 'Units of the line sold as backorders.' }),
    returned_quantity: z.int(),
    episode: z.int().meta({ description: 'The out-of-stock episode the line was sold in.' }),
    control_panel_url: z.string().meta({ description: 'The order in the BigCommerce control panel.' }),
  })
  .meta({ id: 'ItemOrder' });

export const itemOrderListSchema = z
  .object({ data: z.array(itemOrderSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'ItemOrderList' });

export function itemHistoryEntryJson(entry: ItemHistoryLine): z.input<typeof itemHistoryEntrySchema> {
  const row = entry.type === 'movement' ? entry.movement : entry.transition;
  return {
    type: entry.type,
    at: row.createdAt.toISOString(),
    actor: row.actor,
    cause: { type: row.causeType, ref: row.causeRef, order_id: entry.bcOrderId },
    movement:
      entry.type === 'movement'
        ? {
            kind: entry.movement.kind,
            delta: entry.movement.delta,
            backordered_delta: entry.movement.backorderedDelta,
            stock_after: entry.movement.stockAfter,
            backordered_after: entry.movement.backorderedAfter,
            episode: entry.movement.episode,
          }
        : null,
    transition:
      entry.type === 'transition'
        ? { from: entry.transition.from, to: entry.transition.to, reason: entry.transition.reason }
        : null,
  };
}

export function itemOrderJson(line: ItemOrderLine, controlPanelUrl: string): z.input<typeof itemOrderSchema> {
  return {
    order_id: line.bcOrderId,
    order_product_id: line.bcOrderProductId,
    created_at: line.createdAt.toISOString(),
    quantity: line.quantity,
    backordered: line.backordered,
    returned_quantity: line.returnedQuantity,
    episode: line.episode,
    control_panel_url: controlPanelUrl,
  };
}
