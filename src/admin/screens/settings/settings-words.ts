import type { NotifyEvent } from './settings-api.js';

/** What the switch condition S means, in words, for the value the merchant is typing. */
export function switchConditionMeaning(s: number): string {
  const start = `An item is out of stock when its stock is ${s} or less: it then switches to backorder (unless its threshold, its back-in-stock date or you switched backorder off for it), and every unit sold from then on counts as backordered.`;
  return s === 0
    ? `${start} With 0, that happens as its last unit is sold.`
    : `${start} With ${s}, the last ${s} unit${s === 1 ? '' : 's'} on hand ${s === 1 ? 'is' : 'are'} sold as backorders too.`;
}

/** The API's bound on stock-like numbers (the switch condition among them). */
export const MAX_UNITS = 1_000_000_000;

/** A whole number from 0 to MAX_UNITS as typed, or null. */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= MAX_UNITS ? value : null;
}

export const NOTIFY_EVENT_LABELS: Readonly<Record<NotifyEvent, { label: string; description: string }>> = {
  backorder_enabled: {
    label: 'Backorder switched on',
    description: 'An item ran out of stock and is now sold as a backorder.',
  },
  backorder_disabled: {
    label: 'Backorder switched off',
    description:
      'An item became unavailable: its threshold or back-in-stock date was reached, or you switched it off.',
  },
  assigned: { label: 'Products assigned', description: 'The list of products assigned to Backorder.' },
  unassigned: {
    label: 'Product unassigned',
    description: 'The items’ last stock data, attached as a CSV file.',
  },
  import_finished: { label: 'Import finished', description: 'The result of a stock import.' },
};

/** Email addresses typed one per line (or separated by commas), without blanks or repeats. */
export function parseEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,;]+/)
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    ),
  ];
}

export const MAX_RECIPIENTS = 20;

export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}
