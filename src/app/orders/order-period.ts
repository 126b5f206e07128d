import { type LocalDate, type Refusal, refuse } from '../../core/item.js';
import { plusDays, startOfLocalDay } from '../../core/local-day-range.js';
import type { RecordedBetween } from '../ports/order-report.js';

/** Refusals of the orders report's filters. Stable: the API and the admin app match on them. */
export const ORDER_REPORT_REFUSALS = {
  invalidDateRange: 'ORDERS.INVALID_DATE_RANGE',
} as const;

/** Store-local calendar dates, both included, as the merchant picks them. */
export interface LocalPeriod {
  readonly from?: LocalDate;
  readonly to?: LocalDate;
}

/**
 * The instants a store-local period covers: from the start of `from` to the start of the day after
 * `to`, in the store's time zone (so an order placed at 23:30 on the last day is in it).
 */
export function periodInstants(period: LocalPeriod, timeZone: string): RecordedBetween | Refusal {
  if (period.from !== undefined && period.to !== undefined && period.from > period.to) {
    return refuse(
      ORDER_REPORT_REFUSALS.invalidDateRange,
      `The period starts (${period.from}) after it ends (${period.to}).`,
    );
  }
  return {
    ...(period.from === undefined ? {} : { from: startOfLocalDay(period.from, timeZone) }),
    ...(period.to === undefined ? {} : { to: startOfLocalDay(plusDays(period.to, 1), timeZone) }),
  };
}

export function isRefusal(value: object): value is Refusal {
  return 'ok' in value && value.ok === false;
}
