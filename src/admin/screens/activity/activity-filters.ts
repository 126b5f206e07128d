import { type ActivityKind, CAUSE_WORDS, type CauseType } from './activity-words.js';

/**
 * The Activity screen's filters, kept in the address (`/activity?sku=JKT-M&cause=order_line`) so other
 * screens can link to an item's history and the browser's Back button returns to the previous filter.
 */
export interface ActivityFilters {
  readonly sku?: string;
  readonly cause?: CauseType;
  readonly kind?: ActivityKind;
  /** Store-local calendar dates, both included. */
  readonly from?: string;
  readonly to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS: readonly ActivityKind[] = ['movement', 'transition'];

/** Reads filters from a query string; values that cannot be filters are left out. */
export function filtersFromSearch(search: string): ActivityFilters {
  const params = new URLSearchParams(search);
  const sku = params.get('sku')?.trim();
  const cause = params.get('cause');
  const kind = params.get('kind');
  const from = params.get('from');
  const to = params.get('to');
  return {
    ...(sku ? { sku } : {}),
    ...(cause !== null && cause in CAUSE_WORDS ? { cause: cause as CauseType } : {}),
    ...(kind !== null && (KINDS as readonly string[]).includes(kind) ? { kind: kind as ActivityKind } : {}),
    ...(from !== null && DATE.test(from) ? { from } : {}),
    ...(to !== null && DATE.test(to) ? { to } : {}),
  };
}

/** The query string of the filters (empty when none), in a stable order. */
export function searchOfFilters(filters: ActivityFilters): string {
  const params = new URLSearchParams();
  for (const key of ['sku', 'cause', 'kind', 'from', 'to'] as const) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function hasFilters(filters: ActivityFilters): boolean {
  return searchOfFilters(filters) !== '';
}
