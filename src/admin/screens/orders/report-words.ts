/** The orders report's pure parts: its numbers in words. */

/** `3.5 days`, `1 day`, `0.4 days`. */
export function daysText(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** One ended episode is one time an item came back in stock (an item may come back more than once). */
export function episodesText(episodes: number): string {
  return `${episodes} time${episodes === 1 ? '' : 's'} an item came back in stock`;
}

/** `7 units owed by 2 items`. */
export function owedText(units: number, items: number): string {
  return `${units} unit${units === 1 ? '' : 's'} owed by ${items} item${items === 1 ? '' : 's'}`;
}

/** Whether the report has anything to show: backorders in the period, units owed now, or restocks. */
export function hasReport(report: {
  readonly orders: number;
  readonly open_backorders: { readonly item_count: number };
  readonly back_in_stock: { readonly episodes: number };
}): boolean {
  return report.orders > 0 || report.open_backorders.item_count > 0 || report.back_in_stock.episodes > 0;
}
