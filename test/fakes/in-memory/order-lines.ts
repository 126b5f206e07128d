import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { OrderLineRecord, OrderLineRepository } from '../../../src/app/ports/order-line-repository.js';
import type {
  BackorderedLinesQuery,
  BackorderedOrder,
  BackorderedOrderLine,
  BackorderedOrdersQuery,
  ItemOrderLine,
  ItemOrderLinesQuery,
  OrderReport,
  RecordedBetween,
} from '../../../src/app/ports/order-report.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  byId,
  compareText,
  fromJson,
  type InMemoryDatabase,
  type OrderLineRow,
  toDate,
  toDateOrNull,
  toTimestamp,
} from './database.js';

export class InMemoryOrderLineRepository implements OrderLineRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  findOrderLine(storeId: StoreId, bcOrderProductId: number): Promise<OrderLineRecord | null> {
    return this.db.execute(() => {
      const row = this.db.orderLines.find(
        (l) => l.storeId === storeId && l.bcOrderProductId === bcOrderProductId,
      );
      return row === undefined ? null : toOrderLineRecord(row);
    });
  }

  listOrderLines(storeId: StoreId, bcOrderId: number): Promise<OrderLineRecord[]> {
    return this.db.execute(() =>
      this.db.orderLines
        .filter((l) => l.storeId === storeId && l.bcOrderId === bcOrderId)
        .sort(byId)
        .map(toOrderLineRecord),
    );
  }
}

export function toOrderLineRecord(row: OrderLineRow): OrderLineRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    bcOrderId: row.bcOrderId,
    bcOrderProductId: row.bcOrderProductId,
    itemId: row.itemId,
    quantity: row.quantity,
    backordered: row.backordered,
    episode: row.episode,
    returnedQuantity: row.returnedQuantity,
    returnedAt: toDateOrNull(row.returnedAt),
    createdAt: toDate(row.createdAt),
  };
}

export class InMemoryOrderReport implements OrderReport {
  constructor(private readonly db: InMemoryDatabase) {}

  listBackorderedOrders(storeId: StoreId, query: BackorderedOrdersQuery = {}): Promise<BackorderedOrder[]> {
    return this.db.execute(() => {
      // Orders with a line holding backordered units, each dated by the first such line.
      const firstCreatedAt = new Map<number, string>();
      for (const line of this.db.orderLines.rows()) {
        if (
          line.storeId !== storeId ||
          !holdsBackorders(line) ||
          (query.itemId !== undefined && line.itemId !== query.itemId) ||
          (query.beforeBcOrderId !== undefined && line.bcOrderId >= query.beforeBcOrderId)
        ) {
          continue;
        }
        const first = firstCreatedAt.get(line.bcOrderId);
        if (first === undefined || compareText(line.createdAt, first) < 0) {
          firstCreatedAt.set(line.bcOrderId, line.createdAt);
        }
      }
      const orders = [...firstCreatedAt.entries()]
        .filter(([, createdAt]) => recordedBetween(createdAt, query))
        .map(([bcOrderId]) => bcOrderId)
        .sort((a, b) => b - a)
        .slice(0, query.limit ?? 50);
      return orders.map((bcOrderId) => {
        const lines = this.db.orderLines
          .filter((l) => l.storeId === storeId && l.bcOrderId === bcOrderId)
          .sort(byId);
        // As max(customer_name) over the lines holding backorders: the name past lines without one.
        const names = lines
          .filter(holdsBackorders)
          .map((l) => l.customerName)
          .filter((name) => name !== null);
        return {
          bcOrderId,
          createdAt: toDate(firstCreatedAt.get(bcOrderId)!),
          customerName: names.length === 0 ? null : names.reduce((a, b) => (compareText(a, b) >= 0 ? a : b)),
          lines: lines.flatMap((line) => this.withItem(line)),
        };
      });
    });
  }

  listItemOrderLines(
    storeId: StoreId,
    itemId: number,
    query: ItemOrderLinesQuery = {},
  ): Promise<ItemOrderLine[]> {
    return this.db.execute(() =>
      this.db.orderLines
        .filter(
          (l) =>
            l.storeId === storeId &&
            l.itemId === itemId &&
            holdsBackorders(l) &&
            (query.before === undefined ||
              l.bcOrderId < query.before.bcOrderId ||
              (l.bcOrderId === query.before.bcOrderId && l.bcOrderProductId < query.before.bcOrderProductId)),
        )
        .sort((a, b) => b.bcOrderId - a.bcOrderId || b.bcOrderProductId - a.bcOrderProductId)
        .slice(0, query.limit ?? 50)
        .map((l) => ({
          bcOrderId: l.bcOrderId,
          bcOrderProductId: l.bcOrderProductId,
          quantity: l.quantity,
          backordered: l.backordered,
          returnedQuantity: l.returnedQuantity,
          episode: l.episode,
          createdAt: toDate(l.createdAt),
        })),
    );
  }

  orderIdsOfLines(
    storeId: StoreId,
    bcOrderProductIds: readonly number[],
  ): Promise<ReadonlyMap<number, number>> {
    return this.db.execute(() => {
      const wanted = new Set(bcOrderProductIds);
      return new Map(
        this.db.orderLines
          .filter((l) => l.storeId === storeId && wanted.has(l.bcOrderProductId))
          .map((l) => [l.bcOrderProductId, l.bcOrderId] as const),
      );
    });
  }

  listBackorderedLines(storeId: StoreId, query: BackorderedLinesQuery = {}): Promise<BackorderedOrderLine[]> {
    return this.db.execute(() =>
      this.db.orderLines
        .filter(
          (l) =>
            l.storeId === storeId &&
            holdsBackorders(l) &&
            (query.itemId === undefined || l.itemId === query.itemId) &&
            recordedBetween(l.createdAt, query),
        )
        .sort(byId)
        .flatMap((line) => this.withItem(line)),
    );
  }

  /** The line with its item's identity and product name (none when the item is gone). */
  private withItem(line: OrderLineRow): BackorderedOrderLine[] {
    const item = this.db.items.find((i) => i.storeId === line.storeId && i.id === line.itemId);
    const product =
      item === undefined
        ? undefined
        : this.db.products.find((p) => p.storeId === line.storeId && p.id === item.productId);
    if (item === undefined || product === undefined) return [];
    return [
      {
        bcOrderId: line.bcOrderId,
        bcOrderProductId: line.bcOrderProductId,
        itemId: line.itemId,
        sku: item.sku,
        bcProductId: item.bcProductId,
        bcVariantId: item.bcVariantId,
        productName: product.name,
        optionValues:
          item.optionValues === null ? null : fromJson<ItemRecord['optionValues']>(item.optionValues),
        quantity: line.quantity,
        backordered: line.backordered,
        returnedQuantity: line.returnedQuantity,
        createdAt: toDate(line.createdAt),
      },
    ];
  }
}

/** A line given back entirely no longer holds backordered units. */
function holdsBackorders(line: OrderLineRow): boolean {
  return line.backordered > 0 && line.returnedQuantity < line.quantity;
}

function recordedBetween(createdAt: string, period: RecordedBetween): boolean {
  return (
    (period.from === undefined || compareText(createdAt, toTimestamp(period.from)) >= 0) &&
    (period.to === undefined || compareText(createdAt, toTimestamp(period.to)) < 0)
  );
}
