import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

const dataDir = mkdtempSync(path.join(tmpdir(), 'backorder-proc-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The test's own environment without the app's variables, so the developer's settings cannot leak in. */
function env(vars: Record<string, string>): NodeJS.ProcessEnv {
  const { PORT, HOST, LOG_LEVEL, DATA_DIR, DATABASE_URL, ...rest } = process.env;
  return { ...rest, ...vars };
}

describe('npm run migrate', () => {
  test('creates the schema in a fresh SQLite file, and running it again is a no-op', async () => {
    const file = path.join(dataDir, 'fresh', 'migrate.sqlite');
    const options = { cwd: ROOT, env: env({ DATABASE_URL: `sqlite:${file}` }) };

    const first = await run('npm', ['run', '--silent', 'migrate'], options);
    expect(first.stdout).toContain('applied 1 migration(s): 0001-initial-schema');
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
  test('prints its URL, answers /healthz, and exits 0 on SIGTERM', async () => {
    const child = spawn(TSX, ['src/main.ts'], {
      cwd: ROOT,
      env: env({ PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: dataDir }),
    });
    try {
      const url = await firstUrl(child);
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

function firstUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+?) /.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}
