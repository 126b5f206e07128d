/**
 * Expected refusals of the emulated store (an SKU already taken, an order line out of stock ...) are
 * returned, not thrown. Routes turn them into BigCommerce's error bodies (v3 object or v2 array); other
 * callers (the storefront's checkout) read `code` and `message`.
 */
export interface Refusal {
  readonly ok: false;
  /** HTTP status BigCommerce answers with for this refusal. */
  readonly status: number;
  /** Stable namespaced code, e.g. `SANDBOX.ORDER.OUT_OF_STOCK`. */
  readonly code: string;
  /** BigCommerce's wording (v3 `title`, v2 `message`). */
  readonly message: string;
  /** v3 `errors` object (field → message). */
  readonly errors?: Readonly<Record<string, string>>;
  /** v2 `details` (e.g. the out-of-stock line). */
  readonly details?: unknown;
}

export interface Done<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T> = Done<T> | Refusal;

export function done<T>(value: T): Done<T> {
  return { ok: true, value };
}

export function refuse(
  status: number,
  code: string,
  message: string,
  extra: { errors?: Record<string, string>; details?: unknown } = {},
): Refusal {
  return { ok: false, status, code, message, ...extra };
}

/** Thrown inside a SQLite transaction to roll it back and surface the refusal (never escapes a repo). */
export class RefusalAbort extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** The refusal of item `prefix` (e.g. `[2]`) of a batch: its field errors keyed under that item. */
export function prefixErrors(refusal: Refusal, prefix: string): Refusal {
  return {
    ...refusal,
    errors: Object.fromEntries(
      Object.entries(refusal.errors ?? {}).map(([key, value]) => [`${prefix}.${key}`, value]),
    ),
  };
}
