import type { Kysely } from 'kysely';
import type {
  BackorderedOrder,
  BackorderedOrderLine,
  BackorderedOrdersQuery,
  OrderReport,
} from '../../app/ports/order-report.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { fromTimestamp } from './rows.js';
import type { DB } from './schema.js';

export class KyselyOrderReport implements OrderReport {
  constructor(private readonly db: Kysely<DB>) {}

  async listBackorderedOrders(
    storeId: StoreId,
    query: BackorderedOrdersQuery = {},
  ): Promise<BackorderedOrder[]> {
    const orders = await this.db
      .selectFrom('order_lines')
      .select((eb) => ['bc_order_id', eb.fn.min('created_at').as('first_created_at')])
      .where('store_id', '=', storeId)
      .where('backordered', '>', 0)
      // A line given back entirely no longer holds backordered units.
      .whereRef('returned_quantity', '<', 'quantity')
      .$if(query.beforeBcOrderId !== undefined, (q) => q.where('bc_order_id', '<', query.beforeBcOrderId!))
      .groupBy('bc_order_id')
      .orderBy('bc_order_id', 'desc')
      .limit(query.limit ?? 50)
      .execute();
    if (orders.length === 0) return [];

    const rows = await this.db
      .selectFrom('order_lines')
      .innerJoin('items', (join) =>
        join
          .onRef('items.store_id', '=', 'order_lines.store_id')
          .onRef('items.id', '=', 'order_lines.item_id'),
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
      ])
      .where('order_lines.store_id', '=', storeId)
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
      lines.push({
        bcOrderProductId: row.bc_order_product_id,
        itemId: row.item_id,
        sku: row.sku,
        bcProductId: row.bc_product_id,
        bcVariantId: row.bc_variant_id,
        quantity: row.quantity,
        backordered: row.backordered,
        returnedQuantity: row.returned_quantity,
        createdAt: fromTimestamp(row.created_at),
      });
      byOrder.set(row.bc_order_id, lines);
    }
    return orders.map((order) => ({
      bcOrderId: order.bc_order_id,
      createdAt: fromTimestamp(order.first_created_at),
      lines: byOrder.get(order.bc_order_id) ?? [],
    }));
  }
}
