import type { QueryReader } from './query.js';

/**
 * `include_fields` / `exclude_fields` of the Catalog API: the id is always returned.
 */
export function projectFields<T extends Record<string, unknown>>(item: T, query: QueryReader): Partial<T> {
  const include = query.strings('include_fields');
  const exclude = query.strings('exclude_fields');
  if (!include && !exclude) return item;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'id') {
      out[key] = value;
      continue;
    }
    if (include && !include.includes(key)) continue;
    if (exclude?.includes(key)) continue;
    out[key] = value;
  }
  return out as Partial<T>;
}
