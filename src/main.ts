import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openDatabase, pingDatabase } from './adapters/db/database.js';
import { migrateToLatest } from './adapters/db/migrate.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { buildServer } from './http/server.js';

export interface RunningApp {
  /** Where the server listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly server: FastifyInstance;
  /** Stops accepting requests, lets the ones in flight finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * Starts the app from a configuration: opens the database, brings its schema up to date, and
 * serves HTTP. Separate from `main` so tests can start it in-process.
 */
export async function startApp(config: Config): Promise<RunningApp> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const server = buildServer({ logLevel: config.logLevel, checkDatabase: () => pingDatabase(database.db) });
    const url = await server.listen({ host: config.host, port: config.port });
    return {
      url,
      server,
      close: async () => {
        await server.close();
        await database.destroy();
      },
    };
  } catch (error) {
    await database.destroy();
    throw error;
  }
}

/** How long a shutdown may take before the process gives up waiting for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  process.stdout.write(`Backorder is running at ${app.url} (health: ${app.url}/healthz)\n`);

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
    // A configuration mistake is the operator's to fix: say what is wrong, without a stack trace.
    process.stderr.write(
      error instanceof ConfigError ? `${error.message}\n` : `${(error as Error).stack ?? error}\n`,
    );
    process.exitCode = 1;
  });
}
