import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ItemRecord } from '../../app/ports/item-repository.js';
import type {
  BackorderedLinesQuery,
  BackorderedOrder,
  BackorderedOrderLine,
  BackorderedOrdersQuery,
  ItemOrderLine,
  ItemOrderLinesQuery,
  OrderReport,
  RecordedBetween,
} from '../../app/ports/order-report.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { fromJson, fromTimestamp, toTimestamp } from './rows.js';
import type { DB } from './schema.js';

export class KyselyOrderReport implements OrderReport {
  constructor(private readonly db: Kysely<DB>) {}

  async listBackorderedOrders(
    storeId: StoreId,
    query: BackorderedOrdersQuery = {},
  ): Promise<BackorderedOrder[]> {
    const orders = await this.db
      .selectFrom('order_lines')
      .select((eb) => [
        'bc_order_id',
        eb.fn.min('created_at').as('first_created_at'),
        // Every line of an order carries the same name; max() takes it past lines recorded without one.
        eb.fn.max('customer_name').as('customer_name'),
      ])
      .where('store_id', '=', storeId)
      .where('backordered', '>', 0)
      // A line given back entirely no longer holds backordered units.
      .whereRef('returned_quantity', '<', 'quantity')
      .$if(query.itemId !== undefined, (q) => q.where('item_id', '=', query.itemId!))
      .$if(query.beforeBcOrderId !== undefined, (q) => q.where('bc_order_id', '<', query.beforeBcOrderId!))
      .groupBy('bc_order_id')
      // An order is dated by its first line holding backordered units.
      .$if(query.from !== undefined, (q) =>
        q.having((eb) => eb.fn.min('created_at'), '>=', toTimestamp(query.from!)),
      )
      .$if(query.to !== undefined, (q) =>
        q.having((eb) => eb.fn.min('created_at'), '<', toTimestamp(query.to!)),
      )
      .orderBy('bc_order_id', 'desc')
      .limit(query.limit ?? 50)
      .execute();
    if (orders.length === 0) return [];

    const rows = await this.linesWithItems(storeId)
      .where(
        'order_lines.bc_order_id',
        'in',
        orders.map((o) => o.bc_order_id),
      )
      .orderBy('order_lines.bc_order_id', 'desc')
      .orderBy('order_lines.id')
      .execute();

    const byOrder = new Map<number, BackorderedOrderLine[]>();
    for (const row of rows) {
      const lines = byOrder.get(row.bc_order_id) ?? [];
      lines.push(toLine(row));
      byOrder.set(row.bc_order_id, lines);
    }
    return orders.map((order) => ({
      bcOrderId: order.bc_order_id,
      createdAt: fromTimestamp(order.first_created_at),
      customerName: order.customer_name,
      lines: byOrder.get(order.bc_order_id) ?? [],
    }));
  }

  async listItemOrderLines(
    storeId: StoreId,
    itemId: number,
    query: ItemOrderLinesQuery = {},
  ): Promise<ItemOrderLine[]> {
    const rows = await this.db
      .selectFrom('order_lines')
      .select([
        'bc_order_id',
        'bc_order_product_id',
        'quantity',
        'backordered',
        'returned_quantity',
        'episode',
        'created_at',
      ])
      .where('store_id', '=', storeId)
      .where('item_id', '=', itemId)
      .where('backordered', '>', 0)
      .whereRef('returned_quantity', '<', 'quantity')
      .$if(query.before !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('bc_order_id', '<', query.before!.bcOrderId),
            eb.and([
              eb('bc_order_id', '=', query.before!.bcOrderId),
              eb('bc_order_product_id', '<', query.before!.bcOrderProductId),
            ]),
          ]),
        ),
      )
      .orderBy('bc_order_id', 'desc')
      .orderBy('bc_order_product_id', 'desc')
      .limit(query.limit ?? 50)
      .execute();
    return rows.map((row) => ({
      bcOrderId: row.bc_order_id,
      bcOrderProductId: row.bc_order_product_id,
      quantity: row.quantity,
      backordered: row.backordered,
      returnedQuantity: row.returned_quantity,
      episode: row.episode,
      createdAt: fromTimestamp(row.created_at),
    }));
  }

  async orderIdsOfLines(
    storeId: StoreId,
    bcOrderProductIds: readonly number[],
  ): Promise<ReadonlyMap<number, number>> {
    if (bcOrderProductIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('order_lines')
      .select(['bc_order_product_id', 'bc_order_id'])
      .where('store_id', '=', storeId)
      .where('bc_order_product_id', 'in', [...new Set(bcOrderProductIds)])
      .execute();
    return new Map(rows.map((row) => [row.bc_order_product_id, row.bc_order_id]));
  }

  async listBackorderedLines(
    storeId: StoreId,
    query: BackorderedLinesQuery = {},
  ): Promise<BackorderedOrderLine[]> {
    const rows = await recordedBetween(this.linesWithItems(storeId), query)
      .where('order_lines.backordered', '>', 0)
      .whereRef('order_lines.returned_quantity', '<', 'order_lines.quantity')
      .$if(query.itemId !== undefined, (q) => q.where('order_lines.item_id', '=', query.itemId!))
      .orderBy('order_lines.id')
      .execute();
    return rows.map(toLine);
  }

  /** Order lines of the store with their item's identity and product name. */
  private linesWithItems(storeId: StoreId) {
    return this.db
      .selectFrom('order_lines')
      .innerJoin('items', (join) =>
        join
          .onRef('items.store_id', '=', 'order_lines.store_id')
          .onRef('items.id', '=', 'order_lines.item_id'),
      )
      .innerJoin('products', (join) =>
        join.onRef('products.store_id', '=', 'items.store_id').onRef('products.id', '=', 'items.product_id'),
      )
      .select([
        'order_lines.bc_order_id',
        'order_lines.bc_order_product_id',
        'order_lines.item_id',
        'order_lines.quantity',
        'order_lines.backordered',
        'order_lines.returned_quantity',
        'order_lines.created_at',
        'items.sku',
        'items.bc_product_id',
        'items.bc_variant_id',
        'items.option_values',
        'products.name as product_name',
      ])
      .where('order_lines.store_id', '=', storeId);
  }
}

function recordedBetween<O>(
  query: SelectQueryBuilder<DB, 'order_lines' | 'items' | 'products', O>,
  period: RecordedBetween,
): SelectQueryBuilder<DB, 'order_lines' | 'items' | 'products', O> {
  return query
    .$if(period.from !== undefined, (q) => q.where('order_lines.created_at', '>=', toTimestamp(period.from!)))
    .$if(period.to !== undefined, (q) => q.where('order_lines.created_at', '<', toTimestamp(period.to!)));
}

function toLine(row: {
  bc_order_id: number;
  bc_order_product_id: number;
  item_id: number;
  quantity: number;
  backordered: number;
  returned_quantity: number;
  created_at: string;
  sku: string | null;
  bc_product_id: number;
  bc_variant_id: number | null;
  option_values: string | null;
  product_name: string;
}): BackorderedOrderLine {
  return {
    bcOrderId: row.bc_order_id,
    bcOrderProductId: row.bc_order_product_id,
    itemId: row.item_id,
    sku: row.sku,
    bcProductId: row.bc_product_id,
    bcVariantId: row.bc_variant_id,
    productName: row.product_name,
    optionValues: row.option_values === null ? null : fromJson<ItemRecord['optionValues']>(row.option_values),
    quantity: row.quantity,
    backordered: row.backordered,
    returnedQuantity: row.returned_quantity,
    createdAt: fromTimestamp(row.created_at),
  };
}
