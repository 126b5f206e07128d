import { type Refusal, type Result, refuse } from '../../core/item.js';
import { localDateAt } from '../../core/local-date.js';
import { formatLocalDate } from '../../core/messages.js';
import { storeNotFound } from '../items/item-refusals.js';
import type { Clock } from '../ports/clock.js';
import type { ItemRepository } from '../ports/item-repository.js';
import type { OrderLineRecord, OrderLineRepository } from '../ports/order-line-repository.js';
import type { PackingSlip, PackingSlipLine, PackingSlipPrinter } from '../ports/packing-slip-printer.js';
import type { ProductRepository } from '../ports/product-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { ShippingAddress, StoreOrderLine, StoreOrders } from '../ports/store-orders.js';
import type { StoreRecord, StoreRepository } from '../ports/store-repository.js';
import type { TemplateRepository } from '../ports/template-repository.js';
import { packingSlipMessageText } from './packing-slip-note.js';
import { TemplateCache } from './write-staff-note.js';

/** Refusals of the packing slips. Stable: the API and the admin app match on them. */
export const PACKING_SLIP_REFUSALS = {
  orderNotFound: 'ORDER.NOT_FOUND',
} as const;

/** Orders one document may hold: each costs three reads of BigCommerce. */
export const MAX_PACKING_SLIP_ORDERS = 50;

/** Orders read from BigCommerce at once (each its three reads together), within its rate limit. */
const ORDERS_AT_ONCE = 5;

export interface PrintPackingSlipsDeps {
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly items: Pick<ItemRepository, 'getItem'>;
  readonly products: Pick<ProductRepository, 'getProduct'>;
  readonly templates: Pick<TemplateRepository, 'getTemplate' | 'getDefaultTemplate'>;
  readonly orderLines: Pick<OrderLineRepository, 'listOrderLines'>;
  readonly storeOrders: Pick<StoreOrders, 'getOrder' | 'getOrderLines' | 'getShippingAddresses'>;
  readonly packingSlipPrinter: PackingSlipPrinter;
  readonly clock: Clock;
}

export interface PrintPackingSlipsInput {
  readonly storeId: StoreId;
  /** BigCommerce order ids, 1 to MAX_PACKING_SLIP_ORDERS; a repeated id prints once. */
  readonly orderIds: readonly number[];
}

/**
 * The packing slips of orders the app recorded (docs/product.md#printable-packing-slip), one per order,
 * as one printable document: the store's name, each order's number and date, where it ships, what goes in
 * the box with the backordered units of each line, and the packing-slip messages of the backordered
 * lines rendered exactly as the order's staff note renders them (packing-slip-note.ts).
 *
 * Every order is checked against the app's records before BigCommerce is asked anything: an order the app
 * did not record for this store (none of its lines sold an assigned item) is refused, named, as is one
 * BigCommerce no longer has. Reads only: nothing is written anywhere.
 */
export async function printPackingSlips(
  deps: PrintPackingSlipsDeps,
  input: PrintPackingSlipsInput,
): Promise<Result<{ readonly pdf: Uint8Array; readonly orderIds: readonly number[] }>> {
  const orderIds = [...new Set(input.orderIds)];
  if (orderIds.length === 0 || orderIds.length > MAX_PACKING_SLIP_ORDERS) {
    throw new RangeError(`printPackingSlips takes 1 to ${MAX_PACKING_SLIP_ORDERS} orders`);
  }
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) return storeNotFound(input.storeId);

  const recorded = new Map<number, OrderLineRecord[]>();
  for (const orderId of orderIds) {
    const lines = await deps.orderLines.listOrderLines(input.storeId, orderId);
    if (lines.length === 0) return orderNotFound(orderId);
    recorded.set(orderId, lines);
  }

  const templates = new TemplateCache(deps.templates, input.storeId);
  const slips: PackingSlip[] = [];
  for (let start = 0; start < orderIds.length; start += ORDERS_AT_ONCE) {
    const chunk = orderIds.slice(start, start + ORDERS_AT_ONCE);
    const read = await Promise.all(
      chunk.map((orderId) =>
        slipOf(deps, { store, orderId, recorded: recorded.get(orderId) ?? [], templates }),
      ),
    );
    for (const slip of read) {
      if ('ok' in slip) return slip;
      slips.push(slip);
    }
  }

  const pdf = await deps.packingSlipPrinter.print({
    storeName: store.name,
    locale: store.locale,
    printedAt: deps.clock.now(),
    slips,
  });
  return { ok: true, pdf, orderIds };
}

async function slipOf(
  deps: PrintPackingSlipsDeps,
  of: {
    readonly store: StoreRecord;
    readonly orderId: number;
    readonly recorded: readonly OrderLineRecord[];
    readonly templates: TemplateCache;
  },
): Promise<PackingSlip | Refusal> {
  const { store, orderId } = of;
  const [order, orderLines, addresses] = await Promise.all([
    deps.storeOrders.getOrder(store.id, orderId),
    deps.storeOrders.getOrderLines(store.id, orderId),
    deps.storeOrders.getShippingAddresses(store.id, orderId),
  ]);
  // Deleted in BigCommerce since the app recorded it: there is nothing left to pack.
  if (order === null || orderLines === null || addresses === null) return orderNotFound(orderId);

  const messages = new Set<string>();
  for (const line of of.recorded) {
    if (line.backordered <= 0 || isGivenBack(line)) continue;
    const item = await deps.items.getItem(store.id, line.itemId);
    if (item === null) continue;
    const product = await deps.products.getProduct(store.id, item.productId);
    const template = await of.templates.forTemplateId(product?.templateId ?? null);
    if (template === null) continue;
    const text = packingSlipMessageText(template.packingSlipMessage, {
      item,
      locale: store.locale,
      timeZone: store.timezone,
    });
    if (text !== '') messages.add(text);
  }

  return {
    orderId,
    placedOn: formatLocalDate(localDateAt(order.createdAt, store.timezone), store.locale, store.timezone),
    shipTo: addresses.map(addressLines).filter((lines) => lines.length > 0),
    lines: orderLines
      // Gift certificates are sent by email: nothing of them goes in the box.
      .filter((line) => line.kind === 'product')
      .map((line) =>
        slipLine(
          line,
          of.recorded.find((r) => r.bcOrderProductId === line.id),
        ),
      ),
    messages: [...messages],
  };
}

function slipLine(line: StoreOrderLine, recorded: OrderLineRecord | undefined): PackingSlipLine {
  const backordered = recorded?.backordered ?? 0;
  return {
    name: line.name,
    options: line.options
      .map((option) => `${option.name}: ${option.value}`)
      .filter((text) => text.trim() !== ':'),
    sku: line.sku.trim() === '' ? null : line.sku,
    quantity: line.quantity,
    backordered,
    givenBack: backordered > 0 && recorded !== undefined && isGivenBack(recorded),
  };
}

function isGivenBack(line: OrderLineRecord): boolean {
  return line.returnedQuantity >= line.quantity;
}

/** An address as it is written on a parcel, its empty parts left out. */
function addressLines(address: ShippingAddress): string[] {
  const name = [address.firstName, address.lastName].map((part) => part.trim()).filter(Boolean);
  const place = [address.city.trim(), address.state.trim()].filter(Boolean).join(', ');
  return [
    name.join(' '),
    address.company,
    address.street1,
    address.street2,
    [place, address.zip.trim()].filter(Boolean).join(' '),
    address.country,
    address.phone,
  ]
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function orderNotFound(orderId: number): Refusal {
  return refuse(
    PACKING_SLIP_REFUSALS.orderNotFound,
    `Order ${orderId} is not an order holding items of this app in this store, or it was deleted.`,
  );
}
