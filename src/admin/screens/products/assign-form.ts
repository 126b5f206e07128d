import type { components } from '../../api/v1.js';

/**
 * The assignment form's pure parts: the optional stock defaults typed by the merchant (empty: the
 * template's value), and a run's progress in words and percent. Unit-tested in
 * test/admin/assign-form.test.ts.
 */

export type AssignmentRun = components['schemas']['AssignmentRun'];
export type AssignmentRunDetails = components['schemas']['AssignmentRunDetails'];

export interface StockDefaultsDraft {
  readonly threshold: string;
  readonly incoming: string;
  readonly date: string;
}

export const EMPTY_DEFAULTS: StockDefaultsDraft = { threshold: '', incoming: '', date: '' };

export interface StockDefaultsBody {
  readonly threshold?: number;
  readonly incoming_stock?: number;
  readonly back_in_stock_date?: string;
}

export type StockDefaultsCheck =
  | { readonly ok: true; readonly body: StockDefaultsBody }
  | { readonly ok: false; readonly errors: Partial<Record<keyof StockDefaultsDraft, string>> };

const MAX_UNITS = 2_147_483_647;

/** The fields filled in, as the API takes them; a field left empty keeps the template's value. */
export function checkStockDefaults(draft: StockDefaultsDraft): StockDefaultsCheck {
  const errors: Partial<Record<keyof StockDefaultsDraft, string>> = {};
  const body: { -readonly [K in keyof StockDefaultsBody]: StockDefaultsBody[K] } = {};
  const threshold = draft.threshold.trim();
  if (threshold !== '') {
    const n = count(threshold);
    if (n === null) errors.threshold = 'Enter a whole number of 0 or more, or leave it empty.';
    else body.threshold = n;
  }
  const incoming = draft.incoming.trim();
  if (incoming !== '') {
    const n = count(incoming);
    if (n === null) errors.incoming = 'Enter a whole number of 0 or more, or leave it empty.';
    else body.incoming_stock = n;
  }
  const date = draft.date.trim();
  if (date !== '') {
    if (!isCalendarDate(date)) errors.date = 'Enter a date as YYYY-MM-DD, or leave it empty.';
    else body.back_in_stock_date = date;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

export function isActive(run: Pick<AssignmentRun, 'status'>): boolean {
  return run.status === 'pending' || run.status === 'running';
}

export interface RunProgress {
  /** Undefined while the products of a filter are still being listed (the total still grows). */
  readonly percent: number | undefined;
  readonly done: number;
  readonly total: number;
  /** "12 of 40 products done: 10 assigned, 1 already assigned, 1 failed." */
  readonly summary: string;
}

export function runProgress(run: Pick<AssignmentRun, 'status' | 'resolved' | 'progress'>): RunProgress {
  const { total, pending, assigned, skipped, failed } = run.progress;
  const done = total - pending;
  const finished = !isActive(run);
  const known = run.resolved || finished;
  const percent = known ? (total === 0 ? 100 : Math.floor((done / total) * 100)) : undefined;
  const counts = [
    `${assigned} assigned`,
    ...(skipped > 0 ? [`${skipped} already assigned`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
  ].join(', ');
  const summary = finished
    ? run.status === 'failed'
      ? `The assignment stopped after ${done} of ${total} ${products(total)}: ${counts}.`
      : `Done: ${total} ${products(total)}, ${counts}.`
    : known
      ? `${done} of ${total} ${products(total)} done: ${counts}.`
      : `Finding the matching products… ${total} so far, ${counts}.`;
  return { percent, done, total, summary };
}

export function products(n: number): string {
  return n === 1 ? 'product' : 'products';
}

function count(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_UNITS ? n : null;
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
