import { createHash } from 'node:crypto';
import { orderStatusOf } from '../../src/adapters/bigcommerce/bigcommerce-mapping.js';
import type { StoreId } from '../../src/app/ports/store-id.js';
import type { OrderStatus } from '../../src/app/ports/store-orders.js';

/**
 * BigCommerce's webhook deliveries (`{scope, store_id, data, hash, created_at, producer}`, see
 * docs/bigcommerce.md#webhooks) as the webhook route records them in the inbox. `data` only points at
 * what changed; the handlers read the truth from the store.
 */
export interface Delivery {
  readonly scope: string;
  readonly store_id: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly hash: string;
  readonly created_at: number;
  readonly producer: string;
}

export interface DeliveryOptions {
  readonly storeHash?: string;
  readonly storeId?: StoreId;
  /** When BigCommerce created the event (whole seconds are sent). */
  readonly at?: Date;
}

export function aDelivery(
  scope: string,
  data: Readonly<Record<string, unknown>>,
  options: DeliveryOptions = {},
): Delivery {
  return {
    scope,
    store_id: String(options.storeId ?? 1),
    data,
    // BigCommerce's hash is the SHA-1 of `data`.
    hash: createHash('sha1').update(JSON.stringify(data)).digest('hex'),
    created_at: Math.floor((options.at ?? new Date('2026-03-10T15:00:00Z')).getTime() / 1000),
    producer: `stores/${options.storeHash ?? 'abc123'}`,
  };
}

export const orderCreated = (orderId: number, options?: DeliveryOptions) =>
  aDelivery('store/order/created', { type: 'order', id: orderId }, options);

export const orderStatusUpdated = (
  orderId: number,
  from: OrderStatus,
  to: OrderStatus,
  options?: DeliveryOptions,
) =>
  aDelivery(
    'store/order/statusUpdated',
    {
      type: 'order',
      id: orderId,
      status: { previous_status_id: statusIdOf(from), new_status_id: statusIdOf(to) },
    },
    options,
  );

export const productUpdated = (bcProductId: number, options?: DeliveryOptions) =>
  aDelivery('store/product/updated', { type: 'product', id: bcProductId }, options);

export const productInventoryUpdated = (bcProductId: number, options?: DeliveryOptions) =>
  aDelivery(
    'store/product/inventory/updated',
    {
      type: 'product',
      id: bcProductId,
      inventory: { product_id: bcProductId, method: 'absolute', value: 1 },
    },
    options,
  );

export const skuInventoryUpdated = (bcProductId: number, bcVariantId: number, options?: DeliveryOptions) =>
  aDelivery(
    'store/sku/inventory/updated',
    {
      type: 'sku',
      id: bcVariantId + 100_000,
      inventory: { product_id: bcProductId, variant_id: bcVariantId, method: 'absolute', value: 1 },
    },
    options,
  );

/** An inventory webhook with its numbers: absolute → `value` is the new level, relative → the change. */
export const inventoryChanged = (
  item: { readonly bcProductId: number; readonly bcVariantId: number | null },
  method: 'absolute' | 'relative',
  value: number,
  options?: DeliveryOptions,
) =>
  item.bcVariantId === null
    ? aDelivery(
        'store/product/inventory/updated',
        {
          type: 'product',
          id: item.bcProductId,
          inventory: { product_id: item.bcProductId, method, value },
        },
        options,
      )
    : aDelivery(
        'store/sku/inventory/updated',
        {
          type: 'sku',
          id: item.bcVariantId + 100_000,
          inventory: { product_id: item.bcProductId, variant_id: item.bcVariantId, method, value },
        },
        options,
      );

export const productDeleted = (bcProductId: number, options?: DeliveryOptions) =>
  aDelivery('store/product/deleted', { type: 'product', id: bcProductId }, options);

export const appUninstalled = (options?: DeliveryOptions) =>
  aDelivery('store/app/uninstalled', { type: 'app', id: 'backorder' }, options);

/** BigCommerce's status id of an app status (the adapter's mapping, read backwards). */
export function statusIdOf(status: OrderStatus): number {
  for (let id = 0; id <= 14; id += 1) if (orderStatusOf(id) === status) return id;
  throw new Error(`BigCommerce has no status id for '${status}'`);
}
