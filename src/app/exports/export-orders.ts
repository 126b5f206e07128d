import type { Result } from '../../core/item.js';
import { localDateAt } from '../../core/local-date.js';
import { type ListBackorderedOrdersDeps, listBackorderedOrders } from '../orders/list-backordered-orders.js';
import type { LocalPeriod } from '../orders/order-period.js';
import type { Clock } from '../ports/clock.js';
import { itemVariantLabel } from '../ports/item-repository.js';
import type { BackorderedOrder } from '../ports/order-report.js';
import type { SheetCell, SheetColumn } from '../ports/sheet.js';
import type { StoreId } from '../ports/store-id.js';
import { type ExportedSheet, exportBaseName } from './exported-sheet.js';

export interface ExportOrdersDeps extends ListBackorderedOrdersDeps {
  readonly clock: Clock;
}

export interface ExportOrdersInput extends LocalPeriod {
  readonly storeId: StoreId;
  /** Only orders holding backordered units of the assigned item with this SKU. */
  readonly sku?: string;
}

/** Orders read per query. */
export const EXPORT_ORDERS_PAGE = 200;

export const ORDER_EXPORT_COLUMNS: readonly SheetColumn[] = [
  { header: 'Order', kind: 'number' },
  { header: 'Date', kind: 'date', width: 12 },
  { header: 'Customer', width: 24 },
  { header: 'Product', width: 40 },
  { header: 'Variant', width: 24 },
  { header: 'SKU', width: 20 },
  { header: 'Quantity', kind: 'number' },
  { header: 'Backordered', kind: 'number', width: 12 },
];

/**
 * The orders holding backordered units, as GET /orders lists them (the same filters, newest order
 * first), one row per line: what was ordered, by whom, and how many units of it are backorders. A
 * line given back entirely (cancelled, refunded) is left out: nothing of it is owed any more. Read a
 * page of orders at a time as the file is written.
 */
export async function exportOrders(
  deps: ExportOrdersDeps,
  input: ExportOrdersInput,
): Promise<Result<ExportedSheet>> {
  const query = {
    storeId: input.storeId,
    ...(input.from === undefined ? {} : { from: input.from }),
    ...(input.to === undefined ? {} : { to: input.to }),
    ...(input.sku === undefined ? {} : { sku: input.sku }),
    limit: EXPORT_ORDERS_PAGE,
  };
  // The first page is read now, so a refused filter is answered as a refusal, not a broken file.
  const first = await listBackorderedOrders(deps, query);
  if (!first.ok) return first;
  const { timezone } = first.store;
  async function* rows(): AsyncIterable<readonly SheetCell[]> {
    let page = first;
    for (;;) {
      if (!page.ok) throw new Error(`The orders export was refused half-way: ${page.code}`);
      for (const order of page.orders) yield* orderRows(order, timezone);
      if (page.nextBeforeBcOrderId === null) return;
      page = await listBackorderedOrders(deps, { ...query, beforeBcOrderId: page.nextBeforeBcOrderId });
    }
  }
  return {
    ok: true,
    baseName: exportBaseName('orders', localDateAt(deps.clock.now(), timezone)),
    sheet: { name: 'Orders', columns: ORDER_EXPORT_COLUMNS, rows: rows() },
  };
}

function orderRows(order: BackorderedOrder, timeZone: string): (readonly SheetCell[])[] {
  const date = localDateAt(order.createdAt, timeZone);
  return order.lines
    .filter((line) => line.returnedQuantity < line.quantity)
    .map((line) => [
      order.bcOrderId,
      date,
      order.customerName,
      line.productName,
      itemVariantLabel({ optionValues: line.optionValues }),
      line.sku,
      line.quantity,
      line.backordered,
    ]);
}
