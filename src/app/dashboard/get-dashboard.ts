import type { Block, LocalDate, Refusal } from '../../core/item.js';
import { refuse } from '../../core/item.js';
import { localDateAt } from '../../core/local-date.js';
import { plusDays } from '../../core/local-day-range.js';
import type { ActivityEntry, ActivityLog } from '../ports/activity-log.js';
import type { Clock } from '../ports/clock.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { DashboardItemList, ItemCounts, StoreDashboard } from '../ports/store-dashboard.js';
import type { StoreId } from '../ports/store-id.js';
import { SETTINGS_REFUSALS } from '../settings/get-settings.js';

/** How many items each of Home's lists shows (with the total beside it). */
export const DASHBOARD_LIST_LIMIT = 10;
/** "Dates in the next 7 days": from tomorrow through a week from today, store-local. */
export const DUE_WITHIN_DAYS = 7;
export const RECENT_ACTIVITY_LIMIT = 10;
/**
 * Blocks the merchant should act on: the rules set these (threshold reached, date reached). A manual
 * block is the merchant's own choice, so it is counted but not flagged.
 */
export const ATTENTION_BLOCKS: readonly Block[] = ['threshold', 'date'];

export interface Dashboard {
  /** The store's date now, in its time zone. */
  readonly today: LocalDate;
  readonly counts: ItemCounts;
  readonly needsAttention: DashboardItemList;
  readonly dueSoon: DashboardItemList & { readonly from: LocalDate; readonly to: LocalDate };
  /** The latest status and block changes, newest first. */
  readonly recentActivity: readonly ActivityEntry[];
}

export interface DashboardDeps {
  readonly dashboard: StoreDashboard;
  readonly activityLog: ActivityLog;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

/** Home's summary of a store: counts, items that need attention, dates coming up, recent changes. */
export async function getDashboard(
  deps: DashboardDeps,
  input: { readonly storeId: StoreId },
): Promise<({ readonly ok: true } & Dashboard) | Refusal> {
  const rules = await deps.settings.getRules(input.storeId);
  if (rules === null) {
    return refuse(SETTINGS_REFUSALS.storeNotFound, `No store ${input.storeId}.`);
  }
  const today = localDateAt(deps.clock.now(), rules.timeZone);
  // A date that is today has already been reached: the date rule blocked the item at the day's start.
  const from = plusDays(today, 1);
  const to = plusDays(today, DUE_WITHIN_DAYS);
  const [counts, needsAttention, due, recentActivity] = await Promise.all([
    deps.dashboard.countItems(input.storeId),
    deps.dashboard.listBlockedItems(input.storeId, {
      blocks: ATTENTION_BLOCKS,
      limit: DASHBOARD_LIST_LIMIT,
    }),
    deps.dashboard.listItemsDueBetween(input.storeId, { from, to, limit: DASHBOARD_LIST_LIMIT }),
    deps.activityLog.listActivity(input.storeId, { kind: 'transition', limit: RECENT_ACTIVITY_LIMIT }),
  ]);
  return { ok: true, today, counts, needsAttention, dueSoon: { ...due, from, to }, recentActivity };
}
