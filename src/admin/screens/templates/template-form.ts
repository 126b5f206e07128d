import { sentenceFor } from '../../api/error-sentences.js';
import { parseCount } from '../settings/settings-words.js';
import type {
  PreviewProblem,
  PreviewRequest,
  PreviewTextField,
  Template,
  TemplateBody,
} from './templates-api.js';

/**
 * The template form's pure parts: what the merchant types (strings), what the API is sent, the
 * sample items the live preview renders, and where a refusal belongs. No rendering of texts here:
 * the preview operation renders them with the storefront's own code.
 */

export interface TemplateForm {
  readonly name: string;
  readonly button_text: string;
  readonly backorder_message: string;
  readonly cart_message: string;
  readonly unavailable_message: string;
  readonly packing_slip_message: string;
  /** Empty: unlimited. */
  readonly threshold: string;
  readonly incoming_stock: string;
  /** YYYY-MM-DD as a date input gives it; empty: none. */
  readonly back_in_stock_date: string;
}

export type FormField = keyof TemplateForm;

export const TEXT_FIELDS: readonly PreviewTextField[] = [
  'button_text',
  'backorder_message',
  'cart_message',
  'unavailable_message',
  'packing_slip_message',
];

export const MAX_NAME_LENGTH = 100;
export const MAX_TEXT_LENGTH = 2000;

/** A new template starts from texts that read well, as the store's first one does. */
export const NEW_TEMPLATE_FORM: TemplateForm = {
  name: '',
  button_text: 'Pre-order now',
  backorder_message:
    'On backorder: this item ships when it is back in stock[, expected {back_in_stock_date}].[ Only {remaining_units} left to backorder.]',
  cart_message: 'Backordered: ships when back in stock[, expected {back_in_stock_date}].',
  unavailable_message: '',
  packing_slip_message:
    'Some items of this order are on backorder and will be shipped separately as soon as they are back in stock.',
  threshold: '',
  incoming_stock: '0',
  back_in_stock_date: '',
};

export function formOf(template: Template): TemplateForm {
  return {
    name: template.name,
    button_text: template.button_text,
    backorder_message: template.backorder_message,
    cart_message: template.cart_message,
    unavailable_message: template.unavailable_message,
    packing_slip_message: template.packing_slip_message,
    threshold: template.threshold === null ? '' : String(template.threshold),
    incoming_stock: String(template.incoming_stock),
    back_in_stock_date: template.back_in_stock_date ?? '',
  };
}

export type FieldErrors = Partial<Record<FormField, string>>;

/** The body to save, or the fields the form can tell are wrong before asking the API. */
export function bodyOf(
  form: TemplateForm,
): { readonly ok: true; readonly body: TemplateBody } | { readonly ok: false; readonly errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Give the template a name.';
  else if (name.length > MAX_NAME_LENGTH) errors.name = `Keep the name to ${MAX_NAME_LENGTH} characters.`;
  for (const field of TEXT_FIELDS) {
    if (form[field].length > MAX_TEXT_LENGTH) {
      errors[field] = `Keep this text to ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters.`;
    }
  }
  const threshold = form.threshold.trim() === '' ? null : parseCount(form.threshold);
  if (threshold === null && form.threshold.trim() !== '') {
    errors.threshold = 'Enter a whole number of 0 or more, or leave it empty for no limit.';
  }
  const incoming = form.incoming_stock.trim() === '' ? 0 : parseCount(form.incoming_stock);
  if (incoming === null) errors.incoming_stock = 'Enter a whole number of 0 or more.';
  const date = form.back_in_stock_date.trim();
  if (date !== '' && !isCalendarDate(date)) {
    errors.back_in_stock_date = 'Enter a calendar date, or leave it empty for none.';
  }
  if (Object.keys(errors).length > 0 || incoming === null) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name,
      button_text: form.button_text,
      backorder_message: form.backorder_message,
      cart_message: form.cart_message,
      unavailable_message: form.unavailable_message,
      packing_slip_message: form.packing_slip_message,
      threshold,
      incoming_stock: incoming,
      back_in_stock_date: date === '' ? null : date,
    },
  };
}

/** True for YYYY-MM-DD naming a real day. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `days` after the calendar date `today` (YYYY-MM-DD). */
export function addDays(today: string, days: number): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Today's date where the merchant is, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

/** How far ahead the sample date lies when the template has no date of its own. */
export const SAMPLE_DATE_DAYS = 30;

/**
 * What the preview asks for: the form's texts, for an item that has a back-in-stock date (the
 * template's, or a sample one a month ahead) and one that has none, both with the stock values
 * new assignments receive (what the form holds, where it holds a valid number).
 */
export function previewRequestOf(form: TemplateForm, today: string): PreviewRequest {
  const threshold = parseCount(form.threshold);
  const incoming = parseCount(form.incoming_stock) ?? 0;
  const date = isCalendarDate(form.back_in_stock_date.trim())
    ? form.back_in_stock_date.trim()
    : addDays(today, SAMPLE_DATE_DAYS);
  const common = { incoming_stock: incoming, threshold, backordered: 0 };
  return {
    button_text: clip(form.button_text),
    backorder_message: clip(form.backorder_message),
    cart_message: clip(form.cart_message),
    unavailable_message: clip(form.unavailable_message),
    packing_slip_message: clip(form.packing_slip_message),
    samples: [
      { ...common, back_in_stock_date: date },
      { ...common, back_in_stock_date: null },
    ],
  };
}

/** A text over the limit is the form's error to show; the preview still renders what fits. */
function clip(text: string): string {
  return text.slice(0, MAX_TEXT_LENGTH);
}

/** The form field a save refusal is about; null for those shown above the Save button. */
export function fieldOfRefusal(code: string): FormField | null {
  switch (code) {
    case 'TEMPLATE.INVALID_NAME':
    case 'TEMPLATE.NAME_TAKEN':
      return 'name';
    case 'TEMPLATE.INVALID_THRESHOLD':
      return 'threshold';
    case 'TEMPLATE.INVALID_INCOMING_STOCK':
      return 'incoming_stock';
    case 'TEMPLATE.INVALID_DATE':
      return 'back_in_stock_date';
    default:
      return null;
  }
}

/** A text's problem as the preview reports it, said next to its field. */
export function problemText(problem: Pick<PreviewProblem, 'code' | 'placeholder'>): string {
  const sentence = sentenceFor(problem.code);
  return problem.placeholder === null ? sentence : `${sentence} This text has {${problem.placeholder}}.`;
}

/** Whether the form differs from the saved template (nothing to save otherwise). */
export function isUnchanged(form: TemplateForm, saved: TemplateForm): boolean {
  return (Object.keys(form) as FormField[]).every((field) => form[field] === saved[field]);
}

/** A calendar date written for people, e.g. "July 1, 2026" (no time zone shift: it is a date). */
export function formatCalendarDate(date: string): string {
  if (!isCalendarDate(date)) return date;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-US', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
}

/** The stock values a template gives new assignments, in words for the list. */
export function stockDefaultsInWords(
  template: Pick<Template, 'threshold' | 'incoming_stock' | 'back_in_stock_date'>,
): { readonly threshold: string; readonly incoming: string; readonly date: string } {
  return {
    threshold: template.threshold === null ? 'No limit' : template.threshold.toLocaleString('en-US'),
    incoming: template.incoming_stock.toLocaleString('en-US'),
    date: template.back_in_stock_date === null ? 'None' : formatCalendarDate(template.back_in_stock_date),
  };
}
