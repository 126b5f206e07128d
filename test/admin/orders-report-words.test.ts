import { describe, expect, it } from 'vitest';
import { daysText, episodesText, hasReport, owedText } from '../../src/admin/screens/orders/report-words.js';

describe('the orders report in words', () => {
  it('counts days, restocks and units owed, singular and plural', () => {
    expect([daysText(1), daysText(0), daysText(3.5)]).toEqual(['1 day', '0 days', '3.5 days']);
    expect([episodesText(1), episodesText(4)]).toEqual([
      '1 time an item came back in stock',
      '4 times an item came back in stock',
    ]);
    expect([owedText(1, 1), owedText(7, 2)]).toEqual(['1 unit owed by 1 item', '7 units owed by 2 items']);
  });

  it('has a report when the period has backorders, units are owed now, or an item came back', () => {
    const report = (orders: number, owing: number, episodes: number) => ({
      orders,
      open_backorders: { item_count: owing },
      back_in_stock: { episodes },
    });
    expect(hasReport(report(0, 0, 0))).toBe(false);
    expect([hasReport(report(1, 0, 0)), hasReport(report(0, 1, 0)), hasReport(report(0, 0, 1))]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
