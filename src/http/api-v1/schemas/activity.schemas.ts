import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type ActivityPosition,
  CAUSE_TYPES,
  MOVEMENT_KINDS,
} from '../../../app/ports/activity-log.js';
import { BLOCKS, STATUSES } from '../../../core/item.js';
import { localDate, timestamp, wholeNumber } from '../api-schemas.js';

/**
 * The shapes of the Dashboard and Activity operations (routes/activity.routes.ts): the request checks
 * and the OpenAPI document come from these, as in api-schemas.ts.
 */

const count = z.int().min(0);

// ── Activity cursor ──────────────────────────────────────────────────────────────────────────────

const KIND_LETTER: Readonly<Record<ActivityKind, string>> = { movement: 'm', transition: 't' };

/** Opaque to clients: base64url of the last entry's place in the list (time, event, kind, row). */
export function encodeActivityCursor(position: ActivityPosition): string {
  const text = `v1:${position.at.getTime()}:${position.eventId}:${KIND_LETTER[position.kind]}:${position.id}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

const activityCursor = z
  .string()
  .max(200)
  .transform((text, ctx): ActivityPosition => {
    const match = /^v1:(\d{1,15}):(\d{1,15}):([mt]):(\d{1,15})$/.exec(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (match === null) {
      ctx.addIssue({ code: 'custom', message: 'Not a cursor this API gave out.' });
      return z.NEVER;
    }
    return {
      at: new Date(Number(match[1])),
      eventId: Number(match[2]),
      kind: match[3] === 'm' ? 'movement' : 'transition',
      id: Number(match[4]),
    };
  })
  .meta({ description: 'The `next_cursor` of the previous page.' });

// ── Shared parts ─────────────────────────────────────────────────────────────────────────────────

export const itemRefSchema = z
  .object({
    sku: z.string().nullable(),
    product_id: z.int().meta({ description: 'BigCommerce product id.' }),
    variant_id: z.int().nullable().meta({ description: 'BigCommerce variant id; null without variants.' }),
    product_name: z.string().meta({ description: 'The product’s name when it was last assigned.' }),
    variant_label: z
      .string()
      .nullable()
      .meta({ description: 'The variant’s options (`Size: M`); null without variants or until recorded.' }),
  })
  .meta({ id: 'ItemRef', description: 'The item an entry is about, named as the control panel names it.' });

const statusView = z.object({
  status: z.enum(STATUSES).nullable().meta({ description: 'null: not assigned.' }),
  block: z.enum(BLOCKS).nullable(),
});

export const activityEntrySchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'Unique within the store’s activity (`m…` movement, `t…` transition).' }),
    kind: z.enum(ACTIVITY_KINDS),
    at: timestamp,
    item: itemRefSchema,
    movement: z
      .object({
        kind: z.enum(MOVEMENT_KINDS),
        delta: z.int().meta({ description: 'Change of stock.' }),
        backordered_delta: z.int().meta({ description: 'Change of backordered units (B).' }),
        stock_after: z.int(),
        backordered_after: count,
      })
      .nullable()
      .meta({ description: 'A stock movement of the ledger; null for a transition.' }),
    transition: z
      .object({
        from: statusView,
        to: statusView,
        reason: z.string().meta({
          description:
            'Why, as a code: `order_placed`, `threshold_reached`, `date_reached`, `disabled_by_merchant`, `episode_ended`, …',
        }),
      })
      .nullable()
      .meta({ description: 'A status or block change; null for a movement.' }),
    cause: z.object({
      type: z.enum(CAUSE_TYPES),
      ref: z.string().nullable().meta({ description: 'The causing record, e.g. `order:123:line:456`.' }),
      order_id: z
        .int()
        .nullable()
        .meta({ description: 'The BigCommerce order, when an order line caused it.' }),
    }),
    actor: z
      .string()
      .meta({ description: 'Who: `bigcommerce`, `system`, `admin:<email>`, `api-key:<prefix>`.' }),
  })
  .meta({ id: 'ActivityEntry', description: 'One stock movement or one status change of an item.' });

// ── GET /activity ────────────────────────────────────────────────────────────────────────────────

export const activityQuerySchema = z.strictObject({
  sku: z.string().min(1).max(255).optional().meta({ description: 'Only this item (exact SKU).' }),
  product_id: wholeNumber(1, 2_147_483_647)
    .optional()
    .meta({ description: 'Only the items of this BigCommerce product.' }),
  cause: z.enum(CAUSE_TYPES).optional().meta({ description: 'Only entries with this cause type.' }),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  from: localDate.optional().meta({ description: 'First store-local day listed.' }),
  to: localDate.optional().meta({ description: 'Last store-local day listed (included).' }),
  limit: wholeNumber(1, 200).default(50).meta({ description: 'Page size, 1 to 200.' }),
  cursor: activityCursor.optional(),
});

export const activityListSchema = z
  .object({
    data: z.array(activityEntrySchema),
    next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }),
  })
  .meta({ id: 'ActivityList' });

// ── GET /dashboard ───────────────────────────────────────────────────────────────────────────────

const dashboardItemSchema = z
  .object({
    item: itemRefSchema,
    stock: z.int(),
    threshold: z.int().nullable(),
    backordered: z.int(),
    incoming_stock: z.int(),
    back_in_stock_date: localDate.nullable(),
    status: z.enum(STATUSES),
    block: z.enum(BLOCKS).nullable(),
  })
  .meta({ id: 'DashboardItem' });

const dashboardItemList = z.object({
  total: count.meta({ description: 'Every matching item; `items` lists the first ones.' }),
  items: z.array(dashboardItemSchema),
});

export const dashboardSchema = z
  .object({
    today: localDate.meta({ description: 'The store’s date now, in its time zone.' }),
    counts: z.object({
      assigned: count,
      in_stock: count,
      backorder: count,
      unavailable: count,
      blocks: z.object({ threshold: count, date: count, manual: count }),
    }),
    needs_attention: dashboardItemList.meta({
      description:
        'Assigned items the rules blocked (threshold reached or back-in-stock date reached), most recently changed first.',
    }),
    upcoming_dates: dashboardItemList.extend({ from: localDate, to: localDate }).meta({
      description:
        'Assigned items whose back-in-stock date falls in the next 7 store-local days (`from`, tomorrow, to `to`), soonest first.',
    }),
    recent_activity: z
      .array(activityEntrySchema)
      .meta({ description: 'The latest status and block changes, newest first.' }),
  })
  .meta({ id: 'Dashboard' });
