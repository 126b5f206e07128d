/**
 * Reads BigCommerce-style query strings (`id:in=1,2`, `inventory_level:min=3`, `is_visible=true`) and
 * collects problems, which the routes answer with 422 (v3) or 400 (v2).
 */
export class QueryReader {
  readonly problems: Record<string, string> = {};

  constructor(private readonly query: Record<string, unknown>) {}

  private raw(key: string): string | undefined {
    const value = this.query[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value.map(String).join(',');
    return String(value);
  }

  string(key: string): string | undefined {
    return this.raw(key);
  }

  int(key: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const raw = this.raw(key);
    if (raw === undefined || raw === '') return undefined;
    if (!/^-?\d+$/.test(raw)) {
      this.problems[key] = `${key} must be an integer`;
      return undefined;
    }
    const value = Number(raw);
    if (
      (bounds.min !== undefined && value < bounds.min) ||
      (bounds.max !== undefined && value > bounds.max)
    ) {
      this.problems[key] = `${key} must be between ${bounds.min ?? '-∞'} and ${bounds.max ?? '∞'}`;
      return undefined;
    }
    return value;
  }

  number(key: string): number | undefined {
    const raw = this.raw(key);
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      this.problems[key] = `${key} must be a number`;
      return undefined;
    }
    return value;
  }

  ints(key: string): number[] | undefined {
    const raw = this.raw(key);
    if (raw === undefined) return undefined;
    const parts = raw.split(',').filter((p) => p !== '');
    if (parts.some((p) => !/^-?\d+$/.test(p))) {
      this.problems[key] = `${key} must be a comma-separated list of integers`;
      return undefined;
    }
    return parts.map(Number);
  }

  strings(key: string): string[] | undefined {
    const raw = this.raw(key);
    return raw === undefined ? undefined : raw.split(',').filter((p) => p !== '');
  }

  bool(key: string): boolean | undefined {
    const raw = this.raw(key);
    if (raw === undefined || raw === '') return undefined;
    if (['true', '1'].includes(raw)) return true;
    if (['false', '0'].includes(raw)) return false;
    this.problems[key] = `${key} must be true or false`;
    return undefined;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const raw = this.raw(key);
    if (raw === undefined || raw === '') return undefined;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems[key] = `${key} must be one of ${allowed.join(', ')}`;
      return undefined;
    }
    return raw as T;
  }

  date(key: string): Date | undefined {
    const raw = this.raw(key);
    if (raw === undefined || raw === '') return undefined;
    const value = /^\d+$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
    if (Number.isNaN(value.getTime())) {
      this.problems[key] = `${key} must be a date (RFC 2822, ISO 8601 or unix seconds)`;
      return undefined;
    }
    return value;
  }

  get ok(): boolean {
    return Object.keys(this.problems).length === 0;
  }
}
