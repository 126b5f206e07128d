import type { ApiErrorCode } from './v1.js';

/**
 * The ONE map from a refusal code to the sentence a merchant reads. Screens never show the API's
 * `message` (it is for developers and may change) and never match on it: they branch on the code and
 * show this sentence (see errors.ts `describeError`). Every code the API documents needs a sentence —
 * the type below fails to compile when `npm run gen:api` brings a new one, and
 * test/admin/error-sentences.test.ts checks the served document too.
 */
export const CLIENT_ERROR_CODES = {
  /** fetch() failed: the app's server was not reached. */
  network: 'CLIENT.NETWORK',
  /** The server answered something that is not the API's error envelope (a proxy's page, a crash). */
  unexpected: 'CLIENT.UNEXPECTED_RESPONSE',
} as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];
export type ErrorCode = ApiErrorCode | ClientErrorCode;

export const ERROR_SENTENCES: Readonly<Record<ErrorCode, string>> = {
  'ACTIVITY.INVALID_DATE': 'Enter dates as calendar dates, for example 2026-03-31.',
  'ACTIVITY.INVALID_DATE_RANGE': 'The “from” date is after the “to” date; swap them or change one.',
  'API_KEY.INVALID_KEY': 'That key cannot be used as an API key.',
  'API_KEY.INVALID_NAME': 'Give the key a name of 1 to 100 characters.',
  'API_KEY.NOT_FOUND': 'That API key does not exist any more; the list has been refreshed.',
  'API_KEY.REVOKED': 'That API key was already revoked.',
  'API_KEY.TAKEN': 'That key is already in use. Create a new one instead.',
  'ASSIGNMENT.ALREADY_ASSIGNED': 'This product is already assigned to Backorder.',
  'ASSIGNMENT.INVALID_FILTER': 'The catalog filter is not valid; change it and try again.',
  'ASSIGNMENT.INVALID_PAGE': 'That page of the catalog does not exist; go back to the first page.',
  'ASSIGNMENT.INVALID_PRODUCT_DATA':
    'BigCommerce holds data for this product that Backorder cannot track (for example a stock level out of range).',
  'ASSIGNMENT.INVALID_PRODUCT_ID': 'That is not a BigCommerce product id.',
  'ASSIGNMENT.NOT_ASSIGNED': 'This product is not assigned to Backorder.',
  'ASSIGNMENT.NO_PRODUCTS': 'Select at least one product.',
  'ASSIGNMENT.PRODUCT_NOT_FOUND': 'BigCommerce has no such product any more.',
  'ASSIGNMENT.RUN_NOT_FOUND': 'That assignment run does not exist.',
  'ASSIGNMENT.SKU_TAKEN':
    'Another assigned item already uses one of this product’s SKUs. Make the SKUs unique in BigCommerce first.',
  'ASSIGNMENT.TEMPLATE_NOT_FOUND': 'The chosen template does not exist any more; pick another one.',
  'ASSIGNMENT.TOO_MANY_PRODUCTS': 'Too many products at once; select fewer, or use “select all matching”.',
  'AUTH.INVALID_KEY': 'The API key is not valid.',
  'AUTH.INVALID_SESSION':
    'Your session has ended. Open Backorder again from the Apps page of the control panel.',
  'AUTH.MISSING_KEY':
    'Your session is missing. Open Backorder again from the Apps page of the control panel.',
  'AUTH.REVOKED_KEY': 'The API key was revoked.',
  'AUTH.SESSION_REQUIRED': 'Only a merchant signed in to the control panel can do this.',
  'BACKORDER.ALREADY_DISABLED': 'Backorder is already off for this item.',
  'BACKORDER.ALREADY_ENABLED': 'Backorder is already on for this item.',
  'BACKORDER.DATE_PASSED':
    'The back-in-stock date has passed, so backorder would switch off again at once. Set a later date or clear it first.',
  'BACKORDER.THRESHOLD_REACHED':
    'The backorder threshold is reached, so backorder would switch off again at once. Raise the threshold first.',
  'IDEMPOTENCY.KEY_REUSED':
    'This change was already sent with different values. Reload to see the item as it is, then try again.',
  'IMPORT.DUPLICATE_HEADER': 'A column appears twice in the file’s first row; keep one of them.',
  'IMPORT.EMPTY_FILE': 'The file is empty. Fill in the template and upload it again.',
  'IMPORT.HAS_PROBLEMS':
    'Some rows have problems. Correct them and upload the file again, or apply the valid rows only.',
  'IMPORT.MISSING_HEADER':
    'The file’s first row must name the columns: SKU and at least one of Stock, Threshold, Incoming stock, Back-in-stock date.',
  'IMPORT.NOT_APPLICABLE': 'This import was already applied (or is being applied).',
  'IMPORT.NOT_FOUND': 'That import does not exist.',
  'IMPORT.TOO_MANY_ROWS': 'The file has more than 200,000 rows. Split it into smaller files.',
  'IMPORT.UNKNOWN_HEADER':
    'The file’s first row names a column the stock file does not have. Use the template’s column names.',
  'IMPORT.UNREADABLE_FILE': 'The file cannot be read. Save it as CSV or Excel (.xlsx) and upload it again.',
  'INTERNAL.ERROR': 'Something went wrong on our side. Try again in a moment.',
  'ITEM.ALREADY_ASSIGNED': 'This item is already assigned to Backorder.',
  'ITEM.BACKORDERED_OUT_OF_RANGE':
    'That would take the backordered units beyond 1,000,000,000, more than Backorder can track.',
  'ITEM.INVALID_DATE': 'Enter the back-in-stock date as a calendar date.',
  'ITEM.INVALID_INCOMING': 'Incoming stock must be a whole number of 0 or more.',
  'ITEM.INVALID_QUANTITY': 'Enter a whole number of units of 1 or more.',
  'ITEM.INVALID_STOCK': 'Stock must be a whole number (it may be negative).',
  'ITEM.INVALID_THRESHOLD': 'The threshold must be a whole number of 0 or more, or empty for no limit.',
  'ITEM.NOTHING_TO_CHANGE': 'Nothing was changed.',
  'ITEM.NOT_ASSIGNED': 'This item is not assigned to Backorder any more.',
  'ITEM.NOT_FOUND': 'This item does not exist any more; the list has been refreshed.',
  'ITEM.RECEIVE_EXCEEDS_INCOMING': 'You cannot receive more units than are incoming. Set the stock instead.',
  'ITEM.SKU_TAKEN': 'Another assigned item already uses this SKU.',
  'ITEM.STOCK_OUT_OF_RANGE':
    'That would take the stock beyond ±1,000,000,000 units, more than Backorder can track. Set the stock instead.',
  'MODE_MOVE.ALREADY_RUNNING': 'A move to another mode is still running. Wait for it to finish.',
  'MODE_MOVE.INVALID_MODE': 'Choose one of the three ways to run stock at checkout.',
  'MODE_MOVE.NOT_FOUND': 'This store has not moved between modes yet.',
  'MODE_MOVE.SAME_MODE': 'The store already runs in this mode.',
  'ORDER.NOT_FOUND':
    'That order holds no items of Backorder in this store, or it was deleted in BigCommerce. Reload the list and try again.',
  'ORDERS.INVALID_DATE_RANGE':
    'Choose a period that ends on or after the day it starts, of at most five years.',
  'PRODUCT.NOT_ASSIGNED': 'This product is not assigned to Backorder.',
  'PRODUCT.NOT_FOUND': 'This product does not exist any more.',
  'ROUTE.NOT_FOUND':
    'This version of Backorder cannot do that yet. Reload the app to get the latest version.',
  'SETTINGS.INVALID_EMAIL': 'One of the email addresses is not valid.',
  'SETTINGS.INVALID_INVENTORY_MODE': 'Choose one of the three ways to run stock at checkout.',
  'SETTINGS.REEVALUATION_NOT_FOUND': 'The switch condition has not been changed in this store yet.',
  'SETTINGS.MODE_MOVE_REQUIRED':
    'Products are assigned to Backorder: moving them to another mode is a move, with a preview of every change.',
  'SETTINGS.NATIVE_BACKORDERS_OFF':
    'BigCommerce’s native backorders are not on in this store (as last checked). Turn them on in BigCommerce, then choose “Check again”.',
  'SETTINGS.NOTHING_TO_CHANGE': 'Nothing was changed.',
  'SETTINGS.TOO_MANY_EMAILS': 'Enter at most 20 email addresses.',
  'SETTINGS.UNKNOWN_EVENT': 'One of the chosen notifications is not known.',
  'STORE.INVALID_SWITCH_CONDITION': 'The switch condition must be a whole number of 0 or more.',
  'STORE.INVALID_TIME_ZONE': 'The store’s time zone is not valid.',
  'STORE.NOT_CONNECTED':
    'Backorder cannot reach this store in BigCommerce. Open it again from the control panel.',
  'STORE.NOT_FOUND': 'Backorder does not know this store. Open it again from the control panel.',
  'TEMPLATE.INVALID_DATE': 'Enter the back-in-stock date as a calendar date.',
  'TEMPLATE.INVALID_INCOMING_STOCK': 'Incoming stock must be a whole number of 0 or more.',
  'TEMPLATE.INVALID_NAME': 'Give the template a name of 1 to 100 characters.',
  'TEMPLATE.INVALID_THRESHOLD': 'The threshold must be a whole number of 0 or more, or empty for no limit.',
  'TEMPLATE.IN_USE': 'Products still use this template. Move them to another template first.',
  'TEMPLATE.IS_DEFAULT': 'The default template cannot be deleted. Make another template the default first.',
  'TEMPLATE.NAME_TAKEN': 'Another template already has this name.',
  'TEMPLATE.NOTHING_TO_CHANGE': 'Nothing was changed.',
  'TEMPLATE.NOT_FOUND': 'This template does not exist any more.',
  'TEMPLATE.TEXT_TOO_LONG': 'A text is too long: keep each one to 2,000 characters.',
  'TEMPLATE.UNKNOWN_PLACEHOLDER':
    'A text uses a placeholder Backorder does not know. Use {back_in_stock_date}, {incoming_stock}, {remaining_units} or {backordered}.',
  'TEMPLATE.UNBALANCED_SECTION':
    'A text has a [ without its ] (or brackets inside brackets). Write an optional phrase as [, expected {back_in_stock_date}].',
  'UPSTREAM.BIGCOMMERCE_UNAVAILABLE':
    'BigCommerce did not answer. Nothing was changed; try again in a moment.',
  'VALIDATION.BODY_TOO_LARGE': 'That is too much at once; send less.',
  'VALIDATION.INVALID_BODY': 'Some values are not valid.',
  'VALIDATION.INVALID_HEADER': 'The request was not valid.',
  'VALIDATION.INVALID_PATH': 'The address of that record is not valid.',
  'VALIDATION.INVALID_QUERY': 'The search or filter is not valid.',
  'VALIDATION.NUL_CHARACTER': 'A text holds a character that cannot be saved. Retype it and try again.',
  'VALIDATION.UNSUPPORTED_MEDIA_TYPE': 'The request was not valid.',
  'CLIENT.NETWORK': 'Backorder could not be reached. Check your connection and try again.',
  'CLIENT.UNEXPECTED_RESPONSE': 'Backorder answered unexpectedly. Try again in a moment.',
};

/** Said for a code the app does not know yet (a newer server): never the raw message. */
export const UNKNOWN_ERROR_SENTENCE = 'That did not work. Try again, or reload the app.';

export function sentenceFor(code: string): string {
  return (ERROR_SENTENCES as Readonly<Record<string, string>>)[code] ?? UNKNOWN_ERROR_SENTENCE;
}
