import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createApp } from './composition-root.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import type { DemoInfo } from './demo/start-demo.js';
import { AdminNotBuiltError } from './http/routes/admin/index.js';

export interface RunningApp {
  /** Where the server listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly server: FastifyInstance;
  /** Set in demo mode: the sandbox's URLs and the API key. */
  readonly demo: DemoInfo | null;
  /** Stops accepting requests, lets the ones in flight finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * Starts the app from a configuration. With BigCommerce credentials it serves real stores; without,
 * demo mode starts the sandbox too and installs the app into its demo store. Separate from `main` so
 * tests can start it in-process.
 */
export async function startApp(config: Config): Promise<RunningApp> {
  if (config.mode === 'demo') {
    // Imported only here: the sandbox and its seed data stay out of a production process's memory.
    const { startDemo } = await import('./demo/start-demo.js');
    const demo = await startDemo(config);
    return { url: demo.info.appUrl, server: demo.app.server, demo: demo.info, close: demo.close };
  }
  const app = await createApp({ config });
  const url = await app.listen();
  return { url, server: app.server, demo: null, close: app.close };
}

function describe(app: RunningApp): string {
  const lines = [`Backorder is running at ${app.url} (health: ${app.url}/healthz)`];
  if (app.demo) {
    const d = app.demo;
    lines.push(
      'Demo mode (no BigCommerce credentials): the app is installed in the sandbox demo store.',
      `  admin (control panel)  ${d.adminUrl}   → "Open" loads the app`,
      `  storefront             ${d.storefrontUrl}`,
      `  mailbox                ${d.mailboxUrl}`,
      `  public API             ${d.apiUrl}   Authorization: Bearer ${d.apiKey}`,
      `  OpenAPI                ${d.apiUrl}/openapi.json`,
      `  sandbox API (as an ERP) ${d.sandboxUrl}/stores/${d.storeHash}/v3/   X-Auth-Token: ${d.sandboxApiToken}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** How long a shutdown may take before the process gives up waiting for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  process.stdout.write(describe(app));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, shutting down…\n`);
    const force = setTimeout(() => {
      process.stderr.write('Shutdown took too long; exiting.\n');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  main().catch((error: unknown) => {
    // A configuration mistake or a missing build is the operator's to fix: say what, without a stack trace.
    process.stderr.write(
      error instanceof ConfigError || error instanceof AdminNotBuiltError
        ? `${error.message}\n`
        : `${(error as Error).stack ?? error}\n`,
    );
    process.exitCode = 1;
  });
}
