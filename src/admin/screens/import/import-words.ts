import { sentenceFor } from '../../api/error-sentences.js';
import type { components } from '../../api/v1.js';

/**
 * The Import tab in plain words: a problem code as a sentence, what a dry run would change, an applying
 * run's progress and a finished run's result. Pure (unit-tested in test/admin/import-words.test.ts).
 * The screen never shows the API's `message`: every sentence comes from a code.
 */

export type ImportRun = components['schemas']['ImportRun'];
export type ImportProblem = components['schemas']['ImportProblem'];
export type RunStatus = ImportRun['status'];

/**
 * Why a row of the file cannot be imported, by the import's row problem code. Codes that refuse the
 * file as a whole (`IMPORT.MISSING_HEADER`, …) are API refusals: their sentences are in error-sentences.ts.
 */
export const PROBLEM_SENTENCES: Readonly<Record<string, string>> = {
  'IMPORT.MISSING_SKU': 'The row has no SKU.',
  'IMPORT.DUPLICATE_SKU': 'This SKU is on an earlier row too; keep one row per SKU.',
  'IMPORT.UNKNOWN_SKU': 'No assigned item has this SKU. Check it, or assign its product first.',
  'IMPORT.NOT_A_NUMBER': 'This is not a number. Write a whole number, such as 12.',
  'IMPORT.NOT_A_WHOLE_NUMBER': 'Write a whole number, without decimals.',
  'IMPORT.NEGATIVE_NUMBER': 'This cannot be below 0 (only stock can).',
  'IMPORT.NUMBER_OUT_OF_RANGE': 'This number is too large: Backorder counts up to 1,000,000,000.',
  'IMPORT.INVALID_DATE': 'This is not a date that exists. Write dates as YYYY-MM-DD, for example 2027-01-31.',
  'IMPORT.DATE_NOT_IN_STORE_FORMAT':
    'This date is not in your store’s date format (the day and month may be swapped). Write it as YYYY-MM-DD to be sure.',
  'IMPORT.ROW_REFUSED': 'Backorder’s rules refused this row; the item was left as it was.',
};

/**
 * A problem's reason as a sentence. A row the rules refused when it was applied carries the rules' own
 * code (`ITEM.INVALID_STOCK`), which reads as the app's sentence for that refusal.
 */
export function problemSentence(code: string): string {
  return PROBLEM_SENTENCES[code] ?? sentenceFor(code);
}

/** Where a problem is, as the merchant finds it in their spreadsheet: `Line 12, column Stock`. */
export function problemPlace(problem: Pick<ImportProblem, 'line' | 'column'>): string {
  return problem.column === null ? `Line ${problem.line}` : `Line ${problem.line}, column ${problem.column}`;
}

export const RUN_STATUS_WORDS: Readonly<Record<RunStatus, string>> = {
  validated: 'Checked, not applied',
  applying: 'Applying',
  done: 'Applied',
  failed: 'Failed',
};

export function runStatusWords(status: string): string {
  return (RUN_STATUS_WORDS as Readonly<Record<string, string>>)[status] ?? status;
}

const ITEM_STATUS_WORDS: Readonly<Record<string, string>> = {
  in_stock: 'in stock',
  backorder: 'backorder',
  unavailable: 'unavailable',
};

const FIELD_WORDS: readonly (readonly [keyof ImportRun['changes'], string])[] = [
  ['stock', 'stock'],
  ['threshold', 'threshold'],
  ['incoming_stock', 'incoming stock'],
  ['back_in_stock_date', 'back-in-stock date'],
];

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** What the dry run found would change, per field: `Stock of 70 items`. Fields that would not change are left out. */
export function changeLines(run: Pick<ImportRun, 'changes'>): string[] {
  return FIELD_WORDS.filter(([field]) => run.changes[field] > 0).map(
    ([field, words]) =>
      `${words.charAt(0).toUpperCase()}${words.slice(1)} of ${plural(run.changes[field], 'item')}`,
  );
}

/** The status changes the rules would make: `4 items would switch from in stock to backorder`. */
export function statusChangeLines(run: Pick<ImportRun, 'status_changes'>): string[] {
  return run.status_changes
    .filter((change) => change.items > 0)
    .map((change) => {
      const to = ITEM_STATUS_WORDS[change.to] ?? change.to;
      const from = ITEM_STATUS_WORDS[change.from] ?? change.from;
      return `${plural(change.items, 'item')} would switch from ${from} to ${to}`;
    });
}

/** The file as read: `120 rows: 117 valid (40 of them change nothing), 3 with problems.` */
export function rowsSummary(run: Pick<ImportRun, 'rows'>): string {
  const { total, valid, with_problems, unchanged } = run.rows;
  const unchangedWords =
    unchanged > 0 ? ` (${unchanged.toLocaleString('en-US')} of them change nothing)` : '';
  const problems = with_problems > 0 ? `, ${with_problems.toLocaleString('en-US')} with problems` : '';
  return `${plural(total, 'row')}: ${valid.toLocaleString('en-US')} valid${unchangedWords}${problems}.`;
}

/**
 * May the merchant apply this run now? A checked run without problems may; one with problems only when
 * they chose to apply the valid rows and skip the rest (and there is at least one valid row).
 */
export function canApply(run: Pick<ImportRun, 'status' | 'rows'>, skipProblems: boolean): boolean {
  if (run.status !== 'validated' || run.rows.valid === 0) return false;
  return run.rows.with_problems === 0 || skipProblems;
}

/** What the confirmation says will happen. */
export function applyConfirmation(run: Pick<ImportRun, 'rows' | 'changes'>, skipProblems: boolean): string {
  const changing = run.rows.valid - run.rows.unchanged;
  const skipped =
    skipProblems && run.rows.with_problems > 0
      ? ` The ${plural(run.rows.with_problems, 'row')} with problems ${run.rows.with_problems === 1 ? 'is' : 'are'} skipped.`
      : '';
  return `The values of ${plural(changing, 'row')} will be written to your items, as the check showed; stock changes are recorded in Activity as an import.${skipped}`;
}

/** An applying run's progress, from its rows done out of the rows to apply. */
export function applyProgress(run: Pick<ImportRun, 'rows'>): {
  readonly percent: number;
  readonly summary: string;
} {
  // `applied` counts rows worked through, those the rules refuse included, while a refused row leaves
  // `valid`: with refusals the count can pass the total by as many, so it is capped.
  const valid = run.rows.valid;
  const applied = Math.min(run.rows.applied, valid);
  const percent = valid === 0 ? 100 : Math.floor((applied / valid) * 100);
  return { percent, summary: `${applied.toLocaleString('en-US')} of ${plural(valid, 'row')} applied.` };
}

/**
 * A finished run's result, line by line. Rows the rules refused while it was applied are problems by then
 * (no longer valid); the rows that would change nothing were counted at upload.
 */
export function resultLines(run: Pick<ImportRun, 'status' | 'rows'>): string[] {
  const { applied, valid, unchanged, with_problems } = run.rows;
  const done =
    run.status === 'failed'
      ? `${plural(Math.min(applied, valid), 'row')} applied before it stopped`
      : `${plural(valid, 'row')} applied`;
  return [
    done,
    ...(unchanged > 0 ? [`${plural(unchanged, 'row')} already held these values`] : []),
    ...(with_problems > 0 ? [`${plural(with_problems, 'row')} with problems, not applied`] : []),
  ];
}

export function isFinished(run: Pick<ImportRun, 'status'>): boolean {
  return run.status === 'done' || run.status === 'failed';
}

/** The media type an upload is sent as, by the file's name (browsers guess CSV as Excel's on Windows). */
export function uploadContentType(fileName: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'text/csv';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'application/octet-stream';
}

/** Files the chooser offers; anything else is still sent (the server reads the bytes, not the name). */
export const ACCEPTED_FILES =
  '.csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The warning when this very file was applied before (the same bytes). */
export function sameFileWarning(
  run: Pick<ImportRun, 'same_file_as'>,
  timeZone: string,
  locale = 'en-US',
): string | null {
  if (run.same_file_as === null) return null;
  const { id, finished_at } = run.same_file_as;
  const when =
    finished_at === null
      ? ''
      : ` on ${new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(finished_at))}`;
  return `This same file was already applied${when} (import ${id}). Applying it again writes the same values again, over any change made since.`;
}
