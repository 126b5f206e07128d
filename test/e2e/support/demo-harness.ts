import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Clock } from '../../../src/app/ports/clock.js';
import { loadConfig } from '../../../src/config.js';
import { type Demo, startDemo } from '../../../src/demo/start-demo.js';
import type { SandboxConfig } from '../../../src/sandbox/sandbox.config.js';

/**
 * The whole product as a merchant runs it in demo mode — the sandbox (BigCommerce) and the app,
 * talking over real HTTP, the app installed through the real install flow — with test timings:
 * jobs poll every 50 ms, webhook retries are time-scaled, notifications are not held back.
 */
export interface E2E {
  readonly demo: Demo;
  readonly storeHash: string;
  readonly clock: ShiftableClock;
  /** The public API of the app, with the demo API key. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are JSON of many shapes; each test states what it expects.
  api(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** BigCommerce's API (the sandbox), with the store-level token, as an ERP or a checker would call it. */
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  bc(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: any }>;
  /**
   * Turns BigCommerce's native backorders (beta) on or off for the store, as a merchant joining the beta
   * would (the sandbox's switch); answers the sandbox's HTTP status.
   */
  nativeBackorders(enabled: boolean): Promise<number>;
  /** Mail the sandbox's catcher received, newest first. */
  mails(): Promise<{ subject: string; text: string; to: string[] }[]>;
  close(): Promise<void>;
}

/** Real time plus an offset, so jobs keep running while a test jumps a day ahead. */
export interface ShiftableClock extends Clock {
  advance(ms: number): void;
}

export function shiftableClock(): ShiftableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export interface E2EOptions {
  /** A PostgreSQL server URL (the run's test database); the app then gets a database of its own there. */
  readonly postgresUrl?: string | null;
  readonly sandbox?: Partial<SandboxConfig>;
  /** The app's public URL (APP_URL), when something stands in front of its instances. */
  readonly appUrl?: string;
  /** Told where each instance of the app listens (startDemo's `onListening`). */
  readonly onListening?: (instanceUrl: string) => void;
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'backorder-e2e-'));
  const database = options.postgresUrl ? await freshPostgresDatabase(options.postgresUrl) : null;
  const clock = shiftableClock();
  const config = loadConfig({
    PORT: '0',
    SANDBOX_PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NOTIFICATION_WINDOW_MS: '0',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(options.appUrl ? { APP_URL: options.appUrl } : {}),
  });
  let demo: Demo;
  try {
    if (config.mode !== 'demo') throw new Error('The e2e environment has BigCommerce credentials');
    demo = await startDemo(config, {
      clock,
      jobTuning: { pollIntervalMs: 50, retryDelayMs: 100, leaseMs: 3000, maintenanceIntervalMs: 1000 },
      periodicJobsMs: 500,
      ...(options.onListening ? { onListening: options.onListening } : {}),
      sandbox: {
        logLevel: 'silent',
        webhooks: { timeScale: 0.002, duplicateRate: 0, timeoutMs: 5000 },
        // The test's own polling reads share the store's quota with the app; rate limiting has tests of its own.
        rateLimit: { quota: 100_000, windowMs: 30_000 },
        ...options.sandbox,
      },
    });
  } catch (error) {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { info } = demo;
  const call = async (url: string, headers: Record<string, string>, method: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };
  return {
    demo,
    storeHash: info.storeHash,
    clock,
    api: (method, p, body) =>
      call(`${info.apiUrl}${p}`, { authorization: `Bearer ${info.apiKey}` }, method, body),
    bc: (method, p, body) =>
      call(
        `${info.sandboxUrl}/stores/${info.storeHash}${p}`,
        { 'x-auth-token': info.sandboxApiToken },
        method,
        body,
      ),
    async nativeBackorders(enabled) {
      const response = await fetch(
        `${info.sandboxUrl}/__sandbox/stores/${info.storeHash}/native-backorders`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ enabled }),
        },
      );
      await response.arrayBuffer();
      return response.status;
    },
    async mails() {
      const list = (await (await fetch(`${info.mailboxUrl}/api/messages`)).json()) as {
        data: { id: string }[];
      };
      return Promise.all(
        list.data.map(
          async ({ id }) => (await (await fetch(`${info.mailboxUrl}/api/messages/${id}`)).json()).data,
        ),
      );
    },
    async close() {
      await demo.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails with the last value seen. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting; last: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function freshPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `backorder_e2e_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
