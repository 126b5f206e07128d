import type { OrderLineRecord, OrderLineRepository } from '../../../src/app/ports/order-line-repository.js';
import type {
  BackorderedOrder,
  BackorderedOrderLine,
  BackorderedOrdersQuery,
  OrderReport,
} from '../../../src/app/ports/order-report.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  byId,
  compareText,
  type InMemoryDatabase,
  type OrderLineRow,
  toDate,
  toDateOrNull,
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
      // Orders with a line holding backordered units (a line given back entirely no longer does),
      // each dated by the first such line.
      const firstCreatedAt = new Map<number, string>();
      for (const line of this.db.orderLines.rows()) {
        if (
          line.storeId !== storeId ||
          line.backordered <= 0 ||
          line.returnedQuantity >= line.quantity ||
          (query.beforeBcOrderId !== undefined && line.bcOrderId >= query.beforeBcOrderId)
        ) {
          continue;
        }
        const first = firstCreatedAt.get(line.bcOrderId);
        if (first === undefined || compareText(line.createdAt, first) < 0) {
          firstCreatedAt.set(line.bcOrderId, line.createdAt);
        }
      }
      const orders = [...firstCreatedAt.keys()].sort((a, b) => b - a).slice(0, query.limit ?? 50);
      return orders.map((bcOrderId) => ({
        bcOrderId,
        createdAt: toDate(firstCreatedAt.get(bcOrderId)!),
        lines: this.linesOf(storeId, bcOrderId),
      }));
    });
  }

  /** Every recorded line of the order with its item's identity, in the order they were recorded. */
  private linesOf(storeId: StoreId, bcOrderId: number): BackorderedOrderLine[] {
    const lines: BackorderedOrderLine[] = [];
    for (const line of this.db.orderLines
      .filter((l) => l.storeId === storeId && l.bcOrderId === bcOrderId)
      .sort(byId)) {
      const item = this.db.items.find((i) => i.storeId === storeId && i.id === line.itemId);
      if (item === undefined) continue;
      lines.push({
        bcOrderProductId: line.bcOrderProductId,
        itemId: line.itemId,
        sku: item.sku,
        bcProductId: item.bcProductId,
        bcVariantId: item.bcVariantId,
        quantity: line.quantity,
        backordered: line.backordered,
        returnedQuantity: line.returnedQuantity,
        createdAt: toDate(line.createdAt),
      });
    }
    return lines;
  }
}
