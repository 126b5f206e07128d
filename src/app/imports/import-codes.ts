/**
 * Refusals of the import use cases, beside the row problems' codes (import-rows.ts) and the rules' own
 * (src/core/codes.ts), which a row refused by the rules carries. Stable: the API and the screens match
 * on them.
 */
export const IMPORT_CODES = {
  notFound: 'IMPORT.NOT_FOUND',
  /** The dry run found problems and the merchant did not choose to apply the valid rows. */
  hasProblems: 'IMPORT.HAS_PROBLEMS',
  /** Only a validated run can start applying (this one is applying, done or failed). */
  notApplicable: 'IMPORT.NOT_APPLICABLE',
  // A file that cannot be read as a stock file at all: nothing is stored.
  unreadableFile: 'IMPORT.UNREADABLE_FILE',
  emptyFile: 'IMPORT.EMPTY_FILE',
  missingHeader: 'IMPORT.MISSING_HEADER',
  unknownHeader: 'IMPORT.UNKNOWN_HEADER',
  duplicateHeader: 'IMPORT.DUPLICATE_HEADER',
  tooManyRows: 'IMPORT.TOO_MANY_ROWS',
} as const;

/** Row problems the import use cases find themselves (the others come from ImportRowChecker). */
export const IMPORT_ROW_CODES = {
  unknownSku: 'IMPORT.UNKNOWN_SKU',
} as const;

/** The most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 200_000;
