import { type LocalDate, type Refusal, refuse } from '../../core/item.js';
import { isLocalDate } from '../../core/local-date.js';
import { plusDays, startOfLocalDay } from '../../core/local-day-range.js';
import type { ActivityEntry, ActivityKind, ActivityLog, ActivityPosition } from '../ports/activity-log.js';
import type { CauseType } from '../ports/item-transactions.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { SETTINGS_REFUSALS } from '../settings/get-settings.js';

export const ACTIVITY_REFUSALS = {
  invalidDate: 'ACTIVITY.INVALID_DATE',
  invalidDateRange: 'ACTIVITY.INVALID_DATE_RANGE',
} as const;

export interface ListActivityInput {
  readonly storeId: StoreId;
  readonly sku?: string;
  readonly bcProductId?: number;
  readonly causeType?: CauseType;
  readonly kind?: ActivityKind;
  /** First store-local day listed. */
  readonly from?: LocalDate;
  /** Last store-local day listed (included). */
  readonly to?: LocalDate;
  /** The position of the previous page's last entry. */
  readonly after?: ActivityPosition;
  readonly limit: number;
}

export interface ActivityPage {
  readonly ok: true;
  readonly entries: readonly ActivityEntry[];
  /** Where the next page starts; null on the last page. */
  readonly next: ActivityPosition | null;
}

/**
 * The store's history (stock movements and status changes) newest first, filtered by item, cause,
 * kind and store-local days, one page at a time.
 */
export async function listActivity(
  deps: { readonly activityLog: ActivityLog; readonly settings: SettingsRepository },
  input: ListActivityInput,
): Promise<ActivityPage | Refusal> {
  for (const date of [input.from, input.to]) {
    if (date !== undefined && !isLocalDate(date)) {
      return refuse(ACTIVITY_REFUSALS.invalidDate, `Not a calendar date YYYY-MM-DD: "${date}".`);
    }
  }
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    return refuse(
      ACTIVITY_REFUSALS.invalidDateRange,
      `The range starts (${input.from}) after it ends (${input.to}).`,
    );
  }
  let since: Date | undefined;
  let until: Date | undefined;
  if (input.from !== undefined || input.to !== undefined) {
    const rules = await deps.settings.getRules(input.storeId);
    if (rules === null) return refuse(SETTINGS_REFUSALS.storeNotFound, `No store ${input.storeId}.`);
    // Days are the store's: a day runs from its local midnight to the next one.
    if (input.from !== undefined) since = startOfLocalDay(input.from, rules.timeZone);
    if (input.to !== undefined) until = startOfLocalDay(plusDays(input.to, 1), rules.timeZone);
  }
  // One more than asked for tells whether another page follows.
  const entries = await deps.activityLog.listActivity(input.storeId, {
    ...(input.sku === undefined ? {} : { sku: input.sku }),
    ...(input.bcProductId === undefined ? {} : { bcProductId: input.bcProductId }),
    ...(input.causeType === undefined ? {} : { causeType: input.causeType }),
    ...(input.kind === undefined ? {} : { kind: input.kind }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(input.after === undefined ? {} : { after: input.after }),
    limit: input.limit + 1,
  });
  const page = entries.slice(0, input.limit);
  const last = page.at(-1);
  return {
    ok: true,
    entries: page,
    next:
      entries.length > input.limit && last !== undefined
        ? { at: last.at, eventId: last.eventId, kind: last.kind, id: last.id }
        : null,
  };
}
