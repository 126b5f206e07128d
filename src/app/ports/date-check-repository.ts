import type { LocalDate } from '../../core/item.js';
import type { StoreId } from './store-id.js';

/**
 * How far the daily back-in-stock date check got, per store: the store-local date through which it
 * applied the dates. The check runs once per store and local day and, after downtime, catches up
 * from where it stopped.
 */
export interface DateCheckRepository {
  /** The checked-through date of every installed store (null: never checked). */
  listCheckedThrough(): Promise<ReadonlyMap<number, LocalDate | null>>;
  /** Records that the store is checked through `date`; never moves the mark backwards. */
  markCheckedThrough(storeId: StoreId, date: LocalDate): Promise<void>;
}
