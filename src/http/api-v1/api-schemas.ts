import { z } from 'zod';
import { MAX_API_KEY_NAME_LENGTH } from '../../app/api-keys/create-api-key.js';
import { INVENTORY_MODES } from '../../app/ports/settings-repository.js';
import { NOTIFY_EVENTS } from '../../app/settings/notify-events.js';
import {
  MAX_TEMPLATE_NAME_LENGTH,
  MAX_TEMPLATE_TEXT_LENGTH,
} from '../../app/settings/templates/template-fields.js';
import { MAX_NOTIFICATION_EMAILS } from '../../app/settings/update-settings.js';
import { BLOCKS, MAX_UNITS, STATUSES } from '../../core/item.js';

/**
 * Every request and response shape of the public API, once: the routes validate with these and the
 * OpenAPI document is generated from them (openapi.ts). Schemas with an `id` become named components.
 */

/** Ids the app and BigCommerce give out are 32-bit: anything larger names nothing (and overflows PostgreSQL's integer). */
const MAX_ID = 2_147_483_647;

export const count = z.int().min(0).max(MAX_UNITS);
const units = z.int().min(-MAX_UNITS).max(MAX_UNITS);
export const localDate = z.iso
  .date()
  .meta({ description: 'A calendar date YYYY-MM-DD in the store’s time zone.' });
export const timestamp = z.iso.datetime().meta({ description: 'An instant, ISO 8601 in UTC.' });
export const sku = z.string().min(1).max(255);

/** Keyset cursors are opaque to clients: base64url of the position they continue after. */
export function encodeCursor(position: number): string {
  return Buffer.from(`v1:${position}`, 'utf8').toString('base64url');
}

export const cursor = z
  .string()
  .max(100)
  .transform((text, ctx) => {
    const match = /^v1:(\d{1,10})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
    if (match === null || Number(match[1]) > MAX_ID) {
      ctx.addIssue({ code: 'custom', message: 'Not a cursor this API gave out.' });
      return z.NEVER;
    }
    return Number(match[1]);
  })
  .meta({ description: 'The `next_cursor` of the previous page.' });

/**
 * A whole number in the path or the query: decimal digits only. `z.coerce.number()` would take `1e2`,
 * `0x10`, ` 5` or `5.0` for numbers; the document still shows an integer with its bounds.
 */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess((value, ctx) => {
    if (typeof value === 'string' && /^\d{1,10}$/.test(value)) return Number(value);
    ctx.addIssue({ code: 'custom', message: 'Use decimal digits only.', input: value });
    return z.NEVER;
  }, z.int().min(min).max(max));

export const idParam = wholeNumber(1, MAX_ID);

export const limit = (max: number, fallback: number) =>
  wholeNumber(1, max)
    .default(fallback)
    .meta({ description: `Page size, 1 to ${max}.` });

// ── Items ────────────────────────────────────────────────────────────────────────────────────────

export const itemSchema = z
  .object({
    sku: z.string().nullable(),
    product_id: z.int().meta({ description: 'BigCommerce product id.' }),
    variant_id: z
      .int()
      .nullable()
      .meta({ description: 'BigCommerce variant id; null for a product without variants.' }),
    variant_label: z.string().nullable().meta({
      description:
        'The variant’s options as the control panel names them (`Size: M, Colour: Red`); null for a product without variants, or until the next sync records them.',
    }),
    stock: z.int().meta({ description: 'On-hand units; negative means units owed.' }),
    threshold: z
      .int()
      .nullable()
      .meta({ description: 'Units that may be backordered per out-of-stock episode; null = unlimited.' }),
    backordered: z.int().meta({ description: 'Units sold as backorders in the current episode.' }),
    incoming_stock: z.int(),
    back_in_stock_date: localDate.nullable(),
    status: z.enum(STATUSES),
    block: z
      .enum(BLOCKS)
      .nullable()
      .meta({ description: 'Why an out-of-stock item may not be backordered.' }),
  })
  .meta({
    id: 'Item',
    description: 'An item (a variant, or a product without variants) assigned to Backorder.',
  });

export const itemListSchema = z
  .object({
    data: z.array(itemSchema),
    next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }),
    product: z
      .object({
        product_id: z.int().meta({ description: 'BigCommerce product id.' }),
        name: z.string().meta({ description: 'As last read from BigCommerce.' }),
        sku: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'The product filtered by (`product_id`), when assigned; null otherwise.' }),
  })
  .meta({ id: 'ItemList' });

export const itemsQuerySchema = z.strictObject({
  sku: sku.optional(),
  product_id: idParam.optional().meta({ description: 'BigCommerce product id.' }),
  status: z.enum(STATUSES).optional(),
  limit: limit(250, 50),
  cursor: cursor.optional(),
});

export const skuParamsSchema = z.strictObject({ sku });

export const itemPatchSchema = z
  .strictObject({
    stock: units.optional(),
    threshold: count.nullable().optional().meta({ description: 'null = unlimited.' }),
    incoming_stock: count.optional(),
    back_in_stock_date: localDate.nullable().optional().meta({ description: 'null clears the date.' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one field to change.' })
  .meta({ minProperties: 1 });

export const receiveBodySchema = z.strictObject({
  quantity: z.int().min(1).max(MAX_UNITS).meta({ description: 'Units arrived; at most the incoming stock.' }),
});

export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'Use 1 to 200 visible ASCII characters.')
  .meta({
    description:
      'Makes a retry safe: the same key for the same item and operation is applied once; a repeat answers with the item as it is and the header `Idempotent-Replayed: true`.',
  });

// ── Assignments ──────────────────────────────────────────────────────────────────────────────────

export const productParamsSchema = z.strictObject({
  product_id: idParam.meta({ description: 'BigCommerce product id.' }),
});

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────

export const nativeBackordersSchema = z
  .object({
    enabled: z.boolean().nullable().meta({
      description:
        'Whether the store has BigCommerce’s native backorders (beta) on, as last checked; null: never checked. BigCommerce publishes no flag: the app infers it from the beta’s fields in the store’s inventory settings.',
    }),
    checked_at: timestamp.nullable().meta({ description: 'When the app last checked; null: never.' }),
    locations: z.number().int().min(0).nullable().meta({
      description:
        'The store’s enabled inventory locations at that check; null when unknown. The app manages the default location only.',
    }),
  })
  .meta({ id: 'NativeBackorders' });

const inventoryMode = z.enum(INVENTORY_MODES).meta({
  description:
    'How the app runs the store’s stock: `emulated` (BigCommerce tracking off, purchase disabled once an item is unavailable), `capped` (tracking on, BigCommerce’s level is the units still sellable, so checkout refuses beyond the threshold), `native` (BigCommerce’s own backorders, beta).',
});

export const settingsSchema = z
  .object({
    switch_condition: count.meta({ description: 'S: an item with stock ≤ S is out of stock.' }),
    notification_emails: z.array(z.string()),
    notify_events: z.array(z.enum(NOTIFY_EVENTS)),
    restock_on_cancel: z
      .boolean()
      .meta({ description: 'Give units back when an order is cancelled or refunded.' }),
    keep_tracking_off: z
      .boolean()
      .meta({ description: 'Turn BigCommerce inventory tracking off again when someone turns it on.' }),
    inventory_mode: inventoryMode,
    native_backorders: nativeBackordersSchema,
    updated_at: timestamp,
  })
  .meta({ id: 'Settings' });

export const settingsPatchSchema = z
  .strictObject({
    switch_condition: count.optional(),
    notification_emails: z.array(z.email()).max(MAX_NOTIFICATION_EMAILS).optional(),
    notify_events: z.array(z.enum(NOTIFY_EVENTS)).max(NOTIFY_EVENTS.length).optional(),
    restock_on_cancel: z.boolean().optional(),
    keep_tracking_off: z.boolean().optional(),
    inventory_mode: inventoryMode.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one setting to change.' })
  .meta({
    minProperties: 1,
    description:
      'Giving switch_condition queues a re-evaluation of every assigned item (answered in `reevaluation`). inventory_mode changes only while no item is assigned (else SETTINGS.MODE_MOVE_REQUIRED); `native` needs native backorders detected on (else SETTINGS.NATIVE_BACKORDERS_OFF).',
  });

// ── Templates ────────────────────────────────────────────────────────────────────────────────────

const templateText = z.string().max(MAX_TEMPLATE_TEXT_LENGTH).meta({
  description:
    'Plain text; placeholders: {back_in_stock_date}, {incoming_stock}, {remaining_units}, {backordered}. A [bracketed phrase] with a placeholder is dropped when that placeholder is empty.',
});

const templateFields = {
  name: z.string().min(1).max(MAX_TEMPLATE_NAME_LENGTH),
  button_text: templateText,
  backorder_message: templateText,
  cart_message: templateText,
  unavailable_message: templateText.meta({
    description:
      'Shown where the add-to-cart button was while an item is unavailable (empty: nothing is shown). Placeholders as in the other texts.',
  }),
  packing_slip_message: templateText,
  threshold: count.nullable(),
  incoming_stock: count,
  back_in_stock_date: localDate.nullable(),
};

export const templateSchema = z
  .object({
    id: z.int(),
    is_default: z.boolean(),
    ...templateFields,
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Template' });

export const templateListSchema = z.object({
  data: z.array(
    templateSchema
      .extend({
        product_count: count.meta({
          description:
            'Products linked to the template, assigned or not (an unassigned product keeps its template); while there are any, it cannot be deleted.',
        }),
      })
      .meta({ id: 'ListedTemplate' }),
  ),
});

export const templateCreateSchema = z.strictObject({
  name: templateFields.name,
  button_text: templateFields.button_text.optional(),
  backorder_message: templateFields.backorder_message.optional(),
  cart_message: templateFields.cart_message.optional(),
  unavailable_message: templateFields.unavailable_message.optional(),
  packing_slip_message: templateFields.packing_slip_message.optional(),
  threshold: templateFields.threshold.optional(),
  incoming_stock: templateFields.incoming_stock.optional(),
  back_in_stock_date: templateFields.back_in_stock_date.optional(),
});

export const templatePatchSchema = templateCreateSchema
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one field to change.' })
  .meta({ minProperties: 1 });

export const templateParamsSchema = z.strictObject({
  template_id: idParam,
});

// ── API keys ─────────────────────────────────────────────────────────────────────────────────────

export const apiKeySchema = z
  .object({
    id: z.int(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart.' }),
    created_at: timestamp,
    last_used_at: timestamp.nullable().meta({ description: 'To the minute.' }),
  })
  .meta({ id: 'ApiKey' });

export const apiKeyListSchema = z.object({ data: z.array(apiKeySchema) });

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().meta({ description: 'The key itself. Shown this once: only its hash is stored.' }),
});

export const apiKeyCreateSchema = z.strictObject({ name: z.string().min(1).max(MAX_API_KEY_NAME_LENGTH) });

export const apiKeyParamsSchema = z.strictObject({
  key_id: idParam,
});
