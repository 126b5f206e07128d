/** The Orders screen's pure parts: its filters as typed, and names of items and weeks. */

export interface OrderFilters {
  readonly from?: string;
  readonly to?: string;
  readonly sku?: string;
}

export interface FilterForm {
  readonly from: string;
  readonly to: string;
  readonly sku: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters to ask for, or why the form cannot be applied. */
export function filtersOf(
  form: FilterForm,
): { ok: true; filters: OrderFilters } | { ok: false; error: string } {
  const from = form.from.trim();
  const to = form.to.trim();
  const sku = form.sku.trim();
  if ((from !== '' && !DATE.test(from)) || (to !== '' && !DATE.test(to))) {
    return { ok: false, error: 'Enter dates as YYYY-MM-DD.' };
  }
  if (from !== '' && to !== '' && from > to) {
    return { ok: false, error: 'The period ends before it starts.' };
  }
  return {
    ok: true,
    filters: {
      ...(from === '' ? {} : { from }),
      ...(to === '' ? {} : { to }),
      ...(sku === '' ? {} : { sku }),
    },
  };
}

export function hasFilters(filters: OrderFilters): boolean {
  return filters.from !== undefined || filters.to !== undefined || filters.sku !== undefined;
}

/** `Trail Jacket (Size: M)`. */
export function itemName(item: {
  readonly product_name: string;
  readonly variant_label: string | null;
}): string {
  return item.variant_label === null ? item.product_name : `${item.product_name} (${item.variant_label})`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A week by its Monday, for the chart's axis: `Mar 3` (`Mar 3, 2025` when the weeks span years). */
export function weekLabel(startsOn: string, withYear: boolean): string {
  const [year, month, day] = startsOn.split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${day}${withYear ? `, ${year}` : ''}`;
}

/** What the chart shows, in one sentence (its text alternative). */
export function chartSummary(
  weeks: readonly { readonly starts_on: string; readonly backordered_units: number }[],
): string {
  if (weeks.length === 0) return 'No backordered units in this period.';
  const total = weeks.reduce((sum, w) => sum + w.backordered_units, 0);
  const peak = weeks.reduce(
    (best, w) => (w.backordered_units > best.backordered_units ? w : best),
    weeks[0]!,
  );
  const first = weeks[0]!.starts_on;
  const last = weeks[weeks.length - 1]!.starts_on;
  return `${total} backordered unit${total === 1 ? '' : 's'} over ${weeks.length} week${weeks.length === 1 ? '' : 's'} (weeks starting ${first} to ${last}); the most, ${peak.backordered_units}, in the week of ${peak.starts_on}.`;
}
