/**
 * Wire shapes of the BigCommerce resources the app uses, snake_case as BigCommerce sends them.
 * Only the fields the app reads or writes are listed; names, types and nullability follow the OpenAPI
 * files (docs/bigcommerce.md#openapi-files: products_catalog.v3, product-variants_catalog.v3,
 * orders.v2.oas2, webhooks.v3, scripts.v3, inventory.v3, store_information.v2).
 */

import type { BigCommerceItemFailureCode } from './bigcommerce.errors.js';

// ---------------------------------------------------------------- envelopes

export interface Pagination {
  readonly total: number;
  readonly count: number;
  readonly per_page: number;
  readonly current_page: number;
  readonly total_pages: number;
  readonly links?: { readonly previous?: string; readonly current?: string; readonly next?: string };
}

export interface Page<T> {
  readonly data: T[];
  readonly pagination: Pagination;
}

// ---------------------------------------------------------------- catalog

export type InventoryTracking = 'none' | 'product' | 'variant';
export type Availability = 'available' | 'disabled' | 'preorder';

export interface VariantOptionValue {
  readonly id: number;
  readonly option_id: number;
  readonly option_display_name: string;
  readonly label: string;
}

/** productVariant_Full */
export interface Variant {
  readonly id: number;
  readonly product_id: number;
  readonly sku: string;
  /** v2 SKU id; null for a product's base variant. */
  readonly sku_id: number | null;
  readonly price: number | null;
  readonly sale_price: number | null;
  readonly retail_price: number | null;
  readonly cost_price: number | null;
  readonly calculated_price: number;
  readonly purchasing_disabled: boolean;
  readonly purchasing_disabled_message: string;
  /** Default location only; used when the product tracks inventory by variant. */
  readonly inventory_level: number | null;
  readonly inventory_warning_level: number | null;
  readonly bin_picking_number: string | null;
  readonly upc: string | null;
  readonly image_url: string;
  readonly option_values: readonly VariantOptionValue[];
}

/** product_Full (the fields the app needs). */
export interface Product {
  readonly id: number;
  readonly name: string;
  readonly type: 'physical' | 'digital';
  readonly sku: string;
  readonly price: number;
  readonly calculated_price: number;
  readonly categories: readonly number[];
  readonly brand_id: number;
  readonly inventory_level: number;
  readonly inventory_warning_level: number;
  readonly inventory_tracking: InventoryTracking;
  readonly is_visible: boolean;
  readonly availability: Availability;
  readonly availability_description: string;
  readonly order_quantity_minimum: number;
  readonly order_quantity_maximum: number;
  readonly preorder_release_date: string | null;
  readonly preorder_message: string;
  readonly is_preorder_only: boolean;
  readonly is_price_hidden: boolean;
  readonly price_hidden_label: string;
  readonly base_variant_id: number | null;
  readonly date_created: string;
  readonly date_modified: string;
  readonly custom_url?: { readonly url: string; readonly is_customized: boolean };
  /** Present with `include=variants`. */
  readonly variants?: readonly Variant[];
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** An item of the batch `PUT /catalog/products` body (product_Put_Collection): `id` plus changed fields. */
export type ProductPatch = { readonly id: number } & Partial<
  Writable<
    Pick<
      Product,
      | 'name'
      | 'sku'
      | 'price'
      | 'inventory_level'
      | 'inventory_warning_level'
      | 'inventory_tracking'
      | 'is_visible'
      | 'availability'
      | 'availability_description'
      | 'order_quantity_minimum'
      | 'order_quantity_maximum'
      | 'preorder_release_date'
      | 'preorder_message'
      | 'is_preorder_only'
      | 'is_price_hidden'
      | 'price_hidden_label'
    >
  >
>;

/** An item of the batch `PUT /catalog/variants` body: `id` plus changed fields. */
export type VariantPatch = { readonly id: number; readonly product_id?: number } & Partial<
  Writable<
    Pick<
      Variant,
      | 'sku'
      | 'price'
      | 'sale_price'
      | 'purchasing_disabled'
      | 'purchasing_disabled_message'
      | 'inventory_level'
      | 'inventory_warning_level'
      | 'bin_picking_number'
    >
  >
>;

export type ProductInclude =
  | 'bulk_pricing_rules'
  | 'channels'
  | 'custom_fields'
  | 'images'
  | 'modifiers'
  | 'options'
  | 'parent_relations'
  | 'primary_image'
  | 'reviews'
  | 'variants'
  | 'videos';

export type ProductSort =
  | 'id'
  | 'name'
  | 'sku'
  | 'price'
  | 'date_modified'
  | 'date_last_imported'
  | 'inventory_level'
  | 'is_visible'
  | 'total_sold'
  | 'calculated_price';

/** Query of `GET /catalog/products`, parameter names as on the wire. */
export interface ProductQuery {
  readonly id?: number;
  readonly 'id:in'?: readonly number[];
  readonly 'id:not_in'?: readonly number[];
  readonly keyword?: string;
  readonly keyword_context?: 'shopper' | 'merchant';
  readonly sku?: string;
  readonly 'sku:in'?: readonly string[];
  readonly name?: string;
  readonly brand_id?: number;
  readonly 'categories:in'?: readonly number[];
  readonly is_visible?: boolean;
  readonly availability?: Availability;
  readonly type?: 'physical' | 'digital';
  readonly inventory_level?: number;
  readonly 'inventory_level:in'?: readonly number[];
  readonly 'inventory_level:not_in'?: readonly number[];
  readonly 'inventory_level:min'?: number;
  readonly 'inventory_level:max'?: number;
  readonly 'inventory_level:greater'?: number;
  readonly 'inventory_level:less'?: number;
  readonly inventory_low?: 0 | 1;
  readonly out_of_stock?: 1;
  readonly 'date_modified:min'?: string;
  readonly 'date_modified:max'?: string;
  readonly include?: readonly ProductInclude[];
  readonly sort?: ProductSort;
  readonly direction?: 'asc' | 'desc';
}

/** Query of `GET /catalog/variants`. */
export interface VariantQuery {
  readonly id?: number;
  readonly sku?: string;
  readonly upc?: string;
  readonly 'product_id:in'?: readonly number[];
}

export interface PageRequest {
  readonly page?: number;
  /** Default and maximum 250. */
  readonly limit?: number;
}

export interface Category {
  readonly id: number;
  readonly parent_id: number;
  readonly name: string;
  readonly is_visible: boolean;
  readonly sort_order: number;
}

export interface Brand {
  readonly id: number;
  readonly name: string;
}

// ---------------------------------------------------------------- orders (v2)

export type PaymentStatus =
  | 'authorized'
  | 'captured'
  | 'capture pending'
  | 'declined'
  | 'held for review'
  | 'paid'
  | 'partially refunded'
  | 'pending'
  | 'refunded'
  | 'void'
  | 'void pending'
  | '';

/** order_Resp (the fields the app needs). Money and dates are strings on the wire (RFC-2822 dates). */
export interface Order {
  readonly id: number;
  readonly status_id: number;
  readonly status: string;
  readonly custom_status?: string;
  readonly payment_status: PaymentStatus;
  readonly staff_notes: string;
  readonly customer_message: string;
  readonly date_created: string;
  readonly date_modified: string;
  readonly is_deleted: boolean;
  readonly refunded_amount: string;
  readonly items_total: number;
  readonly items_shipped: number;
  readonly channel_id: number;
  readonly customer_id: number;
  readonly order_source: string;
  readonly external_source: string | null;
  readonly currency_code: string;
  readonly total_inc_tax: string;
  readonly billing_address?: {
    readonly first_name: string;
    readonly last_name: string;
    readonly email: string;
  };
  /** A link to the lines, not the lines (see getOrderProducts). */
  readonly products: { readonly url: string; readonly resource: string };
}

/**
 * An order's consignments as `include=consignments.line_items&consignment_structure=object` side-loads
 * them (orders.v2.oas2.yml `orderConsignment_Get`): each consignment carries its lines, as
 * GET /v2/orders/{id}/products answers them. Every group may be absent or empty.
 */
export interface OrderConsignments {
  readonly pickups?: readonly { readonly line_items?: readonly OrderProduct[] }[];
  readonly shipping?: readonly { readonly line_items?: readonly OrderProduct[] }[];
  readonly downloads?: readonly { readonly line_items?: readonly OrderProduct[] }[];
  readonly email?: {
    readonly gift_certificates?: readonly { readonly line_items?: readonly OrderProduct[] }[];
  };
}

/**
 * An order read with its lines side-loaded. `consignments` is the object asked for; an array of such
 * objects is BigCommerce's legacy structure (still answered without `consignment_structure=object`).
 */
export interface OrderWithConsignments extends Order {
  readonly consignments?: OrderConsignments | readonly OrderConsignments[];
}

/** Writable order fields the app changes. Only the keys present are sent (PUT clears discounts otherwise). */
export interface OrderPatch {
  readonly staff_notes?: string;
  readonly customer_message?: string;
  readonly status_id?: number;
}

export interface OrderProductOption {
  readonly id: number;
  readonly option_id: number;
  readonly order_product_id: number;
  readonly product_option_id: number;
  readonly display_name: string;
  readonly display_value: string;
  readonly value: string;
  readonly name: string;
}

/** orderProducts: one line of an order. */
export interface OrderProduct {
  readonly id: number;
  readonly order_id: number;
  readonly product_id: number;
  readonly variant_id: number;
  readonly sku: string;
  readonly name: string;
  readonly name_customer?: string;
  readonly name_merchant?: string;
  readonly type: 'physical' | 'digital' | 'giftcertificate';
  readonly quantity: number;
  readonly quantity_shipped: number;
  readonly quantity_refunded: number;
  readonly is_refunded: boolean;
  readonly parent_order_product_id: number | null;
  readonly is_bundled_product: boolean;
  readonly bin_picking_number: string;
  readonly base_price: string;
  readonly price_inc_tax: string;
  readonly total_inc_tax: string;
  readonly product_options: readonly OrderProductOption[];
  /** Native backorders (beta): the units of the line BigCommerce backordered. Not in the merged spec. */
  readonly quantity_backordered?: number;
}

/** orderShippingAddress (the fields the app reads): one consignment's address. */
export interface OrderShippingAddress {
  readonly id: number;
  readonly order_id: number;
  readonly first_name: string;
  readonly last_name: string;
  readonly company: string;
  readonly street_1: string;
  readonly street_2: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly country: string;
  readonly country_iso2: string;
  readonly phone: string;
  readonly email: string;
  readonly shipping_method?: string;
}

/** orderStatus_Base */
export interface OrderStatus {
  readonly id: number;
  readonly name: string;
  readonly system_label: string;
  readonly custom_label: string;
  readonly system_description: string;
  readonly order?: number;
}

/** Query of `GET /v2/orders`. Dates: RFC-2822 or ISO-8601. */
export interface OrderQuery {
  readonly min_id?: number;
  readonly max_id?: number;
  readonly status_id?: number;
  readonly customer_id?: number;
  readonly channel_id?: number;
  readonly min_date_created?: string;
  readonly max_date_created?: string;
  readonly min_date_modified?: string;
  readonly max_date_modified?: string;
  readonly sort?: string;
}

// ---------------------------------------------------------------- webhooks

/** webhook_Full */
export interface Hook {
  readonly id: number;
  readonly client_id: string;
  readonly store_hash: string;
  readonly scope: string;
  readonly destination: string;
  readonly is_active: boolean;
  readonly headers: Readonly<Record<string, string>> | null;
  /** Unix seconds. */
  readonly created_at: number;
  readonly updated_at: number;
}

/** webhook_Base */
export interface HookCreate {
  readonly scope: string;
  readonly destination: string;
  readonly is_active?: boolean;
  readonly headers?: Readonly<Record<string, string>> | null;
}

export type HookUpdate = Partial<HookCreate>;

export interface HookQuery {
  readonly is_active?: boolean;
  readonly scope?: string;
  readonly destination?: string;
}

// ---------------------------------------------------------------- scripts

export type ScriptKind = 'src' | 'script_tag';
export type ScriptLoadMethod = 'default' | 'async' | 'defer';
export type ScriptLocation = 'head' | 'footer';
export type ScriptVisibility = 'storefront' | 'all_pages' | 'checkout' | 'order_confirmation';
export type ScriptConsentCategory = 'essential' | 'functional' | 'analytics' | 'targeting';

/** script_Post (name required) */
export interface ScriptCreate {
  readonly name: string;
  readonly description?: string;
  readonly kind?: ScriptKind;
  readonly src?: string;
  readonly html?: string;
  readonly load_method?: ScriptLoadMethod;
  readonly location?: ScriptLocation;
  readonly visibility?: ScriptVisibility;
  readonly auto_uninstall?: boolean;
  readonly consent_category?: ScriptConsentCategory;
  readonly enabled?: boolean;
  readonly channel_id?: number;
  readonly integrity_hashes?: readonly string[];
}

/** script_Put */
export type ScriptUpdate = Partial<ScriptCreate>;

/** script_Full */
export interface Script {
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly kind: ScriptKind;
  readonly src?: string;
  readonly html?: string;
  readonly load_method: ScriptLoadMethod;
  readonly location: ScriptLocation;
  readonly visibility: ScriptVisibility;
  readonly auto_uninstall: boolean;
  readonly consent_category?: ScriptConsentCategory;
  readonly enabled: boolean;
  readonly channel_id: number;
  readonly api_client_id: string;
  readonly integrity_hashes?: readonly string[];
  readonly date_created: string;
  readonly date_modified: string;
}

// ---------------------------------------------------------------- inventory

export interface InventoryItemLocation {
  readonly location_id: number;
  readonly location_code: string;
  readonly location_name: string;
  readonly available_to_sell: number;
  readonly total_inventory_onhand: number;
  readonly location_enabled: boolean;
  /** Native backorders (beta, not in the published spec): present only on stores that have them on. */
  readonly qty_backordered?: number;
  readonly settings: {
    readonly safety_stock: number;
    readonly is_in_stock: boolean;
    readonly warning_level: number;
    readonly bin_picking_number: string;
    /** Native backorders (beta): as above. */
    readonly backorder_limit?: number;
    readonly unlimited_backorder?: boolean;
  };
}

/**
 * One entry of `PUT /inventory/locations/{location_id}/items` (inventory.v3.yml), with the native
 * backorders beta's `backorder_limit` / `unlimited_backorder` (bigcommerce-platform.md §0).
 */
export type LocationItemSetting = {
  readonly identity: { readonly variant_id: number } | { readonly product_id: number };
  readonly safety_stock?: number;
  readonly backorder_limit?: number;
  readonly unlimited_backorder?: boolean;
};

/** ItemResponse of `GET /inventory/items` */
export interface InventoryItem {
  readonly identity: {
    readonly sku: string;
    readonly variant_id: number;
    readonly product_id: number;
    readonly sku_id: number | null;
  };
  readonly locations: readonly InventoryItemLocation[];
}

export interface InventoryItemQuery {
  readonly 'sku:in'?: readonly string[];
  readonly 'variant_id:in'?: readonly number[];
  readonly 'product_id:in'?: readonly number[];
  readonly 'location_id:in'?: readonly number[];
}

/** LocationResponse of `GET /inventory/locations` (locations.v3.yml; the fields the app reads). */
export interface InventoryLocation {
  readonly id: number;
  readonly code?: string;
  readonly label?: string;
  readonly is_default?: boolean;
  readonly enabled?: boolean;
}

/**
 * `GET /v3/settings/inventory` (settings.v3.yml, "Information & Settings"): the store's inventory
 * settings. Only stores in the native backorders beta carry the beta's fields
 * (`show_backorder_availability_prompt`, `backorder_availability_prompt`, …; unmerged branch back-288
 * of bigcommerce/docs), so they are all optional here.
 */
export interface InventorySettings {
  readonly show_backorder_availability_prompt?: boolean;
  readonly backorder_availability_prompt?: string;
  readonly [field: string]: unknown;
}

/** One item of an absolute adjustment: exactly one of sku, variant_id, product_id. */
export type AbsoluteAdjustmentItem = {
  readonly location_id: number;
  readonly quantity: number;
  /** Native backorders (beta): absolute adjustments set it, relative ones change it. */
  readonly qty_backordered?: number;
} & ({ readonly sku: string } | { readonly variant_id: number } | { readonly product_id: number });

export interface AbsoluteAdjustment {
  readonly reason?: string;
  readonly items: readonly AbsoluteAdjustmentItem[];
}

// ---------------------------------------------------------------- store

export interface StoreTimezone {
  /** IANA name, e.g. "America/Chicago". */
  readonly name: string;
  /** Seconds. */
  readonly raw_offset: number;
  readonly dst_offset: number;
  readonly dst_correction: boolean;
  readonly date_format?: {
    readonly display?: string;
    readonly export?: string;
    readonly extended_display?: string;
  };
}

/** StoreInformation (the fields the app needs). */
export interface StoreInfo {
  /** The store hash. */
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly secure_url: string;
  readonly control_panel_base_url?: string;
  readonly status?: string;
  readonly admin_email?: string;
  readonly order_email?: string;
  readonly language?: string;
  readonly currency: string;
  readonly plan_name?: string;
  readonly plan_level?: string;
  readonly timezone: StoreTimezone;
  readonly features?: Readonly<Record<string, unknown>>;
}

// ---------------------------------------------------------------- batch results

export interface BatchItemFailure {
  /** Product or variant id of the item. */
  readonly id: number;
  readonly status: number;
  readonly code: BigCommerceItemFailureCode;
  readonly title: string;
  readonly errors: Readonly<Record<string, unknown>>;
  readonly details?: unknown;
}

/**
 * Outcome of a batched write. `updated` holds what BigCommerce returned as written; `failures` one entry
 * per item it refused (or, for 207, applied only in part — such items are in both lists).
 */
export interface BatchResult<T> {
  readonly updated: T[];
  readonly failures: BatchItemFailure[];
}
