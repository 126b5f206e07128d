import { type ChildProcessByStdio, spawn } from 'node:child_process';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { StoresConfig } from '../../../src/config.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const EXIT_WITH_PARENT = path.join(import.meta.dirname, 'exit-with-parent.ts');

/** How long a stopped instance may take to shut down (main.ts gives itself 10 s) before it is killed. */
const STOP_GRACE_MS = 12_000;
/** How long it may take to start (tsx compiles src/ first, on a loaded machine) before it is killed. */
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
  /** More modules preloaded with `--import` (paths), after tsx and exit-with-parent. */
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
 * Starts `src/main.ts` with `environment` (every setting the app reads, so none of the test's own
 * leaks in) and resolves once it prints where it listens; rejects with its output if it exits first or
 * does not listen in time (then it is killed).
 * Run as `node --import tsx`, one process: tsx's CLI would run the app in a child process of its own,
 * which a SIGKILL of the CLI leaves running. The process ends with the test's process in any case
 * (exit-with-parent.ts); `stop()` ends it before.
 */
export function startAppProcess(
  environment: Record<string, string>,
  options: AppProcessOptions = {},
): Promise<AppProcess> {
  const imports = [EXIT_WITH_PARENT, ...(options.imports ?? [])].flatMap((file) => ['--import', file]);
  // The IPC channel, when asked for, is a fourth stdio entry, which loses spawn's typing of the pipes.
  const child = spawn(process.execPath, ['--import', 'tsx', ...imports, 'src/main.ts'], {
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
