import type { Kysely, SelectQueryBuilder } from 'kysely';
import type {
  BlockedItemsQuery,
  DashboardItem,
  DashboardItemList,
  DueItemsQuery,
  ItemCounts,
  StoreDashboard,
} from '../../app/ports/store-dashboard.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { BLOCKS, STATUSES, type Status } from '../../core/item.js';
import { ITEM_LABEL_COLUMNS, toItemLabel } from './item-label-rows.js';
import { fromTimestamp, toBool } from './rows.js';
import type { DB } from './schema.js';

export class KyselyStoreDashboard implements StoreDashboard {
  constructor(private readonly db: Kysely<DB>) {}

  async countItems(storeId: StoreId): Promise<ItemCounts> {
    const rows = await this.db
      .selectFrom('items')
      .select((eb) => ['status', 'block', eb.fn.countAll<number>().as('n')])
      .where('store_id', '=', storeId)
      .where('active', '=', toBool(true))
      .groupBy(['status', 'block'])
      .execute();
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    const byBlock = Object.fromEntries(BLOCKS.map((b) => [b, 0])) as Record<(typeof BLOCKS)[number], number>;
    let assigned = 0;
    for (const row of rows) {
      const n = Number(row.n);
      assigned += n;
      if (row.status !== null) byStatus[row.status] += n;
      if (row.block !== null) byBlock[row.block] += n;
    }
    return { assigned, byStatus, byBlock };
  }

  async listBlockedItems(storeId: StoreId, query: BlockedItemsQuery): Promise<DashboardItemList> {
    if (query.blocks.length === 0) return { items: [], total: 0 };
    const matching = this.#assigned(storeId).where('i.block', 'in', query.blocks);
    return this.#list(
      matching.orderBy('i.updated_at', 'desc').orderBy('i.id', 'desc'),
      matching,
      query.limit,
    );
  }

  async listItemsDueBetween(storeId: StoreId, query: DueItemsQuery): Promise<DashboardItemList> {
    const matching = this.#assigned(storeId)
      .where('i.back_in_stock_date', '>=', query.from)
      .where('i.back_in_stock_date', '<=', query.to);
    return this.#list(matching.orderBy('i.back_in_stock_date').orderBy('i.id'), matching, query.limit);
  }

  #assigned(storeId: StoreId) {
    return this.db
      .selectFrom('items as i')
      .innerJoin('products as p', (join) =>
        join.onRef('p.store_id', '=', 'i.store_id').onRef('p.id', '=', 'i.product_id'),
      )
      .where('i.store_id', '=', storeId)
      .where('i.active', '=', toBool(true));
  }

  async #list(
    ordered: SelectQueryBuilder<DB & { i: DB['items']; p: DB['products'] }, 'i' | 'p', object>,
    matching: SelectQueryBuilder<DB & { i: DB['items']; p: DB['products'] }, 'i' | 'p', object>,
    limit: number,
  ): Promise<DashboardItemList> {
    const [rows, count] = await Promise.all([
      ordered
        .select([
          ...ITEM_LABEL_COLUMNS,
          'i.stock',
          'i.threshold',
          'i.backordered',
          'i.incoming',
          'i.back_in_stock_date',
          'i.status',
          'i.block',
          'i.updated_at',
        ])
        .limit(limit)
        .execute(),
      matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = rows.map(
      (row): DashboardItem => ({
        label: toItemLabel(row),
        stock: row.stock,
        threshold: row.threshold,
        backordered: row.backordered,
        incoming: row.incoming,
        backInStockDate: row.back_in_stock_date,
        // Only assigned items are listed, and an assigned item always has a status.
        status: row.status as Status,
        block: row.block,
        updatedAt: fromTimestamp(row.updated_at),
      }),
    );
    return { items, total: Number(count.n) };
  }
}
