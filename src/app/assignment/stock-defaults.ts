import { REFUSAL_CODES } from '../../core/codes.js';
import { MAX_UNITS, type Result, refuse } from '../../core/item.js';
import { isLocalDate } from '../../core/local-date.js';
import type { StockDefaults } from '../ports/assignment-run-repository.js';
import type { TemplateRecord } from '../ports/template-repository.js';

/**
 * Stock defaults given with an assignment (docs/product.md#assignment): checked as an item edit checks
 * them (R19, the items' own codes), and laid over the template's for each item assigned.
 */
export function checkStockDefaults(
  defaults: StockDefaults | null | undefined,
): Result<{ readonly defaults: StockDefaults | null }, string> {
  if (defaults === undefined || defaults === null) return { ok: true, defaults: null };
  const { threshold, incomingStock, backInStockDate } = defaults;
  if (threshold !== undefined && threshold !== null && !isCount(threshold)) {
    return refuse(
      REFUSAL_CODES.invalidThreshold,
      'The threshold must be empty (unlimited) or a whole number ≥ 0.',
    );
  }
  if (incomingStock !== undefined && !isCount(incomingStock)) {
    return refuse(REFUSAL_CODES.invalidIncoming, 'Incoming stock must be a whole number ≥ 0.');
  }
  if (backInStockDate !== undefined && backInStockDate !== null && !isLocalDate(backInStockDate)) {
    return refuse(
      REFUSAL_CODES.invalidDate,
      `The back-in-stock date must be a calendar date YYYY-MM-DD, not "${backInStockDate}".`,
    );
  }
  // Only the fields given: an absent one keeps the template's value.
  const given: { -readonly [K in keyof StockDefaults]: StockDefaults[K] } = {};
  if (threshold !== undefined) given.threshold = threshold;
  if (incomingStock !== undefined) given.incomingStock = incomingStock;
  if (backInStockDate !== undefined) given.backInStockDate = backInStockDate;
  return { ok: true, defaults: Object.keys(given).length === 0 ? null : given };
}

/** What each assigned item starts with: the template's stock defaults, overridden by those given. */
export function itemDefaults(
  template: TemplateRecord | null,
  given: StockDefaults | null,
): { readonly threshold: number | null; readonly incoming: number; readonly backInStockDate: string | null } {
  return {
    threshold: given?.threshold !== undefined ? given.threshold : (template?.threshold ?? null),
    incoming: given?.incomingStock ?? template?.incomingStock ?? 0,
    backInStockDate:
      given?.backInStockDate !== undefined ? given.backInStockDate : (template?.backInStockDate ?? null),
  };
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_UNITS;
}
