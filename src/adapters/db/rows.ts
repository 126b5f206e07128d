/**
 * Conversions between the app's values and what both databases store (see schema.ts).
 * Kept in one place so a repository never handles a dialect difference itself.
 */

/** Booleans are written as 0/1: SQLite has no boolean type, and PostgreSQL reads '1'/'0' as booleans. */
export function toBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function fromBool(value: boolean | number): boolean {
  return value === true || value === 1;
}

export function toTimestamp(date: Date): string {
  return date.toISOString();
}

export function fromTimestamp(value: string): Date {
  return new Date(value);
}

export function fromTimestampOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
