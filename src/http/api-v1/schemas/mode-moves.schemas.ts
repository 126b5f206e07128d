import { z } from 'zod';
import type { ModeTarget } from '../../../app/modes/mode-move-targets.js';
import type { ItemRecord } from '../../../app/ports/item-repository.js';
import type { ModeMoveRecord } from '../../../app/ports/mode-move-repository.js';
import { INVENTORY_MODES } from '../../../app/ports/settings-repository.js';
import { BLOCKS, STATUSES } from '../../../core/item.js';
import { count, cursor, encodeCursor, idParam, limit, timestamp } from '../api-schemas.js';

/** Moving a store's assigned items between inventory modes (docs/product.md#moving-between-modes). */

const mode = z.enum(INVENTORY_MODES).meta({
  description:
    'emulated (tracking off, stock in the app), capped (cap at checkout) or native (BigCommerce’s native backorders).',
});

export const modeMoveSchema = z
  .object({
    id: z.int(),
    from: mode,
    to: mode,
    status: z.enum(['running', 'done', 'failed']),
    total_products: count,
    done_products: count.meta({ description: 'Products moved so far: the progress.' }),
    problems: z.string().nullable().meta({
      description:
        'What BigCommerce refused on the way (products it would not change), for logs; null when none.',
    }),
    actor: z.string(),
    started_at: timestamp,
    finished_at: timestamp.nullable(),
  })
  .meta({ id: 'ModeMove' });

export const modeMoveBodySchema = z.strictObject({ to: mode });

export const modeMoveParamsSchema = z.strictObject({ id: idParam });

export const modeMovePreviewQuerySchema = z.strictObject({
  to: mode,
  limit: limit(200, 50),
  cursor: cursor.optional(),
});

const bigCommerceAfterSchema = z
  .object({
    inventory_tracking: z.enum(['none', 'on']),
    inventory_level: count.nullable().meta({
      description: 'capped: the units still sellable; native: units on hand; null when tracking is off.',
    }),
    qty_backordered: count
      .nullable()
      .meta({ description: 'native only: BigCommerce’s quantity backordered.' }),
    backorder_limit: count
      .nullable()
      .meta({ description: 'native only (null when unlimited or another mode).' }),
    unlimited_backorder: z.boolean().nullable(),
    safety_stock: count.nullable().meta({ description: 'native only: the switch condition S.' }),
  })
  .meta({ id: 'ModeMoveTarget' });

export const modeMovePreviewSchema = z
  .object({
    from: mode,
    to: mode,
    data: z.array(
      z.object({
        sku: z.string().nullable(),
        product_id: z.int(),
        variant_id: z.int().nullable(),
        stock: z.int(),
        backordered: count,
        threshold: count.nullable(),
        status: z.enum(STATUSES).nullable(),
        block: z.enum(BLOCKS).nullable(),
        bigcommerce: bigCommerceAfterSchema,
      }),
    ),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'ModeMovePreview' });

export function modeMoveJson(move: ModeMoveRecord): z.input<typeof modeMoveSchema> {
  return {
    id: move.id,
    from: move.from,
    to: move.to,
    status: move.status,
    total_products: move.totalProducts,
    done_products: move.doneProducts,
    problems: move.error,
    actor: move.actor,
    started_at: move.createdAt.toISOString(),
    finished_at: move.finishedAt?.toISOString() ?? null,
  };
}

export function modeMovePreviewItemJson(
  item: ItemRecord,
  target: ModeTarget,
): z.input<typeof modeMovePreviewSchema>['data'][number] {
  return {
    sku: item.sku,
    product_id: item.bcProductId,
    variant_id: item.bcVariantId,
    stock: item.stock,
    backordered: item.backordered,
    threshold: item.threshold,
    status: item.status,
    block: item.block,
    bigcommerce: {
      inventory_tracking: target.mode === 'emulated' ? 'none' : 'on',
      inventory_level:
        target.mode === 'capped' ? target.level : target.mode === 'native' ? target.onHand : null,
      qty_backordered: target.mode === 'native' ? target.backordered : null,
      backorder_limit: target.mode === 'native' && !target.settings.unlimited ? target.settings.limit : null,
      unlimited_backorder: target.mode === 'native' ? target.settings.unlimited : null,
      safety_stock: target.mode === 'native' ? target.settings.safetyStock : null,
    },
  };
}

export { encodeCursor };
