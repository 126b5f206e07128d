import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { build } from 'esbuild';
import { buildServer, SERVER_ENTRY_FILE } from '../../../scripts/server-build.js';
import type { StoresConfig } from '../../../src/config.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const EXIT_WITH_PARENT = path.join(import.meta.dirname, 'exit-with-parent.ts');

/** How long a stopped instance may take to shut down (main.ts gives itself 10 s) before it is killed. */
const STOP_GRACE_MS = 12_000;
/** How long it may take to start (on a loaded machine) before it is killed. */
const START_TIMEOUT_MS = 40_000;
/** The last part of an instance's output kept for a failure message. */
const OUTPUT_KEPT_CHARS = 20_000;

/** An instance of the app running as an OS process of its own, as `npm start` runs it in production. */
export interface AppProcess {
  /** Where it listens, as it printed it. */
  readonly url: string;
  readonly pid: number;
  /** What it printed (stdout and stderr, interleaved), its last part. */
  output(): string;
  /** The exit code, or the signal that ended it; null while it runs. */
  exited(): number | NodeJS.Signals | null;
  /** SIGTERM (a graceful shutdown), then SIGKILL after a grace; resolves with how it ended. */
  stop(): Promise<number | NodeJS.Signals>;
  /**
   * Sends `message` over the IPC channel (started with `ipc: true`) and resolves with the next message
   * the process sends back: for a preloaded module that answers (a benchmark's memory reporter).
   */
  ask(message: unknown): Promise<unknown>;
}

export interface AppProcessOptions {
  /** More modules preloaded with `--import` (paths of TypeScript files), after exit-with-parent. */
  readonly imports?: readonly string[];
  /** Opens an IPC channel to the process, for `ask`. */
  readonly ipc?: boolean;
}

/**
 * The environment that makes `loadConfig` read `config` back: what an operator would put in the
 * process's environment (README's "Configuration") to run the app with it.
 */
export function storesEnvironment(config: StoresConfig): Record<string, string> {
  const { database, bigcommerce, secrets, mail } = config;
  return {
    PORT: String(config.port),
    HOST: config.host,
    LOG_LEVEL: config.logLevel,
    DATA_DIR: config.dataDir,
    DATABASE_URL: database.kind === 'postgres' ? database.url : `sqlite:${database.file}`,
    APP_URL: config.appUrl,
    BC_CLIENT_ID: bigcommerce.clientId,
    BC_CLIENT_SECRET: bigcommerce.clientSecret,
    BC_API_URL: bigcommerce.apiUrl,
    BC_LOGIN_URL: bigcommerce.loginUrl,
    BC_CONTROL_PANEL_URL: bigcommerce.controlPanelUrl,
    TOKEN_ENCRYPTION_KEY: secrets.tokenEncryptionKey.toString('hex'),
    SESSION_SECRET: secrets.sessionSecret,
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM: mail.from,
    NOTIFICATION_WINDOW_MS: String(mail.notificationWindowMs),
  };
}

/**
 * Starts the app as `npm start` runs it — the server build (dist/server, compiled from src/ once per
 * process of the caller) under plain Node — with `environment` (every setting the app reads, so none
 * of the test's own leaks in) and resolves once it prints where it listens; rejects with its output if
 * it exits first or does not listen in time (then it is killed). The process ends with the test's
 * process in any case (exit-with-parent.ts); `stop()` ends it before.
 */
export async function startAppProcess(
  environment: Record<string, string>,
  options: AppProcessOptions = {},
): Promise<AppProcess> {
  const [{ dir: preloadDir, files: preloads }] = await Promise.all([
    compiledPreloads([EXIT_WITH_PARENT, ...(options.imports ?? [])]),
    serverBuilt(),
  ]);
  const imports = preloads.flatMap((file) => ['--import', file]);
  const { nodeFlags, entry } = npmStartCommand();
  // The IPC channel, when asked for, is a fourth stdio entry, which loses spawn's typing of the pipes.
  const child = spawn(process.execPath, [...nodeFlags, ...imports, entry], {
    cwd: ROOT,
    env: { ...process.env, ...environment },
    stdio: ['pipe', 'pipe', 'pipe', options.ipc === true ? 'ipc' : 'ignore'],
  }) as ChildProcessByStdio<Writable, Readable, Readable>;
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ended = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'SIGKILL')),
  );
  let end: number | NodeJS.Signals | null = null;
  void ended.then((how) => {
    end = how;
    rmSync(preloadDir, { recursive: true, force: true });
  });

  return new Promise((resolve, reject) => {
    const tooLate = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The app process did not listen within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    void ended.then(() => clearTimeout(tooLate));
    const onData = () => {
      const url = /running at (http:\/\/\S+?) /.exec(output)?.[1];
      if (url === undefined) return;
      child.stdout.off('data', onData);
      clearTimeout(tooLate);
      resolve({
        url,
        pid: child.pid!,
        output: () => output,
        exited: () => end,
        async stop() {
          if (end !== null) return end;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          try {
            return await ended;
          } finally {
            clearTimeout(timer);
          }
        },
        ask(message) {
          if (options.ipc !== true) return Promise.reject(new Error('The app process has no IPC channel'));
          return new Promise((answered, failed) => {
            child.once('message', answered);
            child.send(message as object, (error) => {
              if (error !== null) failed(error);
            });
          });
        },
      });
    };
    child.stdout.on('data', onData);
    child.once('error', (error) => reject(error));
    void ended.then((how) =>
      reject(new Error(`The app process exited (${how}) before listening:\n${output}`)),
    );
  });
}

/**
 * Node's arguments to run the server as `npm start` does (its flags, dist/server/main.js), once the
 * server is built from today's src/.
 */
export async function npmStartArguments(): Promise<string[]> {
  await serverBuilt();
  const { nodeFlags, entry } = npmStartCommand();
  return [...nodeFlags, entry];
}

/**
 * `npm start`'s command as package.json has it (`node [flags] dist/server/main.js`), so an instance runs
 * with the same Node flags (its heap's sizing) as production, read from the one place they are written.
 */
function npmStartCommand(): { nodeFlags: string[]; entry: string } {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [node, ...rest] = (scripts.start ?? '').trim().split(/\s+/);
  const entry = rest.pop();
  if (node !== 'node' || entry === undefined || path.resolve(ROOT, entry) !== SERVER_ENTRY_FILE) {
    throw new Error(`npm start is not \`node [flags] dist/server/main.js\`: ${scripts.start}`);
  }
  return { nodeFlags: rest, entry: SERVER_ENTRY_FILE };
}

let serverBuild: Promise<unknown> | undefined;

/** Compiles src/ into dist/server once per process: the instances a test starts run today's code. */
function serverBuilt(): Promise<unknown> {
  serverBuild ??= buildServer();
  return serverBuild;
}

/**
 * The preloads (TypeScript) as JavaScript files plain Node can `--import`, compiled into a private
 * directory: loading tsx into the app's process to read them would cost it ≈ 85 MB a benchmark would count.
 */
async function compiledPreloads(files: readonly string[]): Promise<{ dir: string; files: string[] }> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'backorder-preloads-'));
  const compiled = files.map((file, index) =>
    path.join(outdir, `${index}-${path.basename(file, '.ts')}.mjs`),
  );
  await Promise.all(
    files.map((file, index) =>
      build({
        entryPoints: [file],
        outfile: compiled[index],
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'warning',
      }),
    ),
  );
  return { dir: outdir, files: compiled };
}
