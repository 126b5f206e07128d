import { z } from 'zod';

/**
 * What the webhooks we handle carry (docs/bigcommerce.md#webhooks). They only point at what
 * changed: the handlers re-fetch the truth from BigCommerce. The inbox stores the whole delivery
 * (`{scope, store_id, data, hash, …}`); a payload stored as just its `data` is read the same way.
 */

const id = z.number().int().positive();
const statusId = z.number().int().min(0);

export const orderCreatedData = z.object({ id });

export const orderStatusData = z.object({
  id,
  status: z.object({ previous_status_id: statusId, new_status_id: statusId }),
});

/** store/product/updated, store/product/deleted. */
export const productData = z.object({ id });

/** store/product/inventory/updated: the product is `data.id` (and `inventory.product_id`). */
export const productInventoryData = z.object({
  id,
  inventory: z.object({ product_id: id }).optional(),
});

/** store/sku/inventory/updated: `data.id` is the SKU; the product is `inventory.product_id`. */
export const skuInventoryData = z.object({
  id,
  inventory: z.object({ product_id: id }),
});

export class InvalidWebhookPayloadError extends Error {
  override readonly name = 'InvalidWebhookPayloadError';
  readonly code = 'WEBHOOK.INVALID_PAYLOAD';
  constructor(scope: string, detail: string) {
    super(`The ${scope} webhook does not carry what it should: ${detail}`);
  }
}

/** The `data` of a stored delivery, checked against `schema`; throws a coded error when it does not fit. */
export function webhookData<T>(scope: string, payload: unknown, schema: z.ZodType<T>): T {
  const data =
    typeof payload === 'object' && payload !== null && 'data' in payload
      ? (payload as { data: unknown }).data
      : payload;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidWebhookPayloadError(
      scope,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}
