import { DateTime } from 'luxon';
import type { Item, Refusal, Status } from './item.js';
import { refuse } from './item.js';
import { isPurchasable, showsBackorderTexts } from './status.js';

/**
 * Storefront and packing-slip texts of a template, with placeholders filled in for one item.
 * The output is plain text: whoever puts it on a page must insert it as text, never as HTML.
 */

export const PLACEHOLDERS = {
  back_in_stock_date: 'The back-in-stock date, formatted for the store (empty when none is set).',
  incoming_stock: 'Units on their way.',
  remaining_units: 'Units that may still be backordered in this episode (empty when unlimited).',
  backordered: 'Units backordered in this episode.',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

const PLACEHOLDER = /\{([a-z_]+)\}/g;
/**
 * A conditional section: `[, expected {back_in_stock_date}]` is shown only when every placeholder in it
 * has a value, so a text reads well with or without a date. Brackets around no placeholder stay as
 * written; sections do not nest.
 */
const SECTION = /\[([^[\]]*)\]/g;

export interface MessageContext {
  readonly item: Pick<Item, 'backInStockDate' | 'incoming' | 'threshold' | 'backordered'>;
  /** BCP-47 locale of the store, e.g. `en-US`, `de-DE`. */
  readonly locale: string;
  /** The store's IANA time zone; the back-in-stock date is a calendar date there. */
  readonly timeZone: string;
}

export type MessageTemplateRefusalCode = 'TEMPLATE.UNKNOWN_PLACEHOLDER' | 'TEMPLATE.UNBALANCED_SECTION';

/**
 * Checks a merchant's text before it is saved: every `{name}` must be a known placeholder, and the
 * brackets of conditional sections must pair up, one level deep.
 */
export function checkMessageTemplate(text: string): Refusal<MessageTemplateRefusalCode> | null {
  const unknown = unknownPlaceholderIn(text);
  if (unknown !== null) {
    return refuse(
      'TEMPLATE.UNKNOWN_PLACEHOLDER',
      `Unknown placeholder {${unknown}}. Known: ${Object.keys(PLACEHOLDERS)
        .map((p) => `{${p}}`)
        .join(', ')}.`,
    );
  }
  let depth = 0;
  for (const char of text) {
    if (char === '[') depth += 1;
    if (char === ']') depth -= 1;
    if (depth < 0 || depth > 1) break;
  }
  if (depth !== 0) {
    return refuse(
      'TEMPLATE.UNBALANCED_SECTION',
      'Every [ needs its ], one level deep: write [, expected {back_in_stock_date}] to drop a phrase when its value is empty.',
    );
  }
  return null;
}

/** The name of the first `{name}` in the text that is not a placeholder, or null when there is none. */
export function unknownPlaceholderIn(text: string): string | null {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!(name in PLACEHOLDERS)) return name;
  }
  return null;
}

/**
 * Fills in the placeholders of `text` for one item, dropping each conditional section with an empty
 * value. Unknown placeholders are left as written.
 */
export function renderMessage(text: string, context: MessageContext): string {
  let dropped = false;
  const withSections = text.replace(SECTION, (whole, inner: string) => {
    const names = [...inner.matchAll(PLACEHOLDER)]
      .map((m) => m[1] as string)
      .filter((name): name is Placeholder => name in PLACEHOLDERS);
    if (names.length === 0) return whole;
    if (names.every((name) => placeholderValue(name, context) !== '')) return inner;
    dropped = true;
    return '';
  });
  const filled = withSections.replace(PLACEHOLDER, (whole, name: string) =>
    name in PLACEHOLDERS ? placeholderValue(name as Placeholder, context) : whole,
  );
  // A dropped phrase must not leave its spacing behind: "in stock ." reads as a mistake.
  return dropped
    ? filled
        .replace(/ {2,}/g, ' ')
        .replace(/ +([.,;:!?])/g, '$1')
        .trim()
    : filled;
}

function placeholderValue(name: Placeholder, { item, locale, timeZone }: MessageContext): string {
  switch (name) {
    case 'back_in_stock_date':
      return item.backInStockDate === null ? '' : formatLocalDate(item.backInStockDate, locale, timeZone);
    case 'incoming_stock':
      return formatCount(item.incoming, locale);
    case 'remaining_units': {
      const remaining = remainingUnits(item);
      return remaining === null ? '' : formatCount(remaining, locale);
    }
    case 'backordered':
      return formatCount(item.backordered, locale);
  }
}

/** T − B, never below 0 (a sale may overshoot T); null when T is unlimited. */
export function remainingUnits(item: Pick<Item, 'threshold' | 'backordered'>): number | null {
  return item.threshold === null ? null : Math.max(0, item.threshold - item.backordered);
}

/** A calendar date in the store's zone, written the way the store's locale writes dates. */
export function formatLocalDate(date: string, locale: string, timeZone: string): string {
  const parsed = DateTime.fromISO(date, { zone: timeZone, locale });
  return parsed.isValid ? parsed.toLocaleString(DateTime.DATE_FULL) : date;
}

/** One formatter per locale: each new one holds ICU memory outside V8's heap until a full collection. */
const countFormats = new Map<string, Intl.NumberFormat>();

function formatCount(n: number, locale: string): string {
  let format = countFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    countFormats.set(locale, format);
  }
  return format.format(n);
}

/** The storefront texts of a template (docs/product.md#templates). */
export interface StorefrontTexts {
  readonly buttonText: string;
  readonly message: string;
  readonly cartMessage: string;
  /** Shown where the add-to-cart button was while the item is unavailable. */
  readonly unavailableMessage: string;
}

/** What the storefront script shows for one item. */
export interface StorefrontView {
  readonly status: Status;
  readonly purchasable: boolean;
  /** The backorder texts; null unless the item is in backorder (an in-stock item never shows them). */
  readonly texts: Omit<StorefrontTexts, 'unavailableMessage'> | null;
  /** Null unless the item is unavailable. */
  readonly unavailableMessage: string | null;
  /**
   * While in backorder with a threshold: the units one order may still take (T − B), which the
   * storefront caps its quantity at; null otherwise (no limit the storefront could enforce).
   */
  readonly remainingUnits: number | null;
}

export function storefrontView(
  item: Pick<Item, 'status' | 'backInStockDate' | 'incoming' | 'threshold' | 'backordered'>,
  texts: StorefrontTexts,
  locale: string,
  timeZone: string,
): StorefrontView {
  const purchasable = isPurchasable(item.status);
  const context: MessageContext = { item, locale, timeZone };
  if (!showsBackorderTexts(item.status)) {
    return {
      status: item.status,
      purchasable,
      texts: null,
      unavailableMessage: purchasable ? null : renderMessage(texts.unavailableMessage, context),
      remainingUnits: null,
    };
  }
  return {
    status: item.status,
    purchasable,
    texts: {
      buttonText: renderMessage(texts.buttonText, context),
      message: renderMessage(texts.message, context),
      cartMessage: renderMessage(texts.cartMessage, context),
    },
    unavailableMessage: null,
    remainingUnits: remainingUnits(item),
  };
}
