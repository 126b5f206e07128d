import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type {
  AssignedProduct,
  AssignedProductPage,
  AssignedProductQuery,
  AssignedProducts,
  AssignedProductsByName,
  AssignedProductsByNameQuery,
} from '../../app/ports/assigned-products.js';
import type { ItemRecord } from '../../app/ports/item-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Dialect } from './database.js';
import { toItemRecord } from './item-rows.js';
import { fromTimestamp, fromTimestampOrNull, toBool } from './rows.js';
import type { DB } from './schema.js';

type ProductsScope = SelectQueryBuilder<DB, 'products', object>;

/**
 * The Assigned products list, in two short queries per page (see bench/README.md for the figures at
 * 50,000 items): the page of product ids, filtered, sorted and cut with LIMIT/OFFSET (plus a count over
 * the same filter), then the items of just those products. Filters on items are `product id IN (…)`
 * semi-joins, which both planners run once rather than per product. The indexes are migration 0012's.
 */
export class KyselyAssignedProducts implements AssignedProducts {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async listAssignedProducts(storeId: StoreId, query: AssignedProductQuery): Promise<AssignedProductPage> {
    const scope = this.matching(storeId, query);
    const counted = await scope
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const total = Number(counted.n);
    if (total === 0 || query.offset >= total) return { products: [], total };

    const direction = query.direction ?? (query.sort === 'updated' ? 'desc' : 'asc');
    const sort = query.sort ?? 'name';
    let page = scope.select('products.id');
    if (sort === 'name') {
      page = page.orderBy(sql`lower(products.name)`, direction);
    } else if (sort === 'assigned') {
      page = page.orderBy('products.assigned_at', direction);
    } else {
      // Sums and latest change over the store's assigned items, grouped once for all products.
      const totals = this.db
        .selectFrom('items')
        .select((eb) => [
          'items.product_id',
          eb.fn.sum<number | string>('items.stock').as('stock'),
          eb.fn.sum<number | string>('items.backordered').as('backordered'),
          eb.fn.max('items.updated_at').as('updated_at'),
        ])
        .where('items.store_id', '=', storeId)
        .where('items.active', '=', toBool(true))
        .groupBy('items.product_id')
        .as('totals');
      const joined = page.leftJoin(totals, 'totals.product_id', 'products.id');
      page =
        sort === 'updated'
          ? joined.orderBy(sql`coalesce(totals.updated_at, products.updated_at)`, direction)
          : joined.orderBy(sql`coalesce(${sql.ref(`totals.${sort}`)}, 0)`, direction);
    }
    const ids = (
      await page.orderBy('products.id', direction).limit(query.limit).offset(query.offset).execute()
    ).map((row) => row.id);
    return { products: await this.withItems(storeId, ids), total };
  }

  async getAssignedProduct(storeId: StoreId, bcProductId: number): Promise<AssignedProduct | null> {
    const row = await this.db
      .selectFrom('products')
      .select('id')
      .where('store_id', '=', storeId)
      .where('bc_product_id', '=', bcProductId)
      .where('assigned', '=', toBool(true))
      .executeTakeFirst();
    if (row === undefined) return null;
    return (await this.withItems(storeId, [row.id]))[0] ?? null;
  }

  async listAssignedProductsByName(
    storeId: StoreId,
    query: AssignedProductsByNameQuery,
  ): Promise<AssignedProductsByName> {
    const { after } = query;
    // Walks products_store_assigned_name_idx (migration 0012) from the position on; the position
    // carries the name as the database lower-cased it, so both sides of the comparison agree.
    const rows = await this.db
      .selectFrom('products')
      .select(['products.id', sql<string>`lower(products.name)`.as('sort_name')])
      .where('products.store_id', '=', storeId)
      .where('products.assigned', '=', toBool(true))
      .$if(after !== undefined, (q) =>
        q.where(sql<boolean>`(lower(products.name), products.id) > (${after!.sortName}, ${after!.id})`),
      )
      .orderBy(sql`lower(products.name)`)
      .orderBy('products.id')
      // One more than asked for tells whether another page follows.
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      products: await this.withItems(
        storeId,
        page.map((row) => row.id),
      ),
      next:
        rows.length > query.limit && last !== undefined ? { sortName: last.sort_name, id: last.id } : null,
    };
  }

  /** The store's assigned products the query's search and filters keep, as a FROM/WHERE to select from. */
  private matching(storeId: StoreId, query: AssignedProductQuery): ProductsScope {
    const search = query.search?.trim() ?? '';
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Case-insensitive without lower(): SQLite's LIKE ignores ASCII case (as its lower() does), and
    // PostgreSQL's ILIKE any case; neither computes a lower-cased copy of every row.
    const operator = sql.raw(this.dialect === 'postgres' ? 'ilike' : 'like');
    const like = (column: string) => sql<boolean>`${sql.ref(column)} ${operator} ${pattern} escape '\\'`;
    const itemsOfStore = (eb: ExpressionBuilder<DB, 'products'>) =>
      eb.selectFrom('items').where('items.store_id', '=', storeId);
    return this.db
      .selectFrom('products')
      .where('products.store_id', '=', storeId)
      .where('products.assigned', '=', toBool(true))
      .$if(search !== '', (q) =>
        q.where((eb) =>
          eb(
            'products.id',
            'in',
            // Two scans of narrow covering indexes (on PostgreSQL, trigram index lookups: migration
            // 0012) rather than an OR across tables that no index serves; UNION ALL, because a plain
            // UNION makes SQLite walk the table in id order to merge them.
            eb
              .selectFrom('products as named')
              .select('named.id as id')
              .where('named.store_id', '=', storeId)
              .where((w) => w.or([like('named.name'), like('named.sku')]))
              .unionAll(
                itemsOfStore(eb)
                  .select('items.product_id as id')
                  .where('items.active', '=', toBool(true))
                  .where(like('items.sku')),
              ),
          ),
        ),
      )
      .$if(query.status !== undefined || query.block !== undefined, (q) =>
        q.where((eb) =>
          eb(
            'products.id',
            'in',
            // Only assigned items have a status or a block (items_active_status_check), so no
            // `active` here: the planner then takes the status or block index, not a scan.
            itemsOfStore(eb)
              .select('items.product_id')
              .$if(query.status !== undefined, (s) => s.where('items.status', '=', query.status!))
              .$if(query.block !== undefined, (s) => s.where('items.block', '=', query.block!)),
          ),
        ),
      );
  }

  /** The products of these ids, in this order, each with its assigned items. */
  private async withItems(storeId: StoreId, ids: readonly number[]): Promise<AssignedProduct[]> {
    if (ids.length === 0) return [];
    const products = await this.db
      .selectFrom('products')
      .leftJoin('templates', (join) =>
        join
          .onRef('templates.store_id', '=', 'products.store_id')
          .onRef('templates.id', '=', 'products.template_id'),
      )
      .select([
        'products.id',
        'products.bc_product_id',
        'products.name',
        'products.sku',
        'products.template_id',
        'products.assigned_at',
        'products.updated_at',
        'templates.name as template_name',
      ])
      .where('products.store_id', '=', storeId)
      .where('products.id', 'in', [...ids])
      .execute();
    const items = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('product_id', 'in', [...ids])
      .where('active', '=', toBool(true))
      // By product first: ordered by id alone, SQLite walks the store's every item in id order.
      .orderBy('product_id')
      .orderBy('id')
      .execute();
    const itemsOf = new Map<number, ItemRecord[]>();
    for (const row of items) {
      const list = itemsOf.get(row.product_id) ?? [];
      list.push(toItemRecord(row));
      itemsOf.set(row.product_id, list);
    }
    const byId = new Map(products.map((p) => [p.id, p]));
    return ids.flatMap((id) => {
      const p = byId.get(id);
      if (p === undefined) return [];
      const own = itemsOf.get(id) ?? [];
      return [
        {
          id: p.id,
          bcProductId: p.bc_product_id,
          name: p.name,
          sku: p.sku,
          templateId: p.template_id,
          templateName: p.template_name,
          assignedAt: fromTimestampOrNull(p.assigned_at),
          updatedAt: latest(fromTimestamp(p.updated_at), own),
          items: own,
        },
      ];
    });
  }
}

function latest(fallback: Date, items: readonly ItemRecord[]): Date {
  if (items.length === 0) return fallback;
  return new Date(Math.max(...items.map((i) => i.updatedAt.getTime())));
}
