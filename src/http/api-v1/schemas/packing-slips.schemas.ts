import { z } from 'zod';
import { MAX_PACKING_SLIP_ORDERS } from '../../../app/orders/print-packing-slips.js';
import { idParam } from '../api-schemas.js';

/** The printable packing slips of orders (the Orders screen's "Print packing slips"). */

export const PACKING_SLIP_MEDIA_TYPE = 'application/pdf';

export const packingSlipsQuerySchema = z.strictObject({
  order_ids: z
    .string()
    .max(1000)
    .transform((text): unknown[] => text.split(','))
    .pipe(z.array(idParam).min(1).max(MAX_PACKING_SLIP_ORDERS))
    .meta({
      description: `BigCommerce order ids, separated by commas (1 to ${MAX_PACKING_SLIP_ORDERS}); a repeated id prints once.`,
      examples: ['101,102'],
    }),
});

export const packingSlipParamsSchema = z.strictObject({
  order_id: idParam.meta({ description: 'BigCommerce order id.' }),
});

/** Orders named in a file name at most; more are named by the day they were printed. */
const IDS_IN_NAME = 5;

/**
 * `packing-slip-101.pdf` for one order, `packing-slips-101-102.pdf` for a few,
 * `packing-slips-2026-03-10.pdf` (the store's date) for more.
 */
export function packingSlipsFileName(orderIds: readonly number[], storeToday: string): string {
  if (orderIds.length === 1) return `packing-slip-${orderIds[0]}.pdf`;
  return orderIds.length <= IDS_IN_NAME
    ? `packing-slips-${orderIds.join('-')}.pdf`
    : `packing-slips-${storeToday}.pdf`;
}
