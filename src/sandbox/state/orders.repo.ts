import { z } from 'zod';
import type { InventoryRepo } from './inventory.repo.js';
import type { ProductRepo } from './product.repo.js';
import { done, type Refusal, type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';
import type { StockCell, StockCells, TrackedCell } from './stock-cells.js';
import type { TaxonomyRepo } from './taxonomy.repo.js';
import { abort, type UnitOfWork } from './unit-of-work.js';
import type { VariantRepo } from './variant.repo.js';

/** BigCommerce's order statuses (GET /v2/order_statuses). */
export const ORDER_STATUSES = [
  {
    id: 0,
    name: 'Incomplete',
    description:
      'An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.',
  },
  { id: 1, name: 'Pending', description: 'Customer started the checkout process, but did not complete it.' },
  {
    id: 2,
    name: 'Shipped',
    description:
      'Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.',
  },
  {
    id: 3,
    name: 'Partially Shipped',
    description:
      'Only some items in the order have been shipped, due to some products being pre-order only or other reasons.',
  },
  { id: 4, name: 'Refunded', description: 'Seller has used the Refund action.' },
  {
    id: 5,
    name: 'Cancelled',
    description: 'Seller has cancelled an order, due to a stock inconsistency or other reasons.',
  },
  {
    id: 6,
    name: 'Declined',
    description: 'Seller has marked the order as declined for lack of manual payment, or other reasons.',
  },
  {
    id: 7,
    name: 'Awaiting Payment',
    description: 'Customer has completed checkout process, but payment has yet to be confirmed.',
  },
  {
    id: 8,
    name: 'Awaiting Pickup',
    description: 'Order has been pulled, and is awaiting customer pickup from a seller-specified location.',
  },
  {
    id: 9,
    name: 'Awaiting Shipment',
    description: 'Order has been pulled and packaged, and is awaiting collection from a shipping provider.',
  },
  {
    id: 10,
    name: 'Completed',
    description: 'Client has paid for their digital product and their file(s) are available for download.',
  },
  {
    id: 11,
    name: 'Awaiting Fulfillment',
    description: 'Customer has completed the checkout process and payment has been confirmed.',
  },
  {
    id: 12,
    name: 'Manual Verification Required',
    description: 'Order on hold while some aspect needs to be manually confirmed.',
  },
  {
    id: 13,
    name: 'Disputed',
    description:
      'Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.',
  },
  { id: 14, name: 'Partially Refunded', description: 'Seller has partially refunded the order.' },
] as const;

export function orderStatusName(id: number): string {
  return ORDER_STATUSES.find((s) => s.id === id)?.name ?? 'Unknown';
}

const money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Number(v));

const addressSchema = z
  .object({
    first_name: z.string().max(255).default(''),
    last_name: z.string().max(255).default(''),
    company: z.string().max(255).default(''),
    street_1: z.string().max(255).default(''),
    street_2: z.string().max(255).default(''),
    city: z.string().max(50).default(''),
    state: z.string().max(50).default(''),
    zip: z.string().max(20).default(''),
    country: z.string().max(50).default(''),
    country_iso2: z.string().max(2).default(''),
    phone: z.string().max(50).default(''),
    email: z.string().max(255).default(''),
  })
  .loose();

const catalogLineSchema = z.object({
  product_id: z.number().int().positive(),
  quantity: z.number().int().positive(),
  variant_id: z.number().int().positive().optional(),
  product_options: z
    .array(z.object({ id: z.number().int(), value: z.union([z.string(), z.number()]) }))
    .optional(),
  price_inc_tax: money.optional(),
  price_ex_tax: money.optional(),
  name: z.string().optional(),
  name_customer: z.string().optional(),
  name_merchant: z.string().optional(),
});

const customLineSchema = z.object({
  name: z.string().min(1).max(250),
  quantity: z.number().int().positive(),
  price_inc_tax: money,
  price_ex_tax: money,
  sku: z.string().max(255).optional(),
  upc: z.string().optional(),
});

const orderPostSchema = z
  .object({
    status_id: z.number().int().min(0).max(14).default(1),
    customer_id: z.number().int().min(0).default(0),
    billing_address: addressSchema,
    shipping_addresses: z.array(addressSchema).optional(),
    products: z.array(z.union([catalogLineSchema, customLineSchema])).min(1),
    staff_notes: z.string().max(65535).default(''),
    customer_message: z.string().max(65535).default(''),
    payment_method: z.string().default('Manual'),
    channel_id: z.number().int().positive().default(1),
    external_source: z.string().nullable().default(null),
    external_id: z.string().nullable().optional(),
    external_order_id: z.string().default(''),
    cart_id: z.string().default(''),
    order_source: z.string().optional(),
    base_shipping_cost: money.optional(),
    customer_locale: z.string().default('en'),
    ip_address: z.string().default(''),
  })
  .loose();

const orderPutSchema = z
  .object({
    status_id: z.number().int().min(0).max(14),
    staff_notes: z.string().max(65535),
    customer_message: z.string().max(65535),
    customer_id: z.number().int().min(0),
    billing_address: addressSchema.partial(),
    payment_method: z.string(),
    external_source: z.string().nullable(),
    external_order_id: z.string().nullable(),
    channel_id: z.number().int().positive(),
    products: z.array(z.unknown()),
  })
  .partial()
  .loose();

export type OrderCreateInput = z.input<typeof orderPostSchema>;
export type OrderUpdateInput = z.input<typeof orderPutSchema>;

/** Where the order was placed; `storefront` orders are the sandbox checkout's. */
export type OrderSource = 'external' | 'storefront' | 'www';

export interface OrderQuery {
  readonly minId?: number;
  readonly maxId?: number;
  readonly minTotal?: number;
  readonly maxTotal?: number;
  readonly customerId?: number;
  readonly email?: string;
  readonly statusId?: number;
  readonly cartId?: string;
  readonly channelId?: number;
  readonly paymentMethod?: string;
  readonly minDateCreated?: Date;
  readonly maxDateCreated?: Date;
  readonly minDateModified?: Date;
  readonly maxDateModified?: Date;
  readonly isDeleted?: boolean;
  readonly sort?: {
    field: 'id' | 'customer_id' | 'date_created' | 'date_modified' | 'status_id' | 'channel_id';
    direction: 'asc' | 'desc';
  };
  readonly page?: number;
  readonly limit?: number;
}

export type OrderView = Record<string, unknown> & { id: number; status_id: number; status: string };
export type OrderProductView = Record<string, unknown> & {
  id: number;
  order_id: number;
  product_id: number;
  variant_id: number;
  quantity: number;
  sku: string;
};

interface OrderRow {
  id: number;
  store_hash: string;
  status_id: number;
  customer_id: number;
  email: string;
  cart_id: string;
  channel_id: number;
  is_deleted: number;
  date_created: number;
  date_modified: number;
  doc: string;
}

const V2_INVALID = 'SANDBOX.ORDER.INVALID';

/** RFC 2822 in UTC, as BigCommerce's v2 API writes dates: "Tue, 05 Mar 2019 21:40:11 +0000". */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function amount(value: number): string {
  return value.toFixed(4);
}

interface ResolvedLine {
  productId: number;
  variantId: number;
  name: string;
  sku: string;
  type: 'physical' | 'digital';
  quantity: number;
  priceExTax: number;
  priceIncTax: number;
  weight: number;
  upc: string;
  binPickingNumber: string;
  brand: string;
  cell: StockCell;
  productOptions: Record<string, unknown>[];
  nameCustomer: string;
  nameMerchant: string;
}

/** The catalog repos an order line is resolved in and its stock taken through. */
export interface OrdersCatalog {
  readonly products: ProductRepo;
  readonly variants: VariantRepo;
  readonly taxonomy: TaxonomyRepo;
  readonly stock: StockCells;
}

/**
 * Orders v2. Creating an order is where purchasability and stock are enforced: every catalog line must be
 * purchasable (product not `disabled`, variant not `purchasing_disabled`), and tracked stock must cover the
 * ordered quantity (available to sell = on hand - safety stock); then stock is decremented in the same
 * transaction and the order and inventory webhooks are published. The storefront checkout uses this too.
 */
export class OrdersRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly uow: UnitOfWork,
    private readonly catalog: OrdersCatalog,
    private readonly inventory: InventoryRepo,
    private readonly apiBase: (storeHash: string) => string,
  ) {}

  create(storeHash: string, input: OrderCreateInput, source: OrderSource = 'external'): Result<OrderView> {
    const parsed = orderPostSchema.safeParse(input);
    if (!parsed.success) return v2Invalid(parsed.error.issues);
    const order = parsed.data;
    const result = this.uow.run((tx) => {
      const lines = order.products.map((line) =>
        'product_id' in line ? this.resolveCatalogLine(storeHash, line) : this.customLine(line),
      );
      if (source === 'storefront') this.assertQuantityLimits(storeHash, lines);
      const native = this.inventory.nativeBackorders(storeHash);
      const allocation = this.allocateStock(storeHash, lines);

      const subtotalEx = lines.reduce((sum, l) => sum + l.priceExTax * l.quantity, 0);
      const subtotalInc = lines.reduce((sum, l) => sum + l.priceIncTax * l.quantity, 0);
      const shipping = order.base_shipping_cost ?? 0;
      const itemsTotal = lines.reduce((sum, l) => sum + l.quantity, 0);
      const created = tx.now;
      const { products: _lines, shipping_addresses, ...rest } = order;
      const doc = {
        ...rest,
        date_shipped: '',
        subtotal_ex_tax: amount(subtotalEx),
        subtotal_inc_tax: amount(subtotalInc),
        subtotal_tax: amount(subtotalInc - subtotalEx),
        base_shipping_cost: amount(shipping),
        shipping_cost_ex_tax: amount(shipping),
        shipping_cost_inc_tax: amount(shipping),
        shipping_cost_tax: amount(0),
        shipping_cost_tax_class_id: 0,
        base_handling_cost: amount(0),
        handling_cost_ex_tax: amount(0),
        handling_cost_inc_tax: amount(0),
        handling_cost_tax: amount(0),
        handling_cost_tax_class_id: 0,
        base_wrapping_cost: amount(0),
        wrapping_cost_ex_tax: amount(0),
        wrapping_cost_inc_tax: amount(0),
        wrapping_cost_tax: amount(0),
        wrapping_cost_tax_class_id: 0,
        total_ex_tax: amount(subtotalEx + shipping),
        total_inc_tax: amount(subtotalInc + shipping),
        total_tax: amount(subtotalInc - subtotalEx),
        is_tax_inclusive_pricing: false,
        items_total: itemsTotal,
        items_shipped: 0,
        payment_provider_id: '',
        payment_status: source === 'storefront' ? 'captured' : '',
        refunded_amount: amount(0),
        order_is_digital: lines.every((l) => l.type === 'digital'),
        store_credit_amount: amount(0),
        gift_certificate_amount: amount(0),
        ip_address_v6: '',
        geoip_country: '',
        geoip_country_iso2: '',
        currency_id: 1,
        currency_code: 'USD',
        currency_exchange_rate: '1.0000000000',
        default_currency_id: 1,
        default_currency_code: 'USD',
        store_default_currency_code: 'USD',
        store_default_to_transactional_exchange_rate: '1.0000000000',
        discount_amount: amount(0),
        coupon_discount: amount(0),
        shipping_address_count: shipping_addresses?.length ?? 1,
        ebay_order_id: '0',
        is_email_opt_in: false,
        order_source: order.order_source ?? source,
        external_id: order.external_id ?? null,
        external_merchant_id: null,
        tax_provider_id: 'BasicTaxProvider',
        shipping_addresses: shipping_addresses ?? [order.billing_address],
      };
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO orders (store_hash, status_id, customer_id, email, cart_id, channel_id, is_deleted, date_created,
               date_modified, doc) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
          )
          .run(
            storeHash,
            order.status_id,
            order.customer_id,
            order.billing_address.email,
            order.cart_id,
            order.channel_id,
            created.getTime(),
            created.getTime(),
            JSON.stringify(doc),
          ).lastInsertRowid,
      );
      const insertLine = this.db.prepare(
        'INSERT INTO order_products (store_hash, order_id, doc) VALUES (?, ?, ?)',
      );
      lines.forEach((line, i) => {
        const backordered = native ? allocation.lineBackordered[i] : undefined;
        insertLine.run(storeHash, id, JSON.stringify(this.lineDoc(line, backordered)));
        if (line.productId !== 0) this.catalog.stock.addSoldIn(line.productId, line.quantity);
      });
      for (const { cell, fromHand, backordered } of allocation.cells) {
        // The inventory webhook reports the on-hand change, as without backorders (0 when every unit
        // of the cell was backordered: the event still fires once per cell the order touched).
        const before = this.catalog.stock.readStock(storeHash, cell) ?? 0;
        this.catalog.stock.writeStockIn(tx, storeHash, cell, before - fromHand, {
          method: 'relative',
          value: fromHand === 0 ? 0 : -fromHand,
          byOrder: true,
        });
        if (backordered > 0) this.inventory.addBackorderedIn(storeHash, cell, backordered);
      }
      tx.events.push({ storeHash, scope: 'store/order/created', data: { type: 'order', id } });
      return id;
    });
    return result.ok ? done(this.get(storeHash, result.value)!) : result;
  }

  get(storeHash: string, orderId: number): OrderView | undefined {
    const row = this.db
      .prepare('SELECT * FROM orders WHERE id = ? AND store_hash = ?')
      .get(orderId, storeHash) as OrderRow | undefined;
    return row ? this.view(row) : undefined;
  }

  list(storeHash: string, query: OrderQuery = {}): OrderView[] {
    const where = ['store_hash = ?', 'is_deleted = ?'];
    const args: unknown[] = [storeHash, query.isDeleted ? 1 : 0];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      args.push(value);
    };
    if (query.minId !== undefined) add('id >= ?', query.minId);
    if (query.maxId !== undefined) add('id <= ?', query.maxId);
    if (query.customerId !== undefined) add('customer_id = ?', query.customerId);
    if (query.email !== undefined) add('email = ? COLLATE NOCASE', query.email);
    if (query.statusId !== undefined) add('status_id = ?', query.statusId);
    if (query.cartId !== undefined) add('cart_id = ?', query.cartId);
    if (query.channelId !== undefined) add('channel_id = ?', query.channelId);
    if (query.paymentMethod !== undefined)
      add(`json_extract(doc, '$.payment_method') = ?`, query.paymentMethod);
    if (query.minTotal !== undefined)
      add(`CAST(json_extract(doc, '$.total_inc_tax') AS REAL) >= ?`, query.minTotal);
    if (query.maxTotal !== undefined)
      add(`CAST(json_extract(doc, '$.total_inc_tax') AS REAL) <= ?`, query.maxTotal);
    if (query.minDateCreated) add('date_created >= ?', query.minDateCreated.getTime());
    if (query.maxDateCreated) add('date_created <= ?', query.maxDateCreated.getTime());
    if (query.minDateModified) add('date_modified >= ?', query.minDateModified.getTime());
    if (query.maxDateModified) add('date_modified <= ?', query.maxDateModified.getTime());
    const sort = query.sort ?? { field: 'id', direction: 'asc' };
    const page = Math.max(1, query.page ?? 1);
    const limit = Math.min(250, Math.max(1, query.limit ?? 50));
    const rows = this.db
      .prepare(
        `SELECT * FROM orders WHERE ${where.join(' AND ')} ORDER BY ${sort.field} ${sort.direction === 'desc' ? 'DESC' : 'ASC'}, id
         LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, (page - 1) * limit) as OrderRow[];
    return rows.map((row) => this.view(row));
  }

  count(storeHash: string): { id: number; name: string; count: number }[] {
    const rows = this.db
      .prepare(
        'SELECT status_id, COUNT(*) AS n FROM orders WHERE store_hash = ? AND is_deleted = 0 GROUP BY status_id',
      )
      .all(storeHash) as { status_id: number; n: number }[];
    return ORDER_STATUSES.map((s) => ({
      id: s.id,
      name: s.name,
      count: rows.find((r) => r.status_id === s.id)?.n ?? 0,
    }));
  }

  products(
    storeHash: string,
    orderId: number,
    paging: { page?: number; limit?: number } = {},
  ): OrderProductView[] | undefined {
    if (!this.get(storeHash, orderId)) return undefined;
    // Native backorders (beta guide): order lines carry quantity_backordered. Shown while the store has
    // them on (0 for a line that took everything from stock) and on lines that recorded one.
    const native = this.inventory.nativeBackorders(storeHash);
    const page = Math.max(1, paging.page ?? 1);
    const limit = Math.min(250, Math.max(1, paging.limit ?? 50));
    const rows = this.db
      .prepare(
        'SELECT id, order_id, doc FROM order_products WHERE order_id = ? AND store_hash = ? ORDER BY id LIMIT ? OFFSET ?',
      )
      .all(orderId, storeHash, limit, (page - 1) * limit) as { id: number; order_id: number; doc: string }[];
    return rows.map((row) => {
      const doc = parseDoc<OrderProductView>(row.doc);
      return {
        ...doc,
        ...(native ? { quantity_backordered: doc.quantity_backordered ?? 0 } : {}),
        id: row.id,
        order_id: row.order_id,
      };
    });
  }

  /**
   * GET /v2/orders/{id}/shipping_addresses: the addresses given at creation (the billing address when
   * none was given), each with the order's shipping costs; the first one carries every item (the sandbox
   * does not split an order into consignments). Undefined when the order does not exist.
   */
  shippingAddresses(
    storeHash: string,
    orderId: number,
    paging: { page?: number; limit?: number } = {},
  ): Record<string, unknown>[] | undefined {
    const row = this.db
      .prepare('SELECT * FROM orders WHERE id = ? AND store_hash = ?')
      .get(orderId, storeHash) as OrderRow | undefined;
    if (!row) return undefined;
    const doc = parseDoc<Record<string, unknown>>(row.doc);
    const addresses = (doc.shipping_addresses ?? []) as Record<string, unknown>[];
    const page = Math.max(1, paging.page ?? 1);
    const limit = Math.min(250, Math.max(1, paging.limit ?? 50));
    const base = this.apiBase(storeHash);
    return addresses
      .map((address, index) => {
        // Addresses are kept inside the order's document: their ids are derived, stable per order.
        const id = orderId * 1000 + index + 1;
        const { shipping_method, ...fields } = address;
        return {
          ...fields,
          id,
          order_id: orderId,
          items_total: index === 0 ? doc.items_total : 0,
          items_shipped: 0,
          shipping_method: typeof shipping_method === 'string' ? shipping_method : 'None',
          base_cost: doc.base_shipping_cost,
          cost_ex_tax: doc.shipping_cost_ex_tax,
          cost_inc_tax: doc.shipping_cost_inc_tax,
          cost_tax: doc.shipping_cost_tax,
          cost_tax_class_id: 0,
          base_handling_cost: amount(0),
          handling_cost_ex_tax: amount(0),
          handling_cost_inc_tax: amount(0),
          handling_cost_tax: amount(0),
          handling_cost_tax_class_id: 0,
          shipping_zone_id: 1,
          shipping_zone_name: 'Everywhere',
          shipping_quotes: {
            url: `${base}/v2/orders/${orderId}/shipping_addresses/${id}/shipping_quotes`,
            resource: `/orders/${orderId}/shipping_addresses/${id}/shipping_quotes`,
          },
          form_fields: [],
        };
      })
      .slice((page - 1) * limit, page * limit);
  }

  /**
   * The order's consignments as BigCommerce side-loads them on GET /v2/orders/{id} and GET /v2/orders
   * with `include=consignments` or `include=consignments.line_items` (orders.v2.oas2.yml, parameter
   * `order_includes`; schema `orderConsignment_Get`): `pickups`, `shipping`, `downloads` and
   * `email.gift_certificates`, each consignment carrying its `line_items` — links to the lines
   * (`products_Resource`) with `consignments`, the lines themselves (`orderProducts`, as
   * GET /v2/orders/{id}/products answers them) with `consignments.line_items`.
   * The object is the structure asked for with `consignment_structure=object`; without it BigCommerce
   * still answers its legacy structure, an array holding that one object (developer.bigcommerce.com/
   * resource-hub/update-to-v2-orders-api-side-loadable, "Update to v2 Orders API Side-Loadable
   * Consignment Response", 2025): the route wraps it.
   * The sandbox does not split an order: its physical lines ship in the first shipping consignment
   * (the first address, as shippingAddresses says) or, when it has no shipping address, are one pickup
   * consignment; its digital lines are one download consignment to the billing email; it sells no gift
   * certificates. Undefined when the order does not exist.
   */
  consignments(storeHash: string, orderId: number, withLines: boolean): Record<string, unknown> | undefined {
    const addresses = this.shippingAddresses(storeHash, orderId, { limit: 250 });
    if (addresses === undefined) return undefined;
    const lines: OrderProductView[] = [];
    for (let page = 1; ; page++) {
      const batch = this.products(storeHash, orderId, { page, limit: 250 }) ?? [];
      lines.push(...batch);
      if (batch.length < 250) break;
    }
    const base = this.apiBase(storeHash);
    const lineItems = (of: readonly OrderProductView[]) =>
      of.map((line) =>
        withLines
          ? line
          : {
              url: `${base}/v2/orders/${orderId}/products/${line.id}`,
              resource: `/orders/${orderId}/products/${line.id}`,
            },
      );
    const physical = lines.filter((line) => line.type !== 'digital');
    const digital = lines.filter((line) => line.type === 'digital');
    const order = this.get(storeHash, orderId);
    const billing = (order?.billing_address ?? {}) as { email?: string };
    // An order created without shipping addresses ships nowhere: the sandbox makes its physical lines a
    // pickup at its one location (id 1), as BigCommerce's pickup consignments name one.
    const pickups =
      addresses.length === 0 && physical.length > 0
        ? [
            {
              id: orderId * 1000,
              pickup_method_id: 1,
              pickup_method_display_name: 'Pick Up',
              collection_instructions: '',
              collection_time_description: '',
              location: {
                id: 1,
                name: 'Default location',
                code: 'DEFAULT',
                address_line_1: '',
                address_line_2: '',
                city: '',
                state: '',
                postal_code: '',
                country_alpha2: '',
                email: '',
                phone: '',
              },
              line_items: lineItems(physical),
            },
          ]
        : [];
    return {
      pickups,
      shipping: addresses.map((address, index) => {
        const { order_id: _order, shipping_quotes: _quotes, ...fields } = address;
        const shipped = index === 0 ? physical : [];
        const cost = (value: unknown) => Number(value ?? 0);
        return {
          ...fields,
          line_items: lineItems(shipped),
          items_total: shipped.reduce((sum, line) => sum + line.quantity, 0),
          base_cost: cost(address.base_cost),
          cost_ex_tax: cost(address.cost_ex_tax),
          cost_inc_tax: cost(address.cost_inc_tax),
          cost_tax: cost(address.cost_tax),
          base_handling_cost: cost(address.base_handling_cost),
          handling_cost_ex_tax: cost(address.handling_cost_ex_tax),
          handling_cost_inc_tax: cost(address.handling_cost_inc_tax),
          handling_cost_tax: cost(address.handling_cost_tax),
          shipping_quotes: {
            url: `${base}/v2/orders/${orderId}/consignments/shipping/${address.id}/shipping_quotes`,
            resource: `/orders/${orderId}/consignments/shipping/${address.id}/shipping_quotes`,
          },
        };
      }),
      downloads:
        digital.length === 0
          ? []
          : [{ recipient_email: billing.email ?? '', line_items: lineItems(digital) }],
      email: { gift_certificates: [] },
    };
  }

  /**
   * PUT /v2/orders/{id}: scalar fields (status, notes, message, ...). Status changes publish
   * store/order/statusUpdated with the previous and new ids, besides store/order/updated.
   * Editing line items is not emulated and is refused rather than silently ignored.
   */
  update(storeHash: string, orderId: number, patch: OrderUpdateInput): Result<OrderView> {
    const parsed = orderPutSchema.safeParse(patch);
    if (!parsed.success) return v2Invalid(parsed.error.issues);
    const { products, ...fields } = parsed.data;
    if (products !== undefined) {
      return refuse(
        400,
        'SANDBOX.ORDER.LINE_EDIT_UNSUPPORTED',
        'The sandbox does not emulate editing order products through PUT /v2/orders/{id}.',
      );
    }
    const result = this.uow.run((tx) => {
      const row = this.db
        .prepare('SELECT * FROM orders WHERE id = ? AND store_hash = ?')
        .get(orderId, storeHash) as OrderRow | undefined;
      if (!row) abort(notFound());
      const doc = parseDoc<Record<string, unknown>>(row.doc);
      const { status_id, customer_id, channel_id, billing_address, ...scalars } = fields;
      const nextDoc = {
        ...doc,
        ...scalars,
        billing_address: billing_address
          ? { ...(doc.billing_address as object), ...billing_address }
          : doc.billing_address,
      };
      const nextStatus = status_id ?? row.status_id;
      this.db
        .prepare(
          'UPDATE orders SET status_id = ?, customer_id = ?, channel_id = ?, email = ?, date_modified = ?, doc = ? WHERE id = ?',
        )
        .run(
          nextStatus,
          customer_id ?? row.customer_id,
          channel_id ?? row.channel_id,
          (nextDoc.billing_address as { email?: string } | undefined)?.email ?? row.email,
          tx.now.getTime(),
          JSON.stringify(nextDoc),
          orderId,
        );
      tx.events.push({ storeHash, scope: 'store/order/updated', data: { type: 'order', id: orderId } });
      if (nextStatus !== row.status_id) {
        tx.events.push({
          storeHash,
          scope: 'store/order/statusUpdated',
          data: {
            type: 'order',
            id: orderId,
            status: { previous_status_id: row.status_id, new_status_id: nextStatus },
          },
        });
      }
    });
    return result.ok ? done(this.get(storeHash, orderId)!) : result;
  }

  /** DELETE /v2/orders/{id} archives the order (is_deleted) and publishes store/order/archived. */
  archive(storeHash: string, orderId: number): Result<void> {
    return this.uow.run((tx) => {
      const changed = this.db
        .prepare(
          'UPDATE orders SET is_deleted = 1, date_modified = ? WHERE id = ? AND store_hash = ? AND is_deleted = 0',
        )
        .run(tx.now.getTime(), orderId, storeHash).changes;
      if (changed === 0) abort(notFound());
      tx.events.push({ storeHash, scope: 'store/order/archived', data: { type: 'order', id: orderId } });
    });
  }

  private resolveCatalogLine(storeHash: string, line: z.output<typeof catalogLineSchema>): ResolvedLine {
    const product = this.catalog.products.getProduct(storeHash, line.product_id);
    if (!product) {
      abort(
        refuse(
          400,
          'SANDBOX.ORDER.UNKNOWN_PRODUCT',
          `The product with id ${line.product_id} does not exist.`,
        ),
      );
    }
    let variantId = line.variant_id;
    if (variantId === undefined && line.product_options && line.product_options.length > 0) {
      const found = this.catalog.variants.variantByOptionValues(
        storeHash,
        product.id,
        line.product_options.map((o) => Number(o.value)),
      );
      if (!found) {
        abort(
          refuse(
            400,
            'SANDBOX.ORDER.UNKNOWN_VARIANT',
            `No variant of product ${product.id} matches the product_options given.`,
          ),
        );
      }
      variantId = found.id;
    }
    variantId ??= product.base_variant_id;
    if (variantId === undefined) {
      abort(
        refuse(
          400,
          'SANDBOX.ORDER.VARIANT_REQUIRED',
          `Product ${product.id} has options: give variant_id or product_options.`,
        ),
      );
    }
    const variant = this.catalog.variants.variantRecord(storeHash, variantId);
    if (!variant || variant.view.product_id !== product.id) {
      abort(
        refuse(
          400,
          'SANDBOX.ORDER.UNKNOWN_VARIANT',
          `Variant ${variantId} does not belong to product ${product.id}.`,
        ),
      );
    }
    if (product.availability === 'disabled' || variant.view.purchasing_disabled) {
      abort(
        refuse(
          400,
          'SANDBOX.ORDER.NOT_PURCHASABLE',
          `The product "${product.name}" (id ${product.id}) cannot be purchased.`,
          {
            details: {
              product_id: product.id,
              variant_id: variantId,
              reason: product.availability === 'disabled' ? 'availability_disabled' : 'purchasing_disabled',
            },
          },
        ),
      );
    }
    const cell = this.catalog.stock.stockCell(storeHash, product.id, variant.isBase ? undefined : variantId)!;
    const price = line.price_ex_tax ?? variant.view.calculated_price;
    const brand = product.brand_id
      ? (this.catalog.taxonomy.listBrands(storeHash, { idIn: [product.brand_id] }).items[0]?.name ?? '')
      : '';
    const options = variant.view.option_values.map((ov) => ({
      id: ov.option_id,
      option_id: ov.option_id,
      order_product_id: 0,
      product_option_id: ov.option_id,
      display_name: ov.option_display_name,
      display_name_customer: ov.option_display_name,
      display_name_merchant: ov.option_display_name,
      display_value: ov.label,
      display_value_customer: ov.label,
      display_value_merchant: ov.label,
      value: String(ov.id),
      type: 'Multiple choice',
      name: ov.option_display_name,
      display_style: 'Rectangle',
    }));
    return {
      productId: product.id,
      variantId,
      name: line.name ?? product.name,
      nameCustomer: line.name_customer ?? line.name ?? product.name,
      nameMerchant: line.name_merchant ?? line.name ?? product.name,
      sku: variant.view.sku,
      type: product.type,
      quantity: line.quantity,
      priceExTax: price,
      priceIncTax: line.price_inc_tax ?? price,
      weight: Number(variant.view.calculated_weight ?? 0),
      upc: String(variant.view.upc ?? ''),
      binPickingNumber: String(variant.view.bin_picking_number ?? ''),
      brand,
      cell,
      productOptions: options,
    };
  }

  private customLine(line: z.output<typeof customLineSchema>): ResolvedLine {
    return {
      productId: 0,
      variantId: 0,
      name: line.name,
      nameCustomer: line.name,
      nameMerchant: line.name,
      sku: line.sku ?? '',
      type: 'physical',
      quantity: line.quantity,
      priceExTax: line.price_ex_tax,
      priceIncTax: line.price_inc_tax,
      weight: 0,
      upc: line.upc ?? '',
      binPickingNumber: '',
      brand: '',
      cell: { kind: 'untracked' },
      productOptions: [],
    };
  }

  private quantitiesByCell(lines: readonly ResolvedLine[]): Map<TrackedCell, number> {
    const byKey = new Map<string, { cell: TrackedCell; quantity: number }>();
    for (const line of lines) {
      if (line.cell.kind === 'untracked') continue;
      const key = cellKey(line.cell);
      const entry = byKey.get(key) ?? { cell: line.cell, quantity: 0 };
      entry.quantity += line.quantity;
      byKey.set(key, entry);
    }
    return new Map([...byKey.values()].map((e) => [e.cell, e.quantity]));
  }

  /**
   * A checkout honours each product's `order_quantity_minimum` / `order_quantity_maximum` ("The maximum
   * quantity an order can contain when purchasing the product", products_catalog.v3.yml; 0 = no limit),
   * counted over all the order's lines of the product, as the cart does when items are added: BigCommerce
   * refuses such an order with its 409 "…out of stock or did not meet quantity requirements". Orders
   * created through the API (an ERP or POS importing orders placed elsewhere) are not held to it here.
   */
  private assertQuantityLimits(storeHash: string, lines: readonly ResolvedLine[]): void {
    const byProduct = new Map<number, number>();
    for (const line of lines) {
      if (line.productId === 0) continue;
      byProduct.set(line.productId, (byProduct.get(line.productId) ?? 0) + line.quantity);
    }
    const problems: Record<string, unknown>[] = [];
    for (const [productId, quantity] of byProduct) {
      const product = this.catalog.products.getProduct(storeHash, productId);
      const min = Number(product?.order_quantity_minimum ?? 0);
      const max = Number(product?.order_quantity_maximum ?? 0);
      if (max > 0 && quantity > max) {
        problems.push({
          type: 'MaximumQuantity',
          message: `The maximum purchasable quantity of ${product?.name} is ${max}.`,
          product_id: productId,
          order_quantity_maximum: max,
          quantity,
        });
      } else if (min > 0 && quantity < min) {
        problems.push({
          type: 'MinimumQuantity',
          message: `The minimum purchasable quantity of ${product?.name} is ${min}.`,
          product_id: productId,
          order_quantity_minimum: min,
          quantity,
        });
      }
    }
    if (problems.length > 0) {
      abort(
        refuse(
          409,
          'SANDBOX.ORDER.QUANTITY_LIMIT',
          'Quantities of one or more products are out of stock or did not meet quantity requirements.',
          { details: { errors: problems } },
        ),
      );
    }
  }

  /**
   * Works out what each tracked item gives to the order, or refuses the whole order (BigCommerce's 409
   * with per-item details) when any item cannot cover it. Lines of the same item count together.
   * Without native backorders an item gives up to A (available to sell: on hand minus safety stock).
   * With native backorders on (docs.bigcommerce.com/developer/docs/admin/catalog-and-inventory/backorders-beta)
   * it sells past A up to A + R (R = what it can still backorder, unlimited or limit − qty_backordered):
   * A comes off on hand, the rest is backordered, the item's lines taking on hand first in line order;
   * past A + R the refusal also carries `available_quantity_for_backorder`, as the beta guide shows.
   */
  private allocateStock(
    storeHash: string,
    lines: readonly ResolvedLine[],
  ): {
    cells: { cell: TrackedCell; fromHand: number; backordered: number }[];
    lineBackordered: number[];
  } {
    const native = this.inventory.nativeBackorders(storeHash);
    const problems: Record<string, unknown>[] = [];
    const cells: { cell: TrackedCell; fromHand: number; backordered: number }[] = [];
    const lineBackordered = lines.map(() => 0);
    for (const [cell, quantity] of this.quantitiesByCell(lines)) {
      const { onHand, forBackorder } = this.inventory.sellable(storeHash, cell);
      if (quantity > onHand + forBackorder) {
        const variantId =
          cell.kind === 'variant'
            ? cell.variantId
            : (lines.find((l) => l.productId === cell.productId)?.variantId ?? 0);
        problems.push({
          type: 'OutOfStock',
          message: native
            ? `Only ${onHand} available to sell and ${forBackorder} available for backorder for product ${cell.productId}, ${quantity} ordered.`
            : `Only ${onHand} available to sell for product ${cell.productId}, ${quantity} ordered.`,
          product_id: cell.productId,
          variant_id: variantId,
          location_id: 1,
          available_quantity: onHand,
          ...(native ? { available_quantity_for_backorder: forBackorder } : {}),
        });
        continue;
      }
      const fromHand = Math.min(quantity, onHand);
      cells.push({ cell, fromHand, backordered: quantity - fromHand });
      let left = fromHand;
      lines.forEach((line, i) => {
        if (line.cell.kind === 'untracked' || cellKey(line.cell) !== cellKey(cell)) return;
        const own = Math.min(left, line.quantity);
        left -= own;
        lineBackordered[i] = line.quantity - own;
      });
    }
    if (problems.length > 0) {
      abort(
        refuse(
          409,
          'SANDBOX.ORDER.OUT_OF_STOCK',
          'Quantities of one or more products are out of stock or did not meet quantity requirements.',
          { details: { errors: problems } },
        ),
      );
    }
    return { cells, lineBackordered };
  }

  /** `quantityBackordered` is given while the store has native backorders on (then recorded, 0 included). */
  private lineDoc(line: ResolvedLine, quantityBackordered?: number): Record<string, unknown> {
    return {
      product_id: line.productId,
      order_address_id: 0,
      name: line.name,
      name_customer: line.nameCustomer,
      name_merchant: line.nameMerchant,
      sku: line.sku,
      upc: line.upc,
      type: line.type,
      base_price: amount(line.priceExTax),
      price_ex_tax: amount(line.priceExTax),
      price_inc_tax: amount(line.priceIncTax),
      price_tax: amount(line.priceIncTax - line.priceExTax),
      base_total: amount(line.priceExTax * line.quantity),
      total_ex_tax: amount(line.priceExTax * line.quantity),
      total_inc_tax: amount(line.priceIncTax * line.quantity),
      total_tax: amount((line.priceIncTax - line.priceExTax) * line.quantity),
      discounted_total_inc_tax: amount(line.priceIncTax * line.quantity),
      weight: line.weight,
      width: '0.0000',
      height: '0.0000',
      depth: '0.0000',
      quantity: line.quantity,
      base_cost_price: amount(0),
      cost_price_inc_tax: amount(0),
      cost_price_ex_tax: amount(0),
      cost_price_tax: amount(0),
      is_refunded: false,
      quantity_refunded: 0,
      refund_amount: amount(0),
      return_id: 0,
      wrapping_id: 0,
      wrapping_name: null,
      base_wrapping_cost: amount(0),
      wrapping_cost_ex_tax: amount(0),
      wrapping_cost_inc_tax: amount(0),
      wrapping_cost_tax: amount(0),
      wrapping_message: '',
      quantity_shipped: 0,
      event_name: null,
      event_date: null,
      fixed_shipping_cost: amount(0),
      ebay_item_id: '',
      ebay_transaction_id: '',
      option_set_id: null,
      parent_order_product_id: null,
      is_bundled_product: false,
      bin_picking_number: line.binPickingNumber,
      external_id: null,
      brand: line.brand,
      applied_discounts: [],
      product_options: line.productOptions,
      configurable_fields: [],
      variant_id: line.variantId,
      gift_certificate_id: null,
      ...(quantityBackordered !== undefined ? { quantity_backordered: quantityBackordered } : {}),
    };
  }

  private view(row: OrderRow): OrderView {
    const doc = parseDoc<Record<string, unknown>>(row.doc);
    const base = this.apiBase(row.store_hash);
    const { shipping_addresses: _addresses, ...fields } = doc;
    const link = (name: string) => ({
      url: `${base}/v2/orders/${row.id}/${name}`,
      resource: `/orders/${row.id}/${name}`,
    });
    return {
      id: row.id,
      ...fields,
      customer_id: row.customer_id,
      channel_id: row.channel_id,
      cart_id: row.cart_id,
      status_id: row.status_id,
      status: orderStatusName(row.status_id),
      custom_status: orderStatusName(row.status_id),
      is_deleted: row.is_deleted === 1,
      date_created: rfc2822(new Date(row.date_created)),
      date_modified: rfc2822(new Date(row.date_modified)),
      products: link('products'),
      shipping_addresses: link('shipping_addresses'),
      coupons: link('coupons'),
    };
  }
}

function cellKey(cell: TrackedCell): string {
  return cell.kind === 'product' ? `p${cell.productId}` : `v${cell.variantId}`;
}

function notFound(): Refusal {
  return refuse(404, 'SANDBOX.ORDER.NOT_FOUND', 'The requested resource was not found.');
}

function v2Invalid(issues: readonly z.core.$ZodIssue[]): Refusal {
  const first = issues[0];
  const field = first && first.path.length > 0 ? String(first.path[0]) : 'body';
  return refuse(400, V2_INVALID, `The field '${field}' is invalid.`, {
    details: { invalid_reason: issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') },
  });
}
