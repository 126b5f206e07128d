/**
 * The vocabulary of the backorder rules (docs/product.md#vocabulary and #rules).
 * Everything in src/core is pure: no I/O, no clock, no environment. Time comes in as arguments.
 */

export const STATUSES = ['in_stock', 'backorder', 'unavailable'] as const;
/** What the shopper sees. Derived from stock, the switch condition S and the block. */
export type Status = (typeof STATUSES)[number];

export const BLOCKS = ['threshold', 'date', 'manual'] as const;
/** Why an out-of-stock item may not be backordered. At most one at a time. */
export type Block = (typeof BLOCKS)[number];

/**
 * The range of every stock-like number: |stock|, T, I, B and the quantities of sales, give-backs and
 * receipts are at most this. One billion is far beyond any real inventory, and keeps every number the
 * app stores, differences included (a ledger delta from −MAX_UNITS to +MAX_UNITS is 2·10⁹), inside a
 * 32-bit integer column. An event whose result would leave the range is refused (R19).
 */
export const MAX_UNITS = 1_000_000_000;

/** A calendar date, `YYYY-MM-DD`, in the store's time zone. */
export type LocalDate = string;

/** The per-item numbers the rules work on. Identity (store, product, variant, SKU) lives in the shell. */
export interface Item {
  /** On-hand units; negative means units owed. */
  readonly stock: number;
  /** T: units that may be backordered in one out-of-stock episode; null = unlimited. */
  readonly threshold: number | null;
  /** B: units sold as backorders in the current episode. Never negative. */
  readonly backordered: number;
  /** I: units on their way. */
  readonly incoming: number;
  /** D: when it arrives (store-local), backorder is switched off. */
  readonly backInStockDate: LocalDate | null;
  readonly block: Block | null;
  /**
   * The status last decided for this item: what the shopper sees now. `decide` compares it with the
   * status it derives after an event, so a change of S (which moves the line, not the stock) is a
   * transition too.
   */
  readonly status: Status;
  /**
   * Counts out-of-stock episodes. It increases when stock falls to S or below; a give-back only
   * reduces B when its sale belongs to the current episode, so B never goes negative.
   */
  readonly episode: number;
}

/** Store-wide settings the rules read. */
export interface StoreRules {
  /** S: stock ≤ S is out of stock. Integer ≥ 0. */
  readonly switchCondition: number;
  /** IANA zone of the store, e.g. `America/Chicago`; the back-in-stock date is a date there. */
  readonly timeZone: string;
}

/** What an expected refusal says. Codes are stable; UI and tests match on codes, never on text. */
export interface Refusal<Code extends string = string> {
  readonly ok: false;
  readonly code: Code;
  readonly message: string;
}

export type Result<T, Code extends string = string> = ({ readonly ok: true } & T) | Refusal<Code>;

export function refuse<Code extends string>(code: Code, message: string): Refusal<Code> {
  return { ok: false, code, message };
}
