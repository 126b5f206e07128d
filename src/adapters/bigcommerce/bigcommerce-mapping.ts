import type {
  CatalogRefusal,
  CatalogSort,
  ProductChange,
  ProductSearch,
  StoreProduct,
  StoreVariant,
  VariantChange,
} from '../../app/ports/store-catalog.js';
import type {
  OrderStatus,
  ShippingAddress,
  StoreOrder,
  StoreOrderLine,
} from '../../app/ports/store-orders.js';
import type {
  InstalledScript,
  StorefrontScript,
  StoreWebhook,
  WebhookChange,
  WebhookSubscription,
} from '../../app/ports/store-setup.js';
import { isBigCommerceError } from './bigcommerce.errors.js';
import type {
  BatchItemFailure,
  Hook,
  HookCreate,
  HookUpdate,
  Order,
  OrderConsignments,
  OrderProduct,
  OrderShippingAddress,
  OrderWithConsignments,
  Product,
  ProductPatch,
  ProductQuery,
  ProductSort,
  Script,
  ScriptCreate,
  Variant,
  VariantPatch,
} from './bigcommerce.types.js';

/**
 * BigCommerce's wire shapes ⇄ the app's ports (src/app/ports/store-*.ts). Pure: every field the app
 * reads or writes is named here once, so the use cases never see BigCommerce's names or ids.
 */

/** The value, or null when BigCommerce says the resource does not exist (404). */
export async function nullWhenNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isBigCommerceError(error, 'BIGCOMMERCE.NOT_FOUND')) return null;
    throw error;
  }
}

// ---------------------------------------------------------------- orders

/** BigCommerce's fixed order status ids (docs/bigcommerce.md#orders, `GET /v2/order_statuses`). */
const ORDER_STATUS_BY_ID: Readonly<Record<number, OrderStatus>> = {
  0: 'incomplete',
  1: 'pending',
  2: 'shipped',
  3: 'partiallyShipped',
  4: 'refunded',
  5: 'cancelled',
  6: 'declined',
  7: 'awaitingPayment',
  8: 'awaitingPickup',
  9: 'awaitingShipment',
  10: 'completed',
  11: 'awaitingFulfillment',
  12: 'manualVerificationRequired',
  13: 'disputed',
  14: 'partiallyRefunded',
};

export function orderStatusOf(statusId: number): OrderStatus {
  return ORDER_STATUS_BY_ID[statusId] ?? 'unknown';
}

export function storeOrderOf(order: Order): StoreOrder {
  return {
    id: order.id,
    status: orderStatusOf(order.status_id),
    staffNotes: order.staff_notes ?? '',
    // RFC 2822 ("Tue, 05 Mar 2026 10:00:00 +0000"), which Date parses.
    createdAt: new Date(order.date_created),
    customerName: customerNameOf(order.billing_address),
  };
}

/**
 * The lines an order read with `include=consignments.line_items` carries in its consignments (pickups,
 * shipping, downloads, gift certificates by email), each line once, in id order; either structure
 * (object, or the legacy array of objects). Null when the answer holds no consignments at all (the
 * include not honoured), or when they hold fewer units than the order's `items_total`: the caller then
 * reads the lines themselves rather than count a sale short.
 */
export function orderLinesOf(order: OrderWithConsignments): StoreOrderLine[] | null {
  if (order.consignments === undefined || order.consignments === null) return null;
  const groups: readonly OrderConsignments[] = Array.isArray(order.consignments)
    ? order.consignments
    : [order.consignments as OrderConsignments];
  const byId = new Map<number, OrderProduct>();
  for (const group of groups) {
    const consignments = [
      ...(group.pickups ?? []),
      ...(group.shipping ?? []),
      ...(group.downloads ?? []),
      ...(group.email?.gift_certificates ?? []),
    ];
    for (const consignment of consignments) {
      // `line_items` holds links instead of lines when only `include=consignments` was honoured.
      for (const line of Array.isArray(consignment.line_items) ? consignment.line_items : []) {
        if (typeof line?.id === 'number' && typeof line.quantity === 'number') byId.set(line.id, line);
      }
    }
  }
  const lines = [...byId.values()].sort((a, b) => a.id - b.id);
  const units = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (typeof order.items_total === 'number' && units < order.items_total) return null;
  return lines.map(storeOrderLineOf);
}

export function shippingAddressOf(address: OrderShippingAddress): ShippingAddress {
  return {
    id: address.id,
    firstName: address.first_name ?? '',
    lastName: address.last_name ?? '',
    company: address.company ?? '',
    street1: address.street_1 ?? '',
    street2: address.street_2 ?? '',
    city: address.city ?? '',
    state: address.state ?? '',
    zip: address.zip ?? '',
    country: address.country ?? '',
    phone: address.phone ?? '',
  };
}

/** `Jane Doe` from the billing address; null when it names nobody (a guest's empty address). */
export function customerNameOf(address: Order['billing_address']): string | null {
  const name = [address?.first_name, address?.last_name]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ');
  return name === '' ? null : name;
}

export function storeOrderLineOf(line: OrderProduct): StoreOrderLine {
  return {
    id: line.id,
    // A custom line (not from the catalog) names product 0.
    bcProductId: line.product_id ? line.product_id : null,
    bcVariantId: line.variant_id ? line.variant_id : null,
    kind: line.type === 'giftcertificate' ? 'giftCertificate' : 'product',
    quantity: line.quantity,
    name: line.name_merchant || line.name,
    sku: line.sku ?? '',
    options: (line.product_options ?? []).map((o) => ({ name: o.display_name, value: o.display_value })),
    // Only stores in BigCommerce's backorders beta send it (docs/bigcommerce.md#orders).
    ...(typeof line.quantity_backordered === 'number'
      ? { quantityBackordered: line.quantity_backordered }
      : {}),
  };
}

// ---------------------------------------------------------------- catalog

export function storeVariantOf(variant: Variant): StoreVariant {
  return {
    id: variant.id,
    sku: variant.sku,
    options: variant.option_values.map((v) => ({
      name: v.option_display_name,
      value: v.label,
      optionId: v.option_id,
      valueId: v.id,
    })),
    purchasable: !variant.purchasing_disabled,
    unavailableMessage: variant.purchasing_disabled_message ?? '',
    stockLevel: variant.inventory_level,
    warningLevel: variant.inventory_warning_level,
  };
}

export function storeProductOf(product: Product): StoreProduct {
  return {
    id: product.id,
    name: product.name,
    sku: product.sku,
    brandId: product.brand_id,
    categoryIds: product.categories,
    visible: product.is_visible,
    availability: product.availability,
    availabilityDescription: product.availability_description ?? '',
    tracking: product.inventory_tracking,
    stockLevel: product.inventory_level,
    warningLevel: product.inventory_warning_level,
    orderQuantityMaximum: product.order_quantity_maximum ?? 0,
    modifiedAt: product.date_modified,
    variants: (product.variants ?? []).map(storeVariantOf),
  };
}

/** The app's sort names are its public API's; these are BigCommerce's `sort` values for them. */
const PRODUCT_SORT: Readonly<Record<CatalogSort, ProductSort>> = {
  id: 'id',
  name: 'name',
  sku: 'sku',
  inventory_level: 'inventory_level',
  date_modified: 'date_modified',
};

/** `GET /catalog/products` parameters of a search (`ids`/`excludeIds` as given: callers chunk them). */
export function productQueryOf(search: ProductSearch): ProductQuery {
  return {
    ...(search.keyword === undefined
      ? {}
      : { keyword: search.keyword, keyword_context: 'merchant' as const }),
    ...(search.sku === undefined ? {} : { sku: search.sku }),
    ...(search.brandId === undefined ? {} : { brand_id: search.brandId }),
    ...(search.categoryId === undefined ? {} : { 'categories:in': [search.categoryId] }),
    ...(search.visible === undefined ? {} : { is_visible: search.visible }),
    ...(search.availability === undefined ? {} : { availability: search.availability }),
    ...(search.stockMin === undefined ? {} : { 'inventory_level:min': search.stockMin }),
    ...(search.stockMax === undefined ? {} : { 'inventory_level:max': search.stockMax }),
    ...(search.ids === undefined ? {} : { 'id:in': search.ids }),
    ...(search.excludeIds === undefined ? {} : { 'id:not_in': search.excludeIds }),
    ...(search.sort === undefined ? {} : { sort: PRODUCT_SORT[search.sort] }),
    ...(search.direction === undefined ? {} : { direction: search.direction }),
  };
}

export function productPatchOf(change: ProductChange): ProductPatch {
  return {
    id: change.bcProductId,
    ...(change.tracking === undefined ? {} : { inventory_tracking: change.tracking }),
    ...(change.availability === undefined ? {} : { availability: change.availability }),
    ...(change.stockLevel === undefined ? {} : { inventory_level: change.stockLevel }),
    ...(change.orderQuantityMaximum === undefined
      ? {}
      : { order_quantity_maximum: change.orderQuantityMaximum }),
  };
}

export function variantPatchOf(change: VariantChange): VariantPatch {
  return {
    id: change.bcVariantId,
    product_id: change.bcProductId,
    ...(change.purchasable === undefined ? {} : { purchasing_disabled: !change.purchasable }),
    ...(change.unavailableMessage === undefined
      ? {}
      : { purchasing_disabled_message: change.unavailableMessage }),
    ...(change.stockLevel === undefined ? {} : { inventory_level: change.stockLevel }),
  };
}

/**
 * An item BigCommerce refused, or null for a 207 of a write without inventory data: "applied in part"
 * means the product's data was written and only other parts (inventory data) failed. When the write
 * carried an inventory level (an unassignment handing tracking back), that part is what failed.
 */
export function catalogRefusalOf(failure: BatchItemFailure, carriedStock = false): CatalogRefusal | null {
  if (failure.status === 207 && !carriedStock) return null;
  return {
    id: failure.id,
    notFound: failure.status === 404,
    reason: `${failure.code} (${failure.status}): ${failure.title}`,
  };
}

// ---------------------------------------------------------------- setup

export function storeWebhookOf(hook: Hook): StoreWebhook {
  return {
    id: hook.id,
    scope: hook.scope,
    destination: hook.destination,
    active: hook.is_active,
    headers: hook.headers,
  };
}

export function hookCreateOf(webhook: WebhookSubscription): HookCreate {
  return {
    scope: webhook.scope,
    destination: webhook.destination,
    is_active: webhook.active,
    headers: webhook.headers,
  };
}

export function hookUpdateOf(change: WebhookChange): HookUpdate {
  return {
    ...(change.active === undefined ? {} : { is_active: change.active }),
    ...(change.headers === undefined ? {} : { headers: change.headers }),
  };
}

export function installedScriptOf(script: Script): InstalledScript {
  return {
    id: script.uuid,
    name: script.name,
    description: script.description,
    src: script.src ?? null,
    inline: script.kind !== 'src',
    loading: script.load_method,
    location: script.location,
    pages: script.visibility,
    removedOnUninstall: script.auto_uninstall,
    consentCategory: script.consent_category ?? null,
    enabled: script.enabled,
  };
}

export function scriptCreateOf(script: StorefrontScript): ScriptCreate {
  return {
    name: script.name,
    description: script.description,
    kind: 'src',
    src: script.src,
    load_method: script.loading,
    location: script.location,
    visibility: script.pages,
    auto_uninstall: script.removedOnUninstall,
    consent_category: script.consentCategory,
    enabled: script.enabled,
  };
}
