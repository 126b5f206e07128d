import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import {
  type ActivityEntry,
  type ActivityKind,
  type ActivityLog,
  type ActivityQuery,
  compareActivity,
  KIND_RANK,
} from '../../app/ports/activity-log.js';
import type { CauseType } from '../../app/ports/item-transactions.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { MovementKind } from '../../core/decision.js';
import type { Block, Status } from '../../core/item.js';
import { ITEM_LABEL_COLUMNS, toItemLabel } from './item-label-rows.js';
import { fromTimestamp, toTimestamp } from './rows.js';
import type { DB } from './schema.js';

/**
 * The ledger and the transition log, each read newest first with the same filters and keyset (served by
 * the (store_id, created_at, event_id, id) indexes of migration 0009), then merged: the first `limit` of
 * the union are among the first `limit` of each.
 */
export class KyselyActivityLog implements ActivityLog {
  constructor(private readonly db: Kysely<DB>) {}

  async listActivity(storeId: StoreId, query: ActivityQuery): Promise<ActivityEntry[]> {
    const itemIds = await this.#itemIds(storeId, query);
    if (itemIds !== null && itemIds.length === 0) return [];
    const [movements, transitions] = await Promise.all([
      query.kind === 'transition' ? [] : this.#movements(storeId, query, itemIds),
      query.kind === 'movement' ? [] : this.#transitions(storeId, query, itemIds),
    ]);
    return [...movements, ...transitions].sort(compareActivity).slice(0, query.limit);
  }

  /**
   * The items an item filter names, looked up first: given as a list, the planners read their history
   * through the (store_id, item_id, id) indexes instead of scanning the store's history by time.
   * Null without an item filter.
   */
  async #itemIds(storeId: StoreId, query: ActivityQuery): Promise<number[] | null> {
    if (query.sku === undefined && query.bcProductId === undefined) return null;
    const rows = await this.db
      .selectFrom('items')
      .select('id')
      .where('store_id', '=', storeId)
      .$if(query.sku !== undefined, (q) => q.where('sku', '=', query.sku!))
      .$if(query.bcProductId !== undefined, (q) => q.where('bc_product_id', '=', query.bcProductId!))
      .execute();
    return rows.map((r) => r.id);
  }

  async #movements(
    storeId: StoreId,
    query: ActivityQuery,
    itemIds: readonly number[] | null,
  ): Promise<ActivityEntry[]> {
    const rows = await this.db
      .selectFrom('ledger as h')
      .innerJoin('items as i', (join) =>
        join.onRef('i.store_id', '=', 'h.store_id').onRef('i.id', '=', 'h.item_id'),
      )
      .innerJoin('products as p', (join) =>
        join.onRef('p.store_id', '=', 'i.store_id').onRef('p.id', '=', 'i.product_id'),
      )
      .select([
        'h.id',
        'h.event_id',
        'h.kind',
        'h.delta',
        'h.backordered_delta',
        'h.stock_after',
        'h.backordered_after',
        'h.cause_type',
        'h.cause_ref',
        'h.actor',
        'h.created_at',
        ...ITEM_LABEL_COLUMNS,
      ])
      .where(filters(storeId, query, 'movement', itemIds))
      .orderBy('h.created_at', 'desc')
      .orderBy('h.event_id', 'desc')
      .orderBy('h.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(
      (row): ActivityEntry => ({
        kind: 'movement',
        id: row.id,
        eventId: row.event_id,
        at: fromTimestamp(row.created_at),
        item: toItemLabel(row),
        causeType: row.cause_type as CauseType,
        causeRef: row.cause_ref,
        actor: row.actor,
        movement: {
          kind: row.kind as MovementKind,
          delta: row.delta,
          backorderedDelta: row.backordered_delta,
          stockAfter: row.stock_after,
          backorderedAfter: row.backordered_after,
        },
      }),
    );
  }

  async #transitions(
    storeId: StoreId,
    query: ActivityQuery,
    itemIds: readonly number[] | null,
  ): Promise<ActivityEntry[]> {
    const rows = await this.db
      .selectFrom('transitions as h')
      .innerJoin('items as i', (join) =>
        join.onRef('i.store_id', '=', 'h.store_id').onRef('i.id', '=', 'h.item_id'),
      )
      .innerJoin('products as p', (join) =>
        join.onRef('p.store_id', '=', 'i.store_id').onRef('p.id', '=', 'i.product_id'),
      )
      .select([
        'h.id',
        'h.event_id',
        'h.from_status',
        'h.from_block',
        'h.to_status',
        'h.to_block',
        'h.reason',
        'h.cause_type',
        'h.cause_ref',
        'h.actor',
        'h.created_at',
        ...ITEM_LABEL_COLUMNS,
      ])
      .where(filters(storeId, query, 'transition', itemIds))
      .orderBy('h.created_at', 'desc')
      .orderBy('h.event_id', 'desc')
      .orderBy('h.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(
      (row): ActivityEntry => ({
        kind: 'transition',
        id: row.id,
        eventId: row.event_id,
        at: fromTimestamp(row.created_at),
        item: toItemLabel(row),
        causeType: row.cause_type as CauseType,
        causeRef: row.cause_ref,
        actor: row.actor,
        transition: {
          from: { status: row.from_status as Status | null, block: row.from_block as Block | null },
          to: { status: row.to_status as Status | null, block: row.to_block as Block | null },
          reason: row.reason,
        },
      }),
    );
  }
}

/**
 * The conditions both tables share, over the history table `h` and its item `i`. Timestamps compare as
 * written (ISO-8601 UTC text on SQLite; PostgreSQL reads the text as a timestamptz).
 */
function filters(
  storeId: StoreId,
  query: ActivityQuery,
  kind: ActivityKind,
  itemIds: readonly number[] | null,
): Expression<SqlBool> {
  const conditions = [sql<SqlBool>`h.store_id = ${storeId}`];
  if (itemIds !== null) {
    conditions.push(sql`h.item_id in (${sql.join(itemIds.map((id) => sql`${id}`))})`);
  }
  if (query.causeType !== undefined) conditions.push(sql`h.cause_type = ${query.causeType}`);
  if (query.since !== undefined) conditions.push(sql`h.created_at >= ${toTimestamp(query.since)}`);
  if (query.until !== undefined) conditions.push(sql`h.created_at < ${toTimestamp(query.until)}`);
  const after = query.after;
  if (after !== undefined) {
    const at = toTimestamp(after.at);
    // Within one event, a kind listed before the cursor's kind is behind it; one listed after is not.
    const sameEvent =
      KIND_RANK[kind] === KIND_RANK[after.kind]
        ? sql`h.id < ${after.id}`
        : KIND_RANK[kind] < KIND_RANK[after.kind]
          ? sql`1 = 1`
          : sql`1 = 0`;
    conditions.push(
      sql`(h.created_at < ${at} or (h.created_at = ${at} and (h.event_id < ${after.eventId} or (h.event_id = ${after.eventId} and ${sameEvent}))))`,
    );
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}
