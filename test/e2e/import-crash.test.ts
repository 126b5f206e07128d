import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.js';
import { migrateToLatest } from '../../src/adapters/db/migrate.js';
import { createRepositories } from '../../src/adapters/db/repositories.js';
import { createTempFiles } from '../../src/adapters/fs/temp-files.js';
import { createJobQueue } from '../../src/adapters/jobs/index.js';
import { createSpreadsheetReader } from '../../src/adapters/spreadsheets/spreadsheet-reader.js';
import { applyImport } from '../../src/app/imports/apply-import.js';
import { IMPORT_CHUNK_ROWS } from '../../src/app/imports/apply-import-run.js';
import { startImport } from '../../src/app/imports/start-import.js';
import { assignProductItems } from '../../src/app/items/assign-product-items.js';
import { systemClock } from '../../src/app/ports/clock.js';
import type { Database } from '../../src/config.js';
import { anAssignment } from '../builders/assignment.builder.js';
import { aStore } from '../builders/store.builder.js';
import { RecordingJobQueue } from '../fakes/job-queue.js';
import { eventually, freshPostgresDatabase } from './support/demo-harness.js';
import { WORKER_TUNING } from './support/import-worker-tuning.js';

/**
 * Issue 10: an import killed mid-apply and resumed applies every row exactly once. Real processes,
 * killed with SIGKILL (nothing is cleaned up, the open transaction dies with them): the first dies
 * inside its second chunk's transaction (rows written, not committed); the second, resuming, dies
 * after a chunk committed and before its rows were recorded as done; the app itself then finishes
 * the run. The ledger must hold exactly one movement per changed row, and every stock be the file's.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WORKER = path.join(ROOT, 'test', 'e2e', 'support', 'import-worker.ts');
const ROWS = IMPORT_CHUNK_ROWS * 4 - 50;
const VARIANTS_PER_PRODUCT = 50;
const RUN_TIMEOUT_MS = 180_000;

describe('an import killed mid-apply', () => {
  it('applies every row exactly once on SQLite', { timeout: RUN_TIMEOUT_MS }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'backorder-import-crash-'));
    try {
      await crashAndResume({ kind: 'sqlite', file: path.join(dir, 'app.sqlite') }, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const postgresUrl = inject('postgresUrl');
  it.skipIf(postgresUrl === null)(
    'applies every row exactly once on PostgreSQL',
    { timeout: RUN_TIMEOUT_MS },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'backorder-import-crash-'));
      const database = await freshPostgresDatabase(postgresUrl!);
      try {
        await crashAndResume({ kind: 'postgres', url: database.url }, dir);
      } finally {
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

async function crashAndResume(database: Database, dataDir: string): Promise<void> {
  const handle = await openDatabase(database);
  const workers: ChildProcess[] = [];
  try {
    await migrateToLatest(handle.db);
    const repos = createRepositories(handle);
    const store = await aStore(repos, { now: new Date() });
    // Items in stock with room to spare, so no row changes a status (nothing to deliver to BigCommerce).
    const skus: string[] = [];
    for (let p = 0; p * VARIANTS_PER_PRODUCT < ROWS; p += 1) {
      const items = Array.from({ length: VARIANTS_PER_PRODUCT }, (_, v) => {
        const sku = `CRASH-${store.id}-${p}-${v}`;
        skus.push(sku);
        return { sku, stock: 100 };
      });
      const assigned = await assignProductItems(repos, anAssignment(store.id, { items, now: new Date() }));
      if (!assigned.applied) throw new Error('seeding failed');
    }
    // Every row changes its item's stock: 100 → 200 + its index.
    const csv = ['SKU,Stock', ...skus.slice(0, ROWS).map((sku, i) => `${sku},${200 + i}`)].join('\n');
    const deps = {
      ...repos,
      clock: systemClock,
      jobs: new RecordingJobQueue(),
      spreadsheetReader: createSpreadsheetReader(),
      tempFiles: createTempFiles(path.join(dataDir, 'tmp')),
    };
    const started = await startImport(deps, {
      storeId: store.id,
      actor: 'api-key:crash',
      fileName: 'stock.csv',
      bytes: (async function* () {
        yield Buffer.from(csv);
      })(),
      requestKey: null,
    });
    if (!started.ok) throw new Error(started.message);
    const runId = started.view.run.id;
    expect(started.view.run).toMatchObject({ totalRows: ROWS, validRows: ROWS, errorRows: 0 });

    // The apply request queues `import.apply` on the real queue of the database.
    const queue = createJobQueue({
      dialect: handle.dialect,
      db: handle.db,
      ...(database.kind === 'postgres' ? { postgresUrl: database.url } : {}),
      logger: { warn: () => {}, error: () => {} },
      tuning: WORKER_TUNING,
    });
    const applying = await applyImport(
      { ...deps, jobs: queue },
      { storeId: store.id, runId, applyValidRows: false },
    );
    expect(applying.ok).toBe(true);
    await queue.stop();

    const run = () => repos.importRuns.getRun(store.id, runId);
    const importMovements = async () =>
      (await repos.history.listLedger(store.id, { limit: 100_000 })).filter(
        (m) => m.causeType === 'import_row',
      );

    // 1. Killed inside the second chunk's transaction: only the first chunk is there.
    workers.push(await startWorker(database, dataDir, 'transaction:2', 'HANGING'));
    await kill(workers.pop()!);
    expect((await run())?.appliedRows).toBe(IMPORT_CHUNK_ROWS);
    expect(await importMovements()).toHaveLength(IMPORT_CHUNK_ROWS);

    // 2. Resumed, and killed after its first chunk (the run's second) committed, before it was recorded.
    workers.push(await startWorker(database, dataDir, 'record:1', 'HANGING'));
    await kill(workers.pop()!);
    expect((await run())?.appliedRows).toBe(IMPORT_CHUNK_ROWS);
    expect(await importMovements()).toHaveLength(2 * IMPORT_CHUNK_ROWS);

    // 3. The app itself takes the job up again and finishes the run.
    workers.push(await startWorker(database, dataDir, '', 'READY'));
    const done = await eventually(async () => {
      const now = await run();
      return now?.status === 'done' ? now : undefined;
    }, 120_000);
    expect(done).toMatchObject({ appliedRows: ROWS, validRows: ROWS, errorRows: 0 });

    // Exactly one movement per row, keyed by its line, and every stock as the file says.
    const movements = await importMovements();
    expect(movements).toHaveLength(ROWS);
    expect(new Set(movements.map((m) => m.idempotencyKey)).size).toBe(ROWS);
    expect(new Set(movements.map((m) => m.idempotencyKey))).toEqual(
      new Set(Array.from({ length: ROWS }, (_, i) => `import:${runId}:line:${i + 2}`)),
    );
    const items = new Map(
      (await repos.items.findItemsBySkus(store.id, skus.slice(0, ROWS))).map((item) => [item.sku, item]),
    );
    for (const [i, sku] of skus.slice(0, ROWS).entries()) {
      const item = items.get(sku)!;
      expect(item.stock).toBe(200 + i);
      const totals = await repos.history.ledgerTotals(store.id, item.id);
      // The assignment's movement and the import's: stock = Σ movements.
      expect(totals).toEqual({ delta: 200 + i, rows: 2 });
    }
    expect(await repos.importRuns.nextPendingRows(store.id, runId, 10)).toEqual([]);
  } finally {
    for (const worker of workers) await kill(worker);
    await handle.destroy();
  }
}

async function startWorker(
  database: Database,
  dataDir: string,
  hang: string,
  signal: 'HANGING' | 'READY',
): Promise<ChildProcess> {
  // Node itself with tsx's loader (not the tsx CLI, which runs the script in a child SIGKILL would miss).
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: {
      ...process.env,
      IMPORT_WORKER_DATABASE: JSON.stringify(database),
      IMPORT_WORKER_DATA_DIR: dataDir,
      IMPORT_WORKER_HANG: hang,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(signal)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before ${signal}: ${stderr}`)));
  });
  return child;
}

/** SIGKILL, and waits until the process is gone (its locks and connections with it). */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
