/** Refusals of mode moves (docs/product.md#moving-between-modes). */
export const MODE_MOVE_CODES = {
  /** The store is in that mode already. */
  sameMode: 'MODE_MOVE.SAME_MODE',
  /** A move of the store is still running: one at a time. */
  alreadyRunning: 'MODE_MOVE.ALREADY_RUNNING',
  /** Not a mode: emulated, capped or native. */
  invalidMode: 'MODE_MOVE.INVALID_MODE',
  /** Native backorders are not (known to be) on in BigCommerce for this store. */
  nativeOff: 'SETTINGS.NATIVE_BACKORDERS_OFF',
  notFound: 'MODE_MOVE.NOT_FOUND',
  storeNotFound: 'STORE.NOT_FOUND',
} as const;
