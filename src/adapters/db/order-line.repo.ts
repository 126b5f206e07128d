import type { Kysely, Selectable } from 'kysely';
import type { OrderLineRecord, OrderLineRepository } from '../../app/ports/order-line-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { fromTimestamp, fromTimestampOrNull } from './rows.js';
import type { DB, OrderLinesTable } from './schema.js';

export class KyselyOrderLineRepository implements OrderLineRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async findOrderLine(storeId: StoreId, bcOrderProductId: number): Promise<OrderLineRecord | null> {
    const row = await this.db
      .selectFrom('order_lines')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('bc_order_product_id', '=', bcOrderProductId)
      .executeTakeFirst();
    return row === undefined ? null : toOrderLineRecord(row);
  }

  async listOrderLines(storeId: StoreId, bcOrderId: number): Promise<OrderLineRecord[]> {
    const rows = await this.db
      .selectFrom('order_lines')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('bc_order_id', '=', bcOrderId)
      .orderBy('id')
      .execute();
    return rows.map(toOrderLineRecord);
  }
}

export function toOrderLineRecord(row: Selectable<OrderLinesTable>): OrderLineRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    bcOrderId: row.bc_order_id,
    bcOrderProductId: row.bc_order_product_id,
    itemId: row.item_id,
    quantity: row.quantity,
    backordered: row.backordered,
    episode: row.episode,
    returnedQuantity: row.returned_quantity,
    returnedAt: fromTimestampOrNull(row.returned_at),
    createdAt: fromTimestamp(row.created_at),
  };
}
