/**
 * A process that applies imports, for the crash test (test/e2e/import-crash.test.ts), which kills it
 * with SIGKILL. Environment:
 * - IMPORT_WORKER_DATABASE: the database, as src/config.ts's `Database` (JSON);
 * - IMPORT_WORKER_DATA_DIR: the app's data directory;
 * - IMPORT_WORKER_HANG: where to stop and wait for the kill, printing `HANGING` first —
 *   `transaction:N`: inside the N-th chunk's transaction, its rows written and not committed;
 *   `record:N`: after the N-th chunk committed, before its rows' outcomes are recorded.
 *   Unset: the whole app (the composition root, every job) runs until killed, printing `READY`.
 */
import { openDatabase } from '../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../src/adapters/db/migrate.js';
import { createRepositories } from '../../../src/adapters/db/repositories.js';
import { createTempFiles } from '../../../src/adapters/fs/temp-files.js';
import { createJobQueue } from '../../../src/adapters/jobs/index.js';
import { createSpreadsheetReader } from '../../../src/adapters/spreadsheets/spreadsheet-reader.js';
import { importApplyJob } from '../../../src/app/imports/import-apply.job.js';
import { systemClock } from '../../../src/app/ports/clock.js';
import type { ImportRunRepository } from '../../../src/app/ports/import-run-repository.js';
import type { ItemTransactions } from '../../../src/app/ports/item-transactions.js';
import { createApp } from '../../../src/composition-root.js';
import type { Database, StoresConfig } from '../../../src/config.js';
import { WORKER_TUNING } from './import-worker-tuning.js';

const database = JSON.parse(process.env.IMPORT_WORKER_DATABASE ?? 'null') as Database;
const dataDir = process.env.IMPORT_WORKER_DATA_DIR ?? '.';
const hang = process.env.IMPORT_WORKER_HANG ?? '';
const forever = () => new Promise<never>(() => {});
const logger = { warn: () => {}, error: () => {} };

if (hang === '') {
  const config: StoresConfig = {
    mode: 'stores',
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    dataDir,
    database,
    appUrl: 'http://127.0.0.1:1',
    bigcommerce: {
      clientId: 'crash-test',
      clientSecret: 'crash-test',
      apiUrl: 'http://127.0.0.1:1',
      loginUrl: 'http://127.0.0.1:1',
      controlPanelUrl: 'http://127.0.0.1:1/{store_hash}',
    },
    secrets: { tokenEncryptionKey: Buffer.alloc(32, 7), sessionSecret: 's'.repeat(40) },
    mail: { from: 'Backorder <b@localhost>', notificationWindowMs: 0, smtpUrl: 'smtp://127.0.0.1:1' },
  };
  const app = await createApp({
    config,
    mailer: { send: async () => undefined } as never,
    jobTuning: WORKER_TUNING,
    periodicJobsMs: 500,
  });
  await app.jobs.start();
  process.stdout.write('READY\n');
} else {
  const [where, nth] = hang.split(':') as ['transaction' | 'record', string];
  const handle = await openDatabase(database);
  await migrateToLatest(handle.db);
  const repos = createRepositories(handle);
  let calls = 0;
  const hangingAt = async (what: typeof where) => {
    if (where !== what) return;
    calls += 1;
    if (calls !== Number(nth)) return;
    process.stdout.write('HANGING\n');
    await forever();
  };
  const itemTransactions: ItemTransactions = {
    run: (storeId, work) =>
      repos.itemTransactions.run(storeId, async (tx) => {
        const result = await work(tx);
        await hangingAt('transaction');
        return result;
      }),
  };
  const importRuns: ImportRunRepository = Object.create(repos.importRuns, {
    recordChunk: {
      value: async (...args: Parameters<ImportRunRepository['recordChunk']>) => {
        await hangingAt('record');
        return repos.importRuns.recordChunk(...args);
      },
    },
  });
  const jobs = createJobQueue({
    dialect: handle.dialect,
    db: handle.db,
    ...(database.kind === 'postgres' ? { postgresUrl: database.url } : {}),
    logger,
    tuning: WORKER_TUNING,
  });
  const job = importApplyJob({
    ...repos,
    itemTransactions,
    importRuns,
    jobs,
    clock: systemClock,
    spreadsheetReader: createSpreadsheetReader(),
    tempFiles: createTempFiles(dataDir),
  });
  jobs.work(job.name, job.handler, { concurrency: 1 });
  await jobs.start();
}

// The queue's timers do not hold the process open (a server would): this does, until the kill.
setInterval(() => {}, 60_000);
