/**
 * Stable codes of the assignment use cases (search, assign, unassign, sync). Refusals are returned,
 * never thrown; warnings accompany a product that was assigned or synced but not quite as asked.
 * UI, API and tests match on these codes, never on message text.
 */
export const ASSIGNMENT_CODES = {
  noProducts: 'ASSIGNMENT.NO_PRODUCTS',
  tooManyProducts: 'ASSIGNMENT.TOO_MANY_PRODUCTS',
  invalidProductId: 'ASSIGNMENT.INVALID_PRODUCT_ID',
  invalidFilter: 'ASSIGNMENT.INVALID_FILTER',
  invalidPage: 'ASSIGNMENT.INVALID_PAGE',
  templateNotFound: 'ASSIGNMENT.TEMPLATE_NOT_FOUND',
  runNotFound: 'ASSIGNMENT.RUN_NOT_FOUND',
  /** The product does not exist in BigCommerce (any more). */
  productNotFound: 'ASSIGNMENT.PRODUCT_NOT_FOUND',
  alreadyAssigned: 'ASSIGNMENT.ALREADY_ASSIGNED',
  notAssigned: 'ASSIGNMENT.NOT_ASSIGNED',
  /** Another assigned item already has one of the product's SKUs (SKUs are unique among assigned items). */
  skuTaken: 'ASSIGNMENT.SKU_TAKEN',
  /** BigCommerce's data for the product is not something the rules accept (e.g. a stock out of range). */
  invalidProductData: 'ASSIGNMENT.INVALID_PRODUCT_DATA',
} as const;

export type AssignmentCode = (typeof ASSIGNMENT_CODES)[keyof typeof ASSIGNMENT_CODES];

/** Said of a product that was assigned (or synced) anyway. */
export const ASSIGNMENT_WARNINGS = {
  /** BigCommerce did not track the product's inventory: stock starts at 0 (import or edit it). */
  stockNotTracked: 'ASSIGNMENT.STOCK_NOT_TRACKED',
  /**
   * Assigned again while BigCommerce tracks no inventory for it (the app left tracking off): each item
   * starts from the stock the app's ledger last counted for it, not from 0.
   */
  stockFromLedger: 'ASSIGNMENT.STOCK_FROM_LEDGER',
  /**
   * BigCommerce tracks the product's inventory as one count for all its variants; the app tracks each
   * variant, and a shared count cannot be split: each variant starts at 0 (import or edit it).
   */
  stockNotPerVariant: 'ASSIGNMENT.STOCK_NOT_PER_VARIANT',
  /**
   * Cap at checkout: BigCommerce refused the tracking or the level of units still sellable; until it is
   * written, checkout does not cap the product's backorders.
   */
  levelNotWritten: 'ASSIGNMENT.LEVEL_NOT_WRITTEN',
  /** BigCommerce refused to turn inventory tracking off; a later sync tries again. */
  trackingNotTurnedOff: 'ASSIGNMENT.TRACKING_NOT_TURNED_OFF',
  /**
   * Unassigned with `restoreTracking`, but BigCommerce refused the product's original inventory
   * tracking or levels (or none was recorded): tracking stays off, purchase disabled.
   */
  trackingNotRestored: 'ASSIGNMENT.TRACKING_NOT_RESTORED',
  /** Variants exist in BigCommerce that were not there at assignment: they are not tracked by the app. */
  untrackedVariants: 'SYNC.UNTRACKED_VARIANTS',
  /** Variants assigned to the app no longer exist in BigCommerce. */
  missingVariants: 'SYNC.MISSING_VARIANTS',
} as const;

export type AssignmentWarning = (typeof ASSIGNMENT_WARNINGS)[keyof typeof ASSIGNMENT_WARNINGS];
