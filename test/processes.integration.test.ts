import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { MIGRATION_NAMES } from '../src/adapters/db/migrate.js';
import { npmStartArguments } from './e2e/support/app-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

const dataDir = mkdtempSync(path.join(tmpdir(), 'backorder-proc-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The test's own environment without the app's variables, so the developer's settings cannot leak in. */
function env(vars: Record<string, string>): NodeJS.ProcessEnv {
  const {
    PORT,
    HOST,
    LOG_LEVEL,
    DATA_DIR,
    DATABASE_URL,
    SANDBOX_PORT,
    BC_CLIENT_ID,
    BC_CLIENT_SECRET,
    ...rest
  } = process.env;
  return { ...rest, ...vars };
}

describe('npm run migrate', () => {
  test('creates the schema in a fresh SQLite file, and running it again is a no-op', async () => {
    const file = path.join(dataDir, 'fresh', 'migrate.sqlite');
    const options = { cwd: ROOT, env: env({ DATABASE_URL: `sqlite:${file}` }) };

    const first = await run('npm', ['run', '--silent', 'migrate'], options);
    expect(first.stdout).toContain(
      `applied ${MIGRATION_NAMES.length} migration(s): ${MIGRATION_NAMES.join(', ')}`,
    );
    const second = await run('npm', ['run', '--silent', 'migrate'], options);
    expect(second.stdout).toContain('schema is up to date');
  });

  test('a bad configuration exits non-zero with the reason', async () => {
    const failed = run('npm', ['run', '--silent', 'migrate'], {
      cwd: ROOT,
      env: env({ DATABASE_URL: 'mysql://x' }),
    });
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('DATABASE_URL') });
  });
});

describe('the server process', () => {
  test('without credentials: demo mode prints its URLs, answers /healthz, and exits 0 on SIGTERM', async () => {
    const demoData = path.join(dataDir, 'demo-data');
    // As `npm start` runs it: the server build under Node with its flags.
    const child = spawn(process.execPath, await npmStartArguments(), {
      cwd: ROOT,
      env: env({ PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: demoData }),
    });
    try {
      const output = await outputUntil(child, /sandbox API/);
      const url = /running at (http:\/\/\S+?) /.exec(output)![1]!;
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      // The printed API key works on the demo store the app installed itself into.
      const apiKey = /Bearer (bo_\S+)/.exec(output)![1]!;
      const items = await fetch(`${url}/api/v1/items`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(items.status).toBe(200);
      const storefront = /storefront\s+(http:\/\/\S+)/.exec(output)![1]!;
      expect((await fetch(storefront)).status).toBe(200);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      let shutdownOutput = '';
      child.stdout?.on('data', (chunk: Buffer) => (shutdownOutput += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (shutdownOutput += chunk.toString()));
      child.kill('SIGTERM');
      // On failure, what the process said while shutting down (e.g. "Shutdown failed: …").
      expect(await exited, shutdownOutput).toBe(0);

      // Secrets, tokens and the databases: nobody but the app's user may read the data directory.
      const entries = readdirSync(demoData, { recursive: true, withFileTypes: true });
      expect(entries.length).toBeGreaterThan(2);
      expect(statSync(demoData).mode & 0o777).toBe(0o700);
      for (const entry of entries) {
        const full = path.join(entry.parentPath, entry.name);
        expect(statSync(full).mode & 0o777, full).toBe(entry.isDirectory() ? 0o700 : 0o600);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('the request log of a demo run', () => {
  test('holds no install code, signed payload, token or key', async () => {
    const child = spawn(process.execPath, await npmStartArguments(), {
      cwd: ROOT,
      env: env({ PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'info', DATA_DIR: path.join(dataDir, 'log-run') }),
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const banner = await outputUntil(child, /sandbox API/);
      const url = /running at (http:\/\/\S+?) /.exec(banner)![1]!;
      const apiKey = /Bearer (bo_\S+)/.exec(banner)![1]!;
      const sandboxToken = /X-Auth-Token: (\S+)/.exec(banner)![1]!;
      const admin = /admin \(control panel\)\s+(http:\/\/\S+)/.exec(banner)![1]!;

      // Open the app as the control panel does: its page frames /load?signed_payload_jwt=….
      const page = await (await fetch(admin)).text();
      const open = /href="([^"]+\/apps\/[^"/]+)"/.exec(page)?.[1];
      expect(open).toBeDefined();
      const framed = await (await fetch(new URL(open!, admin))).text();
      const load = /<iframe[^>]+src="([^"]+)"/.exec(framed)![1]!.replaceAll('&amp;', '&');
      const jwt = new URL(load).searchParams.get('signed_payload_jwt');
      expect(jwt).toMatch(/^eyJ/);
      expect((await fetch(load)).status).toBe(200);
      await fetch(`${url}/api/v1/items?limit=1&token=not-a-real-one`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));

      const logLines = output.split('\n').filter((line) => line.startsWith('{'));
      expect(logLines.some((line) => line.includes('"url":"/load?[redacted]"'))).toBe(true);
      expect(logLines.some((line) => line.includes('"url":"/auth?[redacted]"'))).toBe(true);
      for (const line of logLines) {
        expect(line).not.toContain(jwt!);
        expect(line).not.toContain(apiKey);
        expect(line).not.toContain(sandboxToken);
        expect(line).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
        expect(line).not.toMatch(/[?&](code|signed_payload_jwt|signed_payload|token)=(?!\[redacted\])/);
        expect(line.toLowerCase()).not.toContain('bearer ');
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

/** What the process printed, once a line matches `until`. */
function outputUntil(child: ChildProcess, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) resolve(output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}
