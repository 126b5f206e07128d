import {
  type ActivityEntry,
  type ActivityLog,
  type ActivityPosition,
  type ActivityQuery,
  compareActivity,
} from '../../../src/app/ports/activity-log.js';
import type { ItemLabel } from '../../../src/app/ports/item-label.js';
import { type ItemRecord, itemVariantLabel } from '../../../src/app/ports/item-repository.js';
import type { CauseType } from '../../../src/app/ports/item-transactions.js';
import type {
  BlockedItemsQuery,
  DashboardItem,
  DashboardItemList,
  DueItemsQuery,
  ItemCounts,
  StoreDashboard,
} from '../../../src/app/ports/store-dashboard.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { MovementKind } from '../../../src/core/decision.js';
import { BLOCKS, type Block, STATUSES, type Status } from '../../../src/core/item.js';
import {
  compareText,
  fromJson,
  type InMemoryDatabase,
  type ItemRow,
  type LedgerRow,
  type TransitionRow,
  toDate,
  toTimestamp,
} from './database.js';

/** As KyselyActivityLog: both history tables, filtered and ordered alike, merged. */
export class InMemoryActivityLog implements ActivityLog {
  constructor(private readonly db: InMemoryDatabase) {}

  listActivity(storeId: StoreId, query: ActivityQuery): Promise<ActivityEntry[]> {
    return this.db.execute(() => {
      const entries: ActivityEntry[] = [];
      if (query.kind !== 'transition') {
        for (const row of this.db.ledger.rows()) {
          if (row.storeId !== storeId) continue;
          const entry = this.#movement(row);
          if (entry !== null && matches(entry, query)) entries.push(entry);
        }
      }
      if (query.kind !== 'movement') {
        for (const row of this.db.transitions.rows()) {
          if (row.storeId !== storeId) continue;
          const entry = this.#transition(row);
          if (entry !== null && matches(entry, query)) entries.push(entry);
        }
      }
      return entries.sort(compareActivity).slice(0, query.limit);
    });
  }

  #movement(row: LedgerRow): ActivityEntry | null {
    const item = itemLabel(this.db, row.storeId, row.itemId);
    if (item === null) return null;
    return {
      kind: 'movement',
      id: row.id,
      eventId: row.eventId,
      at: toDate(row.createdAt),
      item,
      causeType: row.causeType as CauseType,
      causeRef: row.causeRef,
      actor: row.actor,
      movement: {
        kind: row.kind as MovementKind,
        delta: row.delta,
        backorderedDelta: row.backorderedDelta,
        stockAfter: row.stockAfter,
        backorderedAfter: row.backorderedAfter,
      },
    };
  }

  #transition(row: TransitionRow): ActivityEntry | null {
    const item = itemLabel(this.db, row.storeId, row.itemId);
    if (item === null) return null;
    return {
      kind: 'transition',
      id: row.id,
      eventId: row.eventId,
      at: toDate(row.createdAt),
      item,
      causeType: row.causeType as CauseType,
      causeRef: row.causeRef,
      actor: row.actor,
      transition: {
        from: { status: row.fromStatus as Status | null, block: row.fromBlock as Block | null },
        to: { status: row.toStatus as Status | null, block: row.toBlock as Block | null },
        reason: row.reason,
      },
    };
  }
}

function matches(entry: ActivityEntry, query: ActivityQuery): boolean {
  // Instants compare as the databases compare their stored text.
  const at = toTimestamp(entry.at);
  return (
    (query.sku === undefined || entry.item.sku === query.sku) &&
    (query.bcProductId === undefined || entry.item.bcProductId === query.bcProductId) &&
    (query.causeType === undefined || entry.causeType === query.causeType) &&
    (query.since === undefined || compareText(at, toTimestamp(query.since)) >= 0) &&
    (query.until === undefined || compareText(at, toTimestamp(query.until)) < 0) &&
    (query.after === undefined || compareActivity(query.after, entry as ActivityPosition) < 0)
  );
}

/** The item with its product, as the inner joins of the Kysely adapters find them. */
function itemLabel(db: InMemoryDatabase, storeId: StoreId, itemId: number): ItemLabel | null {
  const item = db.items.find((i) => i.storeId === storeId && i.id === itemId);
  return item === undefined ? null : labelOf(db, item);
}

function labelOf(db: InMemoryDatabase, item: ItemRow): ItemLabel | null {
  const product = db.products.find((p) => p.storeId === item.storeId && p.id === item.productId);
  if (product === undefined) return null;
  const optionValues =
    item.optionValues === null ? null : fromJson<ItemRecord['optionValues']>(item.optionValues);
  return {
    itemId: item.id,
    storeId: item.storeId,
    productName: product.name,
    variantLabel: itemVariantLabel({ optionValues }),
    sku: item.sku,
    bcProductId: item.bcProductId,
    bcVariantId: item.bcVariantId,
  };
}

/** As KyselyStoreDashboard. */
export class InMemoryStoreDashboard implements StoreDashboard {
  constructor(private readonly db: InMemoryDatabase) {}

  countItems(storeId: StoreId): Promise<ItemCounts> {
    return this.db.execute(() => {
      const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
      const byBlock = Object.fromEntries(BLOCKS.map((b) => [b, 0])) as Record<Block, number>;
      const assigned = this.#assigned(storeId);
      for (const item of assigned) {
        if (item.status !== null) byStatus[item.status] += 1;
        if (item.block !== null) byBlock[item.block] += 1;
      }
      return { assigned: assigned.length, byStatus, byBlock };
    });
  }

  listBlockedItems(storeId: StoreId, query: BlockedItemsQuery): Promise<DashboardItemList> {
    return this.db.execute(() =>
      this.#list(
        this.#assigned(storeId)
          .filter((i) => i.block !== null && query.blocks.includes(i.block))
          .sort((a, b) => compareText(b.updatedAt, a.updatedAt) || b.id - a.id),
        query.limit,
      ),
    );
  }

  listItemsDueBetween(storeId: StoreId, query: DueItemsQuery): Promise<DashboardItemList> {
    return this.db.execute(() =>
      this.#list(
        this.#assigned(storeId)
          .filter(
            (i) =>
              i.backInStockDate !== null &&
              compareText(i.backInStockDate, query.from) >= 0 &&
              compareText(i.backInStockDate, query.to) <= 0,
          )
          .sort((a, b) => compareText(a.backInStockDate!, b.backInStockDate!) || a.id - b.id),
        query.limit,
      ),
    );
  }

  /** Assigned items that have their product (the Kysely adapter's inner join). */
  #assigned(storeId: StoreId): ItemRow[] {
    return this.db.items.filter(
      (i) =>
        i.storeId === storeId &&
        i.active &&
        this.db.products.find((p) => p.storeId === storeId && p.id === i.productId) !== undefined,
    );
  }

  #list(matching: readonly ItemRow[], limit: number): DashboardItemList {
    const items = matching.slice(0, limit).map(
      (row): DashboardItem => ({
        label: labelOf(this.db, row)!,
        stock: row.stock,
        threshold: row.threshold,
        backordered: row.backordered,
        incoming: row.incoming,
        backInStockDate: row.backInStockDate,
        status: row.status as Status,
        block: row.block,
        updatedAt: toDate(row.updatedAt),
      }),
    );
    return { items, total: matching.length };
  }
}
