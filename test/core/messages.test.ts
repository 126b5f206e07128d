import { describe, expect, it } from 'vitest';
import { checkMessageTemplate, formatLocalDate, renderMessage } from '../../src/core/messages.js';
import { anItem } from '../builders/item.builder.js';

const item = anItem({
  stock: -2,
  backordered: 2,
  threshold: 10,
  incoming: 1500,
  backInStockDate: '2026-07-04',
});

describe('message placeholders', () => {
  it('R18 renders the back-in-stock date for the store locale', () => {
    expect(
      renderMessage('Back on {back_in_stock_date}', { item, locale: 'en-US', timeZone: 'America/Chicago' }),
    ).toBe('Back on July 4, 2026');
    expect(
      renderMessage('Zurück am {back_in_stock_date}', { item, locale: 'de-DE', timeZone: 'Europe/Berlin' }),
    ).toBe('Zurück am 4. Juli 2026');
  });

  it('R18 renders a calendar date unchanged by the zone (no off-by-one around midnight)', () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      expect(formatLocalDate('2026-07-04', 'en-US', zone)).toBe('July 4, 2026');
    }
  });

  it('R18 renders incoming stock and remaining units with the locale’s digits', () => {
    const context = { item, locale: 'en-US', timeZone: 'UTC' };
    expect(
      renderMessage('{incoming_stock} on the way, {remaining_units} left, {backordered} ordered', context),
    ).toBe('1,500 on the way, 8 left, 2 ordered');
  });

  it('R18 renders empty values when there is no date or no threshold', () => {
    const open = anItem({ threshold: null, backInStockDate: null });
    expect(
      renderMessage('<{back_in_stock_date}|{remaining_units}>', {
        item: open,
        locale: 'en-US',
        timeZone: 'UTC',
      }),
    ).toBe('<|>');
  });

  it('R18 a [bracketed phrase] is shown without its brackets when its placeholders have values', () => {
    const context = { item, locale: 'en-US', timeZone: 'UTC' };
    expect(renderMessage('Ships when back in stock[, expected {back_in_stock_date}].', context)).toBe(
      'Ships when back in stock, expected July 4, 2026.',
    );
  });

  it('R18 a [bracketed phrase] is dropped, with its spacing, when one of its placeholders is empty', () => {
    const context = {
      item: anItem({ threshold: null, backInStockDate: null }),
      locale: 'en-US',
      timeZone: 'UTC',
    };
    expect(renderMessage('Ships when back in stock[, expected {back_in_stock_date}].', context)).toBe(
      'Ships when back in stock.',
    );
    expect(
      renderMessage('[Only {remaining_units} left.] Order now [({back_in_stock_date})] !', context),
    ).toBe('Order now!');
    // Brackets around no placeholder are the merchant's own text.
    expect(renderMessage('[Limited] Ships soon[, expected {back_in_stock_date}].', context)).toBe(
      '[Limited] Ships soon.',
    );
  });

  it('R18 never goes below zero remaining units when a sale overshot the threshold', () => {
    const over = anItem({ stock: -12, backordered: 12, threshold: 10 });
    expect(renderMessage('{remaining_units}', { item: over, locale: 'en-US', timeZone: 'UTC' })).toBe('0');
  });

  it('R18 leaves merchant text as text: no HTML is interpreted or produced', () => {
    expect(renderMessage('<b>{incoming_stock}</b>', { item, locale: 'en-US', timeZone: 'UTC' })).toBe(
      '<b>1,500</b>',
    );
  });

  it('R19 refuses unknown placeholders before a template is saved', () => {
    expect(checkMessageTemplate('Ships {ship_date}')).toMatchObject({
      ok: false,
      code: 'TEMPLATE.UNKNOWN_PLACEHOLDER',
    });
    expect(checkMessageTemplate('Ships {back_in_stock_date}, {remaining_units} left')).toBeNull();
  });

  it('R19 refuses sections whose brackets do not pair up one level deep', () => {
    for (const text of [
      'Ships[, expected {back_in_stock_date}',
      'Ships], soon [',
      'a [b [{backordered}]] c',
    ]) {
      expect(checkMessageTemplate(text)).toMatchObject({ ok: false, code: 'TEMPLATE.UNBALANCED_SECTION' });
    }
    expect(checkMessageTemplate('Ships[, expected {back_in_stock_date}] [Limited]')).toBeNull();
  });
});
