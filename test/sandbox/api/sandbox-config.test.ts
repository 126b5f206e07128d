import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSandboxConfig, SandboxConfigError } from '../../../src/sandbox/sandbox.config.js';

describe('sandbox configuration', () => {
  it('has working defaults: port 3100, demo store, memory storage, 150 requests per 30 s, no faults', () => {
    const config = loadSandboxConfig({});
    expect(config).toMatchObject({
      port: 3100,
      demoStoreHash: 'demo1234',
      databaseFile: ':memory:',
      rateLimit: { quota: 150, windowMs: 30_000 },
      webhooks: { timeScale: 1, duplicateRate: 0 },
      faults: { errorRate: 0, latencyMs: 0, rateLimitRate: 0, rateLimitBurst: 0 },
    });
  });

  it('reads every variable, with a SQLite file in SANDBOX_DATA_DIR', () => {
    const config = loadSandboxConfig({
      SANDBOX_PORT: '4000',
      DEMO_STORE_HASH: 'abc123',
      SANDBOX_API_TOKEN: 'a-long-token',
      SANDBOX_DATA_DIR: './tmp-data',
      SANDBOX_RATE_LIMIT_QUOTA: '450',
      SANDBOX_RATE_LIMIT_WINDOW_MS: '1000',
      SANDBOX_WEBHOOK_TIME_SCALE: '0.001',
      SANDBOX_WEBHOOK_DUPLICATE_RATE: '0.1',
      SANDBOX_FAULT_ERROR_RATE: '0.05',
      SANDBOX_FAULT_LATENCY_MS: '20',
    });
    expect(config).toMatchObject({
      port: 4000,
      demoStoreHash: 'abc123',
      demoApiToken: 'a-long-token',
      databaseFile: path.resolve('./tmp-data', 'sandbox.sqlite'),
      rateLimit: { quota: 450, windowMs: 1000 },
      webhooks: { timeScale: 0.001, duplicateRate: 0.1 },
      faults: { errorRate: 0.05, latencyMs: 20 },
    });
  });

  it('refuses invalid values with a clear error', () => {
    expect(() => loadSandboxConfig({ DEMO_STORE_HASH: 'Not Valid!' })).toThrow(SandboxConfigError);
    expect(() => loadSandboxConfig({ SANDBOX_FAULT_ERROR_RATE: '2' })).toThrow(/SANDBOX_FAULT_ERROR_RATE/);
  });
});
