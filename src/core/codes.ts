/**
 * Stable refusal codes of the rules. UI, API and tests match on these, never on message text.
 * Renaming one is a breaking change of the public API.
 */
export const REFUSAL_CODES = {
  thresholdReached: 'BACKORDER.THRESHOLD_REACHED',
  datePassed: 'BACKORDER.DATE_PASSED',
  alreadyEnabled: 'BACKORDER.ALREADY_ENABLED',
  alreadyDisabled: 'BACKORDER.ALREADY_DISABLED',
  notAssigned: 'ITEM.NOT_ASSIGNED',
  alreadyAssigned: 'ITEM.ALREADY_ASSIGNED',
  invalidQuantity: 'ITEM.INVALID_QUANTITY',
  invalidStock: 'ITEM.INVALID_STOCK',
  invalidThreshold: 'ITEM.INVALID_THRESHOLD',
  invalidIncoming: 'ITEM.INVALID_INCOMING',
  invalidDate: 'ITEM.INVALID_DATE',
  receiveExceedsIncoming: 'ITEM.RECEIVE_EXCEEDS_INCOMING',
  stockOutOfRange: 'ITEM.STOCK_OUT_OF_RANGE',
  backorderedOutOfRange: 'ITEM.BACKORDERED_OUT_OF_RANGE',
  invalidSwitchCondition: 'STORE.INVALID_SWITCH_CONDITION',
  invalidTimeZone: 'STORE.INVALID_TIME_ZONE',
} as const;

export type RefusalCode = (typeof REFUSAL_CODES)[keyof typeof REFUSAL_CODES];
