import { MAX_UNITS, type Refusal, refuse } from '../../../core/item.js';
import { isLocalDate } from '../../../core/local-date.js';
import { checkMessageTemplate } from '../../../core/messages.js';
import type { Clock } from '../../ports/clock.js';
import type { TemplateInput, TemplateRepository } from '../../ports/template-repository.js';

export interface TemplatesDeps {
  readonly templates: TemplateRepository;
  readonly clock: Clock;
}

export const TEMPLATE_FIELD_REFUSALS = {
  invalidName: 'TEMPLATE.INVALID_NAME',
  textTooLong: 'TEMPLATE.TEXT_TOO_LONG',
  unknownPlaceholder: 'TEMPLATE.UNKNOWN_PLACEHOLDER',
  unbalancedSection: 'TEMPLATE.UNBALANCED_SECTION',
  invalidThreshold: 'TEMPLATE.INVALID_THRESHOLD',
  invalidIncomingStock: 'TEMPLATE.INVALID_INCOMING_STOCK',
  invalidDate: 'TEMPLATE.INVALID_DATE',
  nothingToChange: 'TEMPLATE.NOTHING_TO_CHANGE',
} as const;

export const MAX_TEMPLATE_NAME_LENGTH = 100;
export const MAX_TEMPLATE_TEXT_LENGTH = 2000;

/** What a new template holds unless told otherwise: no texts, no limits. */
export const TEMPLATE_DEFAULTS: Omit<TemplateInput, 'name'> = {
  buttonText: '',
  backorderMessage: '',
  cartMessage: '',
  unavailableMessage: '',
  threshold: null,
  incomingStock: 0,
  backInStockDate: null,
  packingSlipMessage: '',
};

const TEXT_FIELDS = [
  ['buttonText', 'button_text'],
  ['backorderMessage', 'backorder_message'],
  ['cartMessage', 'cart_message'],
  ['unavailableMessage', 'unavailable_message'],
  ['packingSlipMessage', 'packing_slip_message'],
] as const;

/** Checks the fields given (all of a new template, those of a patch); the first problem is refused. */
export function checkTemplateFields(fields: Partial<TemplateInput>): Refusal | null {
  if (fields.name !== undefined) {
    const name = fields.name.trim();
    if (name.length === 0 || name.length > MAX_TEMPLATE_NAME_LENGTH) {
      return refuse(
        TEMPLATE_FIELD_REFUSALS.invalidName,
        `A template needs a name of 1 to ${MAX_TEMPLATE_NAME_LENGTH} characters.`,
      );
    }
  }
  for (const [field, label] of TEXT_FIELDS) {
    const text = fields[field];
    if (text === undefined) continue;
    if (text.length > MAX_TEMPLATE_TEXT_LENGTH) {
      return refuse(
        TEMPLATE_FIELD_REFUSALS.textTooLong,
        `${label} is longer than ${MAX_TEMPLATE_TEXT_LENGTH} characters.`,
      );
    }
    const problem = checkMessageTemplate(text);
    if (problem !== null) return refuse(problem.code, `${label}: ${problem.message}`);
  }
  const { threshold, incomingStock, backInStockDate } = fields;
  if (threshold !== undefined && threshold !== null && !isCount(threshold)) {
    return refuse(
      TEMPLATE_FIELD_REFUSALS.invalidThreshold,
      'The threshold must be empty (unlimited) or a whole number ≥ 0.',
    );
  }
  if (incomingStock !== undefined && !isCount(incomingStock)) {
    return refuse(TEMPLATE_FIELD_REFUSALS.invalidIncomingStock, 'Incoming stock must be a whole number ≥ 0.');
  }
  if (backInStockDate !== undefined && backInStockDate !== null && !isLocalDate(backInStockDate)) {
    return refuse(
      TEMPLATE_FIELD_REFUSALS.invalidDate,
      `The back-in-stock date must be a calendar date YYYY-MM-DD, not "${backInStockDate}".`,
    );
  }
  return null;
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_UNITS;
}
