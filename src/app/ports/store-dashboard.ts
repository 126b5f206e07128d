import type { Block, LocalDate, Status } from '../../core/item.js';
import type { ItemLabel } from './item-label.js';
import type { StoreId } from './store-id.js';

/** What the Home screen summarises: the store's assigned items, counted and picked out. */
export interface StoreDashboard {
  /** Assigned items by status and by block. */
  countItems(storeId: StoreId): Promise<ItemCounts>;
  /** Assigned items with one of these blocks, most recently changed first, and how many there are. */
  listBlockedItems(storeId: StoreId, query: BlockedItemsQuery): Promise<DashboardItemList>;
  /**
   * Assigned items whose back-in-stock date is in `from`..`to` (store-local dates, both included),
   * soonest first, and how many there are.
   */
  listItemsDueBetween(storeId: StoreId, query: DueItemsQuery): Promise<DashboardItemList>;
}

export interface ItemCounts {
  readonly assigned: number;
  readonly byStatus: Readonly<Record<Status, number>>;
  readonly byBlock: Readonly<Record<Block, number>>;
}

export interface BlockedItemsQuery {
  readonly blocks: readonly Block[];
  readonly limit: number;
}

export interface DueItemsQuery {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly limit: number;
}

export interface DashboardItemList {
  readonly items: readonly DashboardItem[];
  /** All that match, beyond the `limit` listed. */
  readonly total: number;
}

export interface DashboardItem {
  readonly label: ItemLabel;
  readonly stock: number;
  readonly threshold: number | null;
  readonly backordered: number;
  readonly incoming: number;
  readonly backInStockDate: LocalDate | null;
  readonly status: Status;
  readonly block: Block | null;
  readonly updatedAt: Date;
}
