import { z } from 'zod';
import type { FaultSettings } from '../sandbox.config.js';

export const faultSettingsSchema = z
  .object({
    errorRate: z.number().min(0).max(1),
    errorStatuses: z.array(z.union([z.literal(500), z.literal(502), z.literal(503)])).min(1),
    latencyMs: z.number().int().min(0).max(60_000),
    rateLimitRate: z.number().min(0).max(1),
    rateLimitBurst: z.number().int().min(0),
  })
  .partial()
  .strict();

export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly status: 500 | 502 | 503 }
  | { readonly kind: 'rate-limited' };

/**
 * Run-time fault injection for API requests, so apps can be tested against a flaky platform:
 * a share of requests fail with 500/502/503, every response is delayed, some (or the next N) get 429.
 */
export class FaultInjector {
  private settings: FaultSettings;

  constructor(
    initial: FaultSettings,
    private readonly random: () => number = Math.random,
  ) {
    this.settings = { ...initial };
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  configure(patch: z.infer<typeof faultSettingsSchema>): FaultSettings {
    this.settings = { ...this.settings, ...patch };
    return this.current();
  }

  latencyMs(): number {
    return this.settings.latencyMs;
  }

  decide(): FaultDecision {
    if (this.settings.rateLimitBurst > 0) {
      this.settings = { ...this.settings, rateLimitBurst: this.settings.rateLimitBurst - 1 };
      return { kind: 'rate-limited' };
    }
    if (this.settings.rateLimitRate > 0 && this.random() < this.settings.rateLimitRate)
      return { kind: 'rate-limited' };
    if (this.settings.errorRate > 0 && this.random() < this.settings.errorRate) {
      const statuses = this.settings.errorStatuses;
      const status = statuses[Math.floor(this.random() * statuses.length)] ?? 500;
      return { kind: 'error', status };
    }
    return { kind: 'none' };
  }
}
