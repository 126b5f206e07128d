import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
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
      expect(await response.json()).toEqual({ status: 'ok' });
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
