import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { JOB_NAMES } from '../../src/app/jobs/job-catalogue.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import { startApp } from '../../src/main.js';

describe('/healthz', () => {
  test('200 when the database answers', async () => {
    const app = buildServer({ logLevel: 'silent', checkDatabase: async () => {} });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    await app.close();
  });

  test("shows what this process's job runner did, also when the database does not answer", async () => {
    const activity = {
      running: { 'webhook.process': 1, 'dates.check': 0 },
      completed: { 'webhook.process': 41, 'dates.check': 2 },
    };
    let databaseUp = true;
    const app = buildServer({
      logLevel: 'silent',
      checkDatabase: async () => {
        if (!databaseUp) throw new Error('connection refused');
      },
      jobActivity: () => activity,
    });
    const up = await app.inject({ method: 'GET', url: '/healthz' });
    expect(up.json()).toEqual({ status: 'ok', jobs: activity });
    databaseUp = false;
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({
      status: 'unavailable',
      error: { code: 'HEALTH.DATABASE_UNAVAILABLE' },
      jobs: activity,
    });
    await app.close();
  });

  test('503 with a code when the database does not answer', async () => {
    const app = buildServer({
      logLevel: 'silent',
      checkDatabase: async () => {
        throw new Error('connection refused');
      },
    });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'unavailable',
      error: { code: 'HEALTH.DATABASE_UNAVAILABLE' },
    });
    await app.close();
  });
});

describe('startApp', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'backorder-app-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('opens and migrates the database, serves /healthz over HTTP, and closes cleanly', async () => {
    const app = await startApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir }));
    try {
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${app.url}/healthz`);
      expect(response.status).toBe(200);
      // Every job of the catalogue is counted (the demo's install and periodic jobs may have run already).
      const count = expect.any(Number);
      const counts = Object.fromEntries(JOB_NAMES.map((name) => [name, count]));
      expect(await response.json()).toEqual({ status: 'ok', jobs: { running: counts, completed: counts } });
    } finally {
      await app.close();
    }
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
  });

  test('fails to start, and releases the database, when the port is taken', async () => {
    const first = await startApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir }));
    try {
      const port = new URL(first.url).port;
      await expect(
        startApp(loadConfig({ PORT: port, LOG_LEVEL: 'silent', DATA_DIR: dataDir })),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
