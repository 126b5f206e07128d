import path from 'node:path';
import { z } from 'zod';

/**
 * The sandbox's configuration. This is the ONLY sandbox file that reads process.env: the sandbox is a
 * separate program from the app and keeps its own settings. Everything else receives a SandboxConfig.
 */
const rate = z.coerce.number().min(0).max(1);

const schema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_STORE_HASH: z
    .string()
    .regex(/^[a-z0-9]{1,32}$/, 'lowercase letters and digits only')
    .default('demo1234'),
  SANDBOX_API_TOKEN: z.string().min(8).default('sandbox-demo-token-not-a-secret'),
  SANDBOX_DATA_DIR: z.string().min(1).optional(),
  SANDBOX_RATE_LIMIT_QUOTA: z.coerce.number().int().min(1).default(150),
  SANDBOX_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(30_000),
  /** Multiplies BigCommerce's webhook retry schedule (60 s ... 86400 s); 0.001 turns 60 s into 60 ms. */
  SANDBOX_WEBHOOK_TIME_SCALE: z.coerce.number().min(0).default(1),
  SANDBOX_WEBHOOK_DUPLICATE_RATE: rate.default(0),
  SANDBOX_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  SANDBOX_FAULT_ERROR_RATE: rate.default(0),
  SANDBOX_FAULT_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SANDBOX_FAULT_RATE_LIMIT_RATE: rate.default(0),
  /** JSON array of apps the control panel offers (see control-panel/app-registry.ts for the shape). */
  SANDBOX_APPS: z.string().optional(),
  SANDBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SANDBOX_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
});

export interface FaultSettings {
  /** Share of API requests (0..1) answered with one of `errorStatuses` instead of being served. */
  readonly errorRate: number;
  readonly errorStatuses: readonly (500 | 502 | 503)[];
  /** Added to every API response. */
  readonly latencyMs: number;
  /** Share of API requests (0..1) answered 429 even though the quota is not used up. */
  readonly rateLimitRate: number;
  /** The next N API requests are answered 429 (a burst), then this falls back to 0. */
  readonly rateLimitBurst: number;
}

export interface SandboxConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof schema>['SANDBOX_LOG_LEVEL'];
  readonly demoStoreHash: string;
  readonly demoApiToken: string;
  /** SQLite file path, or ':memory:' when no data directory is configured. */
  readonly databaseFile: string;
  readonly rateLimit: { readonly quota: number; readonly windowMs: number };
  readonly webhooks: {
    readonly timeScale: number;
    readonly duplicateRate: number;
    readonly timeoutMs: number;
  };
  readonly faults: FaultSettings;
  /** Raw JSON of SANDBOX_APPS (parsed and validated by the control panel), or undefined. */
  readonly appsJson: string | undefined;
  readonly smtp: { readonly port: number; readonly host: string };
}

export const NO_FAULTS: FaultSettings = {
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  latencyMs: 0,
  rateLimitRate: 0,
  rateLimitBurst: 0,
};

export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';
}

export function loadSandboxConfig(env: Record<string, string | undefined> = process.env): SandboxConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SandboxConfigError(`Invalid sandbox configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.SANDBOX_PORT,
    host: e.SANDBOX_HOST,
    logLevel: e.SANDBOX_LOG_LEVEL,
    demoStoreHash: e.DEMO_STORE_HASH,
    demoApiToken: e.SANDBOX_API_TOKEN,
    databaseFile:
      e.SANDBOX_DATA_DIR === undefined
        ? ':memory:'
        : path.join(path.resolve(e.SANDBOX_DATA_DIR), 'sandbox.sqlite'),
    rateLimit: { quota: e.SANDBOX_RATE_LIMIT_QUOTA, windowMs: e.SANDBOX_RATE_LIMIT_WINDOW_MS },
    webhooks: {
      timeScale: e.SANDBOX_WEBHOOK_TIME_SCALE,
      duplicateRate: e.SANDBOX_WEBHOOK_DUPLICATE_RATE,
      timeoutMs: e.SANDBOX_WEBHOOK_TIMEOUT_MS,
    },
    faults: {
      ...NO_FAULTS,
      errorRate: e.SANDBOX_FAULT_ERROR_RATE,
      latencyMs: e.SANDBOX_FAULT_LATENCY_MS,
      rateLimitRate: e.SANDBOX_FAULT_RATE_LIMIT_RATE,
    },
    appsJson: e.SANDBOX_APPS,
    smtp: { port: e.SANDBOX_SMTP_PORT, host: e.SANDBOX_SMTP_HOST },
  };
}

/** A config for tests and embedding: defaults (memory database, no faults) with overrides. */
export function sandboxConfigFor(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  return { ...loadSandboxConfig({}), port: 0, logLevel: 'silent', ...overrides };
}
