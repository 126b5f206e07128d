import { describe, expect, it } from 'vitest';
import {
  checkStockDefaults,
  EMPTY_DEFAULTS,
  isActive,
  runProgress,
} from '../../src/admin/screens/products/assign-form.js';

const progress = (
  p: Partial<{ total: number; pending: number; assigned: number; skipped: number; failed: number }>,
) => ({
  total: 0,
  pending: 0,
  assigned: 0,
  skipped: 0,
  failed: 0,
  ...p,
});

describe('the assignment form (src/admin/screens/products/assign-form.ts)', () => {
  it('sends only the stock defaults filled in; empty fields keep the template’s', () => {
    expect(checkStockDefaults(EMPTY_DEFAULTS)).toEqual({ ok: true, body: {} });
    expect(checkStockDefaults({ threshold: ' 0 ', incoming: '12', date: '2031-02-28' })).toEqual({
      ok: true,
      body: { threshold: 0, incoming_stock: 12, back_in_stock_date: '2031-02-28' },
    });
  });

  it('names each field that is not acceptable', () => {
    expect(checkStockDefaults({ threshold: '-1', incoming: '1.5', date: '2031-02-30' })).toEqual({
      ok: false,
      errors: {
        threshold: 'Enter a whole number of 0 or more, or leave it empty.',
        incoming: 'Enter a whole number of 0 or more, or leave it empty.',
        date: 'Enter a date as YYYY-MM-DD, or leave it empty.',
      },
    });
    expect(checkStockDefaults({ ...EMPTY_DEFAULTS, threshold: '2147483648' })).toMatchObject({ ok: false });
    expect(checkStockDefaults({ ...EMPTY_DEFAULTS, date: 'tomorrow' })).toMatchObject({ ok: false });
  });

  it('tells a run’s progress in percent and words', () => {
    expect(isActive({ status: 'running' })).toBe(true);
    expect(isActive({ status: 'done' })).toBe(false);
    expect(
      runProgress({
        status: 'running',
        resolved: true,
        progress: progress({ total: 40, pending: 28, assigned: 10, skipped: 1, failed: 1 }),
      }),
    ).toEqual({
      percent: 30,
      done: 12,
      total: 40,
      summary: '12 of 40 products done: 10 assigned, 1 already assigned, 1 failed.',
    });
    // Still listing a filter's products: no percent yet (the bar moves without one).
    expect(
      runProgress({ status: 'running', resolved: false, progress: progress({ total: 250, pending: 250 }) }),
    ).toMatchObject({
      percent: undefined,
      summary: 'Finding the matching products… 250 so far, 0 assigned.',
    });
    expect(
      runProgress({ status: 'done', resolved: true, progress: progress({ total: 1, assigned: 1 }) }),
    ).toMatchObject({
      percent: 100,
      summary: 'Done: 1 product, 1 assigned.',
    });
    expect(runProgress({ status: 'done', resolved: true, progress: progress({}) })).toMatchObject({
      percent: 100,
    });
    expect(
      runProgress({
        status: 'failed',
        resolved: true,
        progress: progress({ total: 9, pending: 4, assigned: 5 }),
      }).summary,
    ).toBe('The assignment stopped after 5 of 9 products: 5 assigned.');
  });
});
