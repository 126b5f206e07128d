import type {
  Hook,
  Order,
  OrderProduct,
  Product,
  Script,
  StoreInfo,
  Variant,
} from '../../../../src/adapters/bigcommerce/index.js';

export function aProduct(overrides: Partial<Product> = {}): Product {
  const id = overrides.id ?? 101;
  return {
    id,
    name: `Product ${id}`,
    type: 'physical',
    sku: `SKU-${id}`,
    price: 10,
    calculated_price: 10,
    categories: [1],
    brand_id: 0,
    inventory_level: 5,
    inventory_warning_level: 0,
    inventory_tracking: 'product',
    is_visible: true,
    availability: 'available',
    availability_description: '',
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    preorder_release_date: null,
    preorder_message: '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    base_variant_id: id * 10,
    date_created: '2026-01-01T00:00:00+00:00',
    date_modified: '2026-01-01T00:00:00+00:00',
    ...overrides,
  };
}

export function aVariant(overrides: Partial<Variant> = {}): Variant {
  const id = overrides.id ?? 1001;
  return {
    id,
    product_id: 101,
    sku: `VSKU-${id}`,
    sku_id: id,
    price: null,
    sale_price: null,
    retail_price: null,
    cost_price: null,
    calculated_price: 10,
    purchasing_disabled: false,
    purchasing_disabled_message: '',
    inventory_level: 3,
    inventory_warning_level: 0,
    bin_picking_number: null,
    upc: null,
    image_url: '',
    option_values: [],
    ...overrides,
  };
}

export function anOrder(overrides: Partial<Order> = {}): Order {
  const id = overrides.id ?? 250;
  return {
    id,
    status_id: 11,
    status: 'Awaiting Fulfillment',
    payment_status: 'captured',
    staff_notes: '',
    customer_message: '',
    date_created: 'Tue, 05 Mar 2026 10:00:00 +0000',
    date_modified: 'Tue, 05 Mar 2026 10:00:00 +0000',
    is_deleted: false,
    refunded_amount: '0.0000',
    items_total: 1,
    items_shipped: 0,
    channel_id: 1,
    customer_id: 0,
    order_source: 'www',
    external_source: null,
    currency_code: 'USD',
    total_inc_tax: '10.0000',
    products: {
      url: `https://api.bigcommerce.com/stores/abc123/v2/orders/${id}/products`,
      resource: `/orders/${id}/products`,
    },
    ...overrides,
  };
}

export function anOrderProduct(overrides: Partial<OrderProduct> = {}): OrderProduct {
  const id = overrides.id ?? 1;
  return {
    id,
    order_id: 250,
    product_id: 101,
    variant_id: 1001,
    sku: 'SKU-101',
    name: 'Product 101',
    type: 'physical',
    quantity: 1,
    quantity_shipped: 0,
    quantity_refunded: 0,
    is_refunded: false,
    parent_order_product_id: null,
    is_bundled_product: false,
    bin_picking_number: '',
    base_price: '10.0000',
    price_inc_tax: '10.0000',
    total_inc_tax: '10.0000',
    product_options: [],
    ...overrides,
  };
}

export function aHook(overrides: Partial<Hook> = {}): Hook {
  return {
    id: 22561593,
    client_id: 'client-1',
    store_hash: 'abc123',
    scope: 'store/order/created',
    destination: 'https://app.example/webhooks',
    is_active: true,
    headers: { 'x-backorder-secret': 's3cret' },
    created_at: 1_700_000_000,
    updated_at: 1_700_000_000,
    ...overrides,
  };
}

export function aScript(overrides: Partial<Script> = {}): Script {
  return {
    uuid: '095be615-a8ad-4c33-8e9c-c7612fbf6c9f',
    name: 'Backorder storefront',
    description: '',
    kind: 'src',
    src: 'https://app.example/storefront.js',
    load_method: 'default',
    location: 'footer',
    visibility: 'storefront',
    auto_uninstall: true,
    enabled: true,
    channel_id: 1,
    api_client_id: 'client-1',
    date_created: '2026-01-01T00:00:00Z',
    date_modified: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function aStore(overrides: Partial<StoreInfo> = {}): StoreInfo {
  return {
    id: 'abc123',
    name: 'Demo store',
    domain: 'demo.example',
    secure_url: 'https://demo.example',
    currency: 'USD',
    timezone: { name: 'America/Chicago', raw_offset: -21600, dst_offset: -18000, dst_correction: true },
    ...overrides,
  };
}
