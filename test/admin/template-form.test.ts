import { describe, expect, it } from 'vitest';
import {
  addDays,
  bodyOf,
  fieldOfRefusal,
  formatCalendarDate,
  formOf,
  isCalendarDate,
  isUnchanged,
  localToday,
  NEW_TEMPLATE_FORM,
  previewRequestOf,
  problemText,
  stockDefaultsInWords,
} from '../../src/admin/screens/templates/template-form.js';
import { PLACEHOLDER_HELP, SECTION_EXAMPLE } from '../../src/admin/screens/templates/template-help.js';
import type { Template } from '../../src/admin/screens/templates/templates-api.js';
import { checkMessageTemplate, PLACEHOLDERS, renderMessage } from '../../src/core/messages.js';

const SAVED: Template = {
  id: 7,
  name: 'Spring',
  is_default: false,
  button_text: 'Pre-order',
  backorder_message: 'Back[ on {back_in_stock_date}]',
  cart_message: 'Backordered',
  unavailable_message: '',
  packing_slip_message: 'Ships later',
  threshold: 12,
  incoming_stock: 40,
  back_in_stock_date: '2026-07-01',
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
};

describe('the template form (src/admin/screens/templates/template-form.ts)', () => {
  it('holds a template as typed text and gives the same values back to save', () => {
    const form = formOf(SAVED);
    expect(form).toMatchObject({ threshold: '12', incoming_stock: '40', back_in_stock_date: '2026-07-01' });
    expect(bodyOf(form)).toEqual({
      ok: true,
      body: {
        name: 'Spring',
        button_text: 'Pre-order',
        backorder_message: 'Back[ on {back_in_stock_date}]',
        cart_message: 'Backordered',
        unavailable_message: '',
        packing_slip_message: 'Ships later',
        threshold: 12,
        incoming_stock: 40,
        back_in_stock_date: '2026-07-01',
      },
    });
    expect(isUnchanged(form, formOf(SAVED))).toBe(true);
    expect(isUnchanged({ ...form, cart_message: 'x' }, formOf(SAVED))).toBe(false);
  });

  it('reads an empty threshold as no limit and an empty date as none; trims the name', () => {
    const result = bodyOf({ ...formOf(SAVED), name: '  Spring  ', threshold: ' ', back_in_stock_date: '' });
    expect(result).toMatchObject({
      ok: true,
      body: { name: 'Spring', threshold: null, back_in_stock_date: null },
    });
    expect(bodyOf({ ...formOf(SAVED), incoming_stock: '' })).toMatchObject({ body: { incoming_stock: 0 } });
  });

  it('names each field it can tell is wrong before asking the API', () => {
    const result = bodyOf({
      ...formOf(SAVED),
      name: '   ',
      threshold: '-1',
      incoming_stock: '2.5',
      back_in_stock_date: '2026-02-30',
      cart_message: 'x'.repeat(2001),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'back_in_stock_date',
      'cart_message',
      'incoming_stock',
      'name',
      'threshold',
    ]);
    expect(bodyOf({ ...formOf(SAVED), name: 'n'.repeat(101) })).toMatchObject({
      ok: false,
      errors: { name: expect.any(String) },
    });
  });

  it('asks the preview for an item with the template’s date, or a sample date a month ahead, and one without', () => {
    const request = previewRequestOf(formOf(SAVED), '2025-03-10');
    expect(request.samples).toEqual([
      { back_in_stock_date: '2026-07-01', incoming_stock: 40, threshold: 12, backordered: 0 },
      { back_in_stock_date: null, incoming_stock: 40, threshold: 12, backordered: 0 },
    ]);
    expect(request.backorder_message).toBe(SAVED.backorder_message);

    const undated = previewRequestOf(
      { ...NEW_TEMPLATE_FORM, threshold: 'abc', incoming_stock: '' },
      '2025-12-15',
    );
    expect(undated.samples[0]).toEqual({
      back_in_stock_date: '2026-01-14',
      incoming_stock: 0,
      threshold: null,
      backordered: 0,
    });
    // A text over the limit is the form's error; the preview still gets what fits.
    expect(
      previewRequestOf({ ...NEW_TEMPLATE_FORM, cart_message: 'y'.repeat(2500) }, '2025-01-01').cart_message,
    ).toHaveLength(2000);
  });

  it('puts a save refusal next to its field, or above Save', () => {
    expect(fieldOfRefusal('TEMPLATE.NAME_TAKEN')).toBe('name');
    expect(fieldOfRefusal('TEMPLATE.INVALID_NAME')).toBe('name');
    expect(fieldOfRefusal('TEMPLATE.INVALID_THRESHOLD')).toBe('threshold');
    expect(fieldOfRefusal('TEMPLATE.INVALID_INCOMING_STOCK')).toBe('incoming_stock');
    expect(fieldOfRefusal('TEMPLATE.INVALID_DATE')).toBe('back_in_stock_date');
    expect(fieldOfRefusal('TEMPLATE.UNKNOWN_PLACEHOLDER')).toBeNull();
    expect(fieldOfRefusal('CLIENT.NETWORK')).toBeNull();
  });

  it('says a text’s problem with its code’s sentence, naming the unknown placeholder', () => {
    expect(problemText({ code: 'TEMPLATE.UNKNOWN_PLACEHOLDER', placeholder: 'ship_date' })).toMatch(
      /^A text uses a placeholder Backorder does not know\. .* This text has \{ship_date\}\.$/,
    );
    expect(problemText({ code: 'TEMPLATE.UNBALANCED_SECTION', placeholder: null })).toMatch(
      /^A text has a \[ without its \]/,
    );
  });

  it('works with calendar dates without shifting them by a time zone', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '', 'tomorrow'])
      expect(isCalendarDate(bad), bad).toBe(false);
    expect(addDays('2025-12-15', 30)).toBe('2026-01-14');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(localToday(new Date(2025, 0, 31, 23, 59))).toBe('2025-01-31');
    expect(formatCalendarDate('2026-07-01')).toBe('July 1, 2026');
  });

  it('says what a template gives new assignments, in words', () => {
    expect(stockDefaultsInWords(SAVED)).toEqual({ threshold: '12', incoming: '40', date: 'July 1, 2026' });
    expect(stockDefaultsInWords({ threshold: null, incoming_stock: 1500, back_in_stock_date: null })).toEqual(
      { threshold: 'No limit', incoming: '1,500', date: 'None' },
    );
  });

  it('starts a new template from texts the server accepts', () => {
    for (const field of [
      'button_text',
      'backorder_message',
      'cart_message',
      'packing_slip_message',
    ] as const) {
      expect(checkMessageTemplate(NEW_TEMPLATE_FORM[field]), field).toBeNull();
    }
  });
});

describe('the placeholder help (src/admin/screens/templates/template-help.ts)', () => {
  it('lists exactly the placeholders the server knows', () => {
    expect(PLACEHOLDER_HELP.map((p) => p.placeholder)).toEqual(
      Object.keys(PLACEHOLDERS).map((p) => `{${p}}`),
    );
  });

  it('shows an optional phrase reading as the storefront renders it, with and without a date', () => {
    const context = (date: string | null) => ({
      item: { backInStockDate: date, incoming: 0, threshold: null, backordered: 0 },
      locale: 'en-US',
      timeZone: 'America/Chicago',
    });
    expect(renderMessage(SECTION_EXAMPLE.text, context('2026-07-01'))).toBe(SECTION_EXAMPLE.withValue);
    expect(renderMessage(SECTION_EXAMPLE.text, context(null))).toBe(SECTION_EXAMPLE.withoutValue);
  });
});
