import { describe, expect, it } from 'vitest';
import { sentenceFor, UNKNOWN_ERROR_SENTENCE } from '../../src/admin/api/error-sentences.js';
import {
  applyConfirmation,
  applyProgress,
  canApply,
  changeLines,
  type ImportRun,
  PROBLEM_SENTENCES,
  problemPlace,
  problemSentence,
  resultLines,
  rowsSummary,
  runStatusWords,
  sameFileWarning,
  statusChangeLines,
  uploadContentType,
} from '../../src/admin/screens/import/import-words.js';

const run = (overrides: Partial<ImportRun> = {}): ImportRun => ({
  id: 7,
  status: 'validated',
  file_name: 'stock.csv',
  format: 'csv',
  encoding: 'utf-8',
  actor: 'admin:owner@example.com',
  created_at: '2027-01-10T09:00:00.000Z',
  applied_at: null,
  finished_at: null,
  rows: { total: 120, valid: 117, with_problems: 3, applied: 0, unchanged: 40 },
  apply_valid_rows: null,
  changes: { stock: 70, threshold: 12, incoming_stock: 0, back_in_stock_date: 1 },
  status_changes: [{ from: 'in_stock', to: 'backorder', items: 4 }],
  same_file_as: null,
  problems_preview: [],
  ...overrides,
});

const rows = (r: Partial<ImportRun['rows']>): ImportRun['rows'] => ({
  total: 10,
  valid: 10,
  with_problems: 0,
  applied: 0,
  unchanged: 0,
  ...r,
});

describe('the Import tab in words (src/admin/screens/import/import-words.ts)', () => {
  it('gives every row problem code of the import a sentence of its own, never the API’s message', () => {
    const rowCodes = [
      'IMPORT.MISSING_SKU',
      'IMPORT.DUPLICATE_SKU',
      'IMPORT.UNKNOWN_SKU',
      'IMPORT.NOT_A_NUMBER',
      'IMPORT.NOT_A_WHOLE_NUMBER',
      'IMPORT.NEGATIVE_NUMBER',
      'IMPORT.NUMBER_OUT_OF_RANGE',
      'IMPORT.INVALID_DATE',
      'IMPORT.DATE_NOT_IN_STORE_FORMAT',
      'IMPORT.ROW_REFUSED',
    ];
    expect(Object.keys(PROBLEM_SENTENCES).sort()).toEqual([...rowCodes].sort());
    // The codes refusing a file as a whole are the API's refusals, with the app's sentences for them.
    const fileCodes = [
      'IMPORT.EMPTY_FILE',
      'IMPORT.UNREADABLE_FILE',
      'IMPORT.MISSING_HEADER',
      'IMPORT.UNKNOWN_HEADER',
      'IMPORT.DUPLICATE_HEADER',
      'IMPORT.TOO_MANY_ROWS',
    ];
    const sentences = [...rowCodes, ...fileCodes].map(problemSentence);
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const sentence of sentences) {
      expect(sentence).toMatch(/^[A-Z].*\.$/);
      expect(sentence).not.toBe(UNKNOWN_ERROR_SENTENCE);
    }
    expect(problemSentence('IMPORT.UNKNOWN_SKU')).toContain('No assigned item has this SKU');
    expect(problemSentence('IMPORT.EMPTY_FILE')).toBe(sentenceFor('IMPORT.EMPTY_FILE'));
  });

  it('reads a row the rules refused at apply time by the rules’ own code, and an unknown code safely', () => {
    expect(problemSentence('ITEM.INVALID_STOCK')).toBe(sentenceFor('ITEM.INVALID_STOCK'));
    expect(problemSentence('ITEM.INVALID_STOCK')).not.toBe(UNKNOWN_ERROR_SENTENCE);
    expect(problemSentence('IMPORT.SOMETHING_NEW')).toBe(UNKNOWN_ERROR_SENTENCE);
  });

  it('places a problem as the spreadsheet numbers it', () => {
    expect(problemPlace({ line: 12, column: 'Stock' })).toBe('Line 12, column Stock');
    expect(problemPlace({ line: 3, column: null })).toBe('Line 3');
  });

  it('says what the dry run would change, per field and per status change, leaving out what would not', () => {
    expect(changeLines(run())).toEqual([
      'Stock of 70 items',
      'Threshold of 12 items',
      'Back-in-stock date of 1 item',
    ]);
    expect(
      changeLines(run({ changes: { stock: 0, threshold: 0, incoming_stock: 0, back_in_stock_date: 0 } })),
    ).toEqual([]);
    expect(
      statusChangeLines(
        run({
          status_changes: [
            { from: 'in_stock', to: 'backorder', items: 4 },
            { from: 'backorder', to: 'in_stock', items: 1 },
            { from: 'in_stock', to: 'unavailable', items: 0 },
          ],
        }),
      ),
    ).toEqual([
      '4 items would switch from in stock to backorder',
      '1 item would switch from backorder to in stock',
    ]);
  });

  it('sums up the rows read', () => {
    expect(rowsSummary(run())).toBe('120 rows: 117 valid (40 of them change nothing), 3 with problems.');
    expect(rowsSummary(run({ rows: rows({ total: 1, valid: 1 }) }))).toBe('1 row: 1 valid.');
    expect(rowsSummary(run({ rows: rows({ total: 12_000, valid: 12_000 }) }))).toBe(
      '12,000 rows: 12,000 valid.',
    );
  });

  it('lets a run be applied when it has no problems, or when the merchant skips them', () => {
    const clean = run({ rows: rows({}) });
    expect(canApply(clean, false)).toBe(true);
    expect(canApply(run(), false)).toBe(false);
    expect(canApply(run(), true)).toBe(true);
    expect(canApply(run({ rows: rows({ valid: 0, with_problems: 10 }) }), true)).toBe(false);
    expect(canApply({ ...clean, status: 'applying' }, false)).toBe(false);
    expect(canApply({ ...clean, status: 'done' }, false)).toBe(false);
  });

  it('says in the confirmation what will be written and what skipped', () => {
    expect(applyConfirmation(run(), true)).toContain('The values of 77 rows will be written');
    expect(applyConfirmation(run(), true)).toContain('The 3 rows with problems are skipped.');
    expect(applyConfirmation(run({ rows: rows({ unchanged: 9 }) }), false)).not.toContain('skipped');
  });

  it('measures the progress of an applying run by the rows to apply', () => {
    expect(applyProgress(run({ rows: rows({ valid: 200, applied: 50 }) }))).toEqual({
      percent: 25,
      summary: '50 of 200 rows applied.',
    });
    expect(applyProgress(run({ rows: rows({ valid: 3, applied: 2 }) })).percent).toBe(66);
    expect(applyProgress(run({ rows: rows({ valid: 0, applied: 0 }) })).percent).toBe(100);
    // A refused row leaves `valid` but was worked through: never past the end.
    expect(applyProgress(run({ rows: rows({ valid: 9, applied: 10 }) }))).toEqual({
      percent: 100,
      summary: '9 of 9 rows applied.',
    });
  });

  it('gives a finished run’s result, rows the rules refused on the way among the problems', () => {
    expect(
      resultLines(
        run({ status: 'done', rows: rows({ valid: 116, applied: 117, unchanged: 40, with_problems: 4 }) }),
      ),
    ).toEqual(['116 rows applied', '40 rows already held these values', '4 rows with problems, not applied']);
    expect(resultLines(run({ status: 'done', rows: rows({ valid: 1, applied: 1 }) }))).toEqual([
      '1 row applied',
    ]);
    expect(resultLines(run({ status: 'failed', rows: rows({ valid: 10, applied: 4 }) }))).toEqual([
      '4 rows applied before it stopped',
    ]);
  });

  it('warns when the same file was applied before', () => {
    expect(sameFileWarning(run(), 'UTC')).toBeNull();
    const warning = sameFileWarning(
      run({ same_file_as: { id: 5, finished_at: '2027-01-09T15:30:00Z' } }),
      'UTC',
    );
    expect(warning).toContain('already applied on Jan 9, 2027, 3:30 PM (import 5)');
    expect(sameFileWarning(run({ same_file_as: { id: 5, finished_at: null } }), 'UTC')).toContain(
      'already applied (import 5)',
    );
  });

  it('names run statuses in words', () => {
    expect(runStatusWords('validated')).toBe('Checked, not applied');
    expect(runStatusWords('done')).toBe('Applied');
    expect(runStatusWords('paused')).toBe('paused');
  });

  it('sends a file with the media type its name says', () => {
    expect(uploadContentType('Stock.CSV')).toBe('text/csv');
    expect(uploadContentType('stock.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(uploadContentType('stock')).toBe('application/octet-stream');
  });
});
