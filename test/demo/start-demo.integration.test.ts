import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { type Demo, startDemo } from '../../src/demo/start-demo.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'backorder-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function demoConfig(env: Record<string, string>) {
  const config = loadConfig({ PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env });
  if (config.mode !== 'demo') throw new Error('expected demo mode');
  return config;
}

describe('demo mode and the sandbox’s own settings', () => {
  test('SANDBOX_* settings (rate limit, faults, webhook timing, log level) apply to the sandbox it starts', async () => {
    let demo: Demo | undefined;
    try {
      demo = await startDemo(
        demoConfig({
          SANDBOX_RATE_LIMIT_QUOTA: '7',
          SANDBOX_RATE_LIMIT_WINDOW_MS: '1000',
          SANDBOX_FAULT_LATENCY_MS: '5',
          SANDBOX_WEBHOOK_TIME_SCALE: '0.5',
          SANDBOX_WEBHOOK_DUPLICATE_RATE: '0.25',
          SANDBOX_LOG_LEVEL: 'error',
        }),
      );
      expect(demo.sandbox.sandbox.config).toMatchObject({
        rateLimit: { quota: 7, windowMs: 1000 },
        faults: { latencyMs: 5 },
        webhooks: { timeScale: 0.5, duplicateRate: 0.25 },
        logLevel: 'error',
        // Where it listens, which store and where its data lives stay the demo's.
        demoStoreHash: 'demo1234',
        databaseFile: path.join(dataDir, 'sandbox.sqlite'),
      });
    } finally {
      await demo?.close();
    }
  });

  test('a bad SANDBOX_* setting stops the start with a configuration error naming it', async () => {
    await expect(startDemo(demoConfig({ SANDBOX_FAULT_ERROR_RATE: '3' }))).rejects.toThrow(ConfigError);
    await expect(startDemo(demoConfig({ SANDBOX_FAULT_ERROR_RATE: '3' }))).rejects.toThrow(
      /SANDBOX_FAULT_ERROR_RATE/,
    );
  });
});

describe('demo mode with several instances of the app', () => {
  test('startInstance starts another instance on the same database, on a port of its own, closed with the demo', async () => {
    const listening: string[] = [];
    const demo = await startDemo(demoConfig({}), { onListening: (url) => listening.push(url) });
    try {
      const another = await demo.startInstance();
      expect(listening).toHaveLength(2);
      expect(listening[0]).toBe(demo.info.appUrl);
      expect(listening[1]).not.toBe(listening[0]);
      for (const url of listening) expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // The install went through the first instance; the second finds the store in the shared database.
      expect(await another.repositories.stores.findStoreByHash(demo.info.storeHash)).not.toBeNull();
    } finally {
      await demo.close();
    }
    await expect(fetch(`${listening[1]}/healthz`)).rejects.toThrow();
  });
});
