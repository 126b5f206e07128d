/**
 * Import benchmark (issue 10): a 100,000-row stock CSV against a store with 50,000 assigned items on
 * SQLite. Prints, from the same run on the same file: raw csv-parse rows/s (reading and splitting the
 * file, nothing else), the import's upload → dry run rows/s (temp file, hash, reader, row checks, SKU
 * look-ups, the rules' dry run, staging) and apply rows/s (chunks of one transaction each), the
 * ratios to raw csv-parse, and the peak RSS of the process that ran the import (a child of its own,
 * so seeding and the raw parse do not count).
 *
 *   npm run bench:import [-- --rows 100000 --items 50000]
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { openDatabase } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';
import { createRepositories } from '../src/adapters/db/repositories.js';
import { createTempFiles } from '../src/adapters/fs/temp-files.js';
import { createSpreadsheetReader } from '../src/adapters/spreadsheets/spreadsheet-reader.js';
import { applyImport } from '../src/app/imports/apply-import.js';
import { applyImportRun } from '../src/app/imports/apply-import-run.js';
import { startImport } from '../src/app/imports/start-import.js';
import { assignProductItems } from '../src/app/items/assign-product-items.js';
import { systemClock } from '../src/app/ports/clock.js';
import { asStoreId } from '../src/app/ports/store-id.js';
import { RecordingJobQueue } from '../test/fakes/job-queue.js';
import { ratioFigure, valueFigure, writeFigures } from './support/bench-figures.js';

const VARIANTS_PER_PRODUCT = 100;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

interface ChildReport {
  readonly dryRunMs: number;
  readonly applyMs: number;
  readonly validRows: number;
  readonly rowsWithProblems: number;
  readonly appliedRows: number;
  readonly maxRssMb: number;
  /** Peak RSS once the dry run was over, and when the import began (the loaded code). */
  readonly dryRunRssMb: number;
  readonly startRssMb: number;
}

if (process.argv.includes('--child')) await child();
else await main();

async function main(): Promise<void> {
  const rows = option('rows', 100_000);
  const items = option('items', 50_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-import-'));
  try {
    const file = path.join(dir, 'bench.sqlite');
    process.stdout.write(`Seeding ${items} assigned items on SQLite… `);
    const started = Date.now();
    const storeId = await seed(file, items);
    process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    // Every assigned item gets a new stock, threshold and incoming stock; the rest of the rows name
    // SKUs the store does not have (problems of their own), so the file has `rows` rows.
    const csvFile = path.join(dir, 'stock.csv');
    const lines = ['SKU,Stock,Threshold,Incoming stock,Back-in-stock date'];
    for (let i = 0; i < rows; i += 1) {
      const sku = i < items ? skuOf(i) : `UNKNOWN-${i}`;
      lines.push(
        `${sku},${(i % 50) - 5},${i % 7 === 0 ? '' : i % 20},${i % 3},${i % 11 === 0 ? '2031-01-31' : ''}`,
      );
    }
    writeFileSync(csvFile, `\uFEFF${lines.join('\r\n')}\r\n`);

    const rawMs = await rawCsvParse(csvFile);
    const report = await runChild(file, csvFile, storeId);
    const rawRate = rows / (rawMs / 1000);
    const dryRate = rows / (report.dryRunMs / 1000);
    const applyRate = report.appliedRows / (report.applyMs / 1000);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`\nImport of a ${fmt(rows)}-row CSV, ${fmt(items)} assigned items, SQLite`);
    console.log(`  raw csv-parse:            ${fmt(rawRate)} rows/s (${rawMs.toFixed(0)} ms)`);
    console.log(
      `  upload → dry run:         ${fmt(dryRate)} rows/s (${report.dryRunMs.toFixed(0)} ms; ${fmt(report.validRows)} valid, ${fmt(report.rowsWithProblems)} with problems)  = ${((100 * dryRate) / rawRate).toFixed(1)} % of raw csv-parse`,
    );
    console.log(
      `  apply:                    ${fmt(applyRate)} rows/s (${report.applyMs.toFixed(0)} ms; ${fmt(report.appliedRows)} rows)  = ${((100 * applyRate) / rawRate).toFixed(1)} % of raw csv-parse`,
    );
    const whole = rows / ((report.dryRunMs + report.applyMs) / 1000);
    console.log(
      `  upload → applied, whole:  ${fmt(whole)} rows/s  = ${((100 * whole) / rawRate).toFixed(1)} % of raw csv-parse (goal ≥ 30 %)`,
    );
    console.log(
      `  peak RSS of the import:   ${report.maxRssMb.toFixed(0)} MB (goal ≤ 150 MB; ${report.startRssMb.toFixed(0)} MB with the code loaded, ${report.dryRunRssMb.toFixed(0)} MB after the dry run)`,
    );
    const sizes = `${fmt(rows)} rows against ${fmt(items)} assigned items, SQLite`;
    writeFigures('import', [
      ratioFigure({
        name: 'import end to end (upload → applied)',
        value: whole,
        unit: 'rows/s',
        baseline: rawRate,
        baselineLabel: 'raw csv-parse over the same file',
        goal: { atLeast: 0.3 },
        goalText: '≥ 30 % of raw',
        note: sizes,
      }),
      ratioFigure({
        name: 'import: dry run',
        value: dryRate,
        unit: 'rows/s',
        baseline: rawRate,
        baselineLabel: 'raw csv-parse over the same file',
        note: sizes,
      }),
      ratioFigure({
        name: 'import: apply',
        value: applyRate,
        unit: 'rows/s',
        baseline: rawRate,
        baselineLabel: 'raw csv-parse over the same file',
        note: `${fmt(report.appliedRows)} valid rows applied`,
      }),
      valueFigure({
        name: 'import: peak RSS',
        value: report.maxRssMb,
        unit: 'MB',
        baseline: report.startRssMb,
        baselineLabel: 'the import process with the code loaded',
        goal: { atMost: 150 },
        goalText: '≤ 150 MB',
      }),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function skuOf(i: number): string {
  return `BENCH-${i}`;
}

async function seed(file: string, items: number): Promise<number> {
  const handle = await openDatabase({ kind: 'sqlite', file });
  try {
    await migrateToLatest(handle.db);
    const repos = createRepositories(handle);
    const now = new Date();
    const store = await repos.stores.install({
      storeHash: 'bench',
      accessTokenEncrypted: 'v1:bench',
      scope: '',
      timezone: 'America/Chicago',
      now,
    });
    for (let p = 0; p * VARIANTS_PER_PRODUCT < items; p += 1) {
      const first = p * VARIANTS_PER_PRODUCT;
      const count = Math.min(VARIANTS_PER_PRODUCT, items - first);
      const outcome = await assignProductItems(repos, {
        storeId: store.id,
        idempotencyKey: `bench:${p}`,
        cause: { type: 'assignment', ref: null },
        actor: 'system',
        now,
        product: {
          bcProductId: 10_000 + p,
          name: `Bench product ${p}`,
          sku: `BENCH-P${p}`,
          templateId: null,
          originalSettings: {},
        },
        items: Array.from({ length: count }, (_, v) => ({
          bcVariantId: 1_000_000 + first + v,
          sku: skuOf(first + v),
          stock: 10,
          threshold: null,
          incoming: 0,
          backInStockDate: null,
        })),
      });
      if (!outcome.applied) throw new Error(`seeding product ${p} failed`);
    }
    return store.id;
  } finally {
    await handle.destroy();
  }
}

async function rawCsvParse(file: string): Promise<number> {
  const started = performance.now();
  let records = 0;
  for await (const _record of createReadStream(file).pipe(parse({ bom: true }))) records += 1;
  if (records === 0) throw new Error('no records');
  return performance.now() - started;
}

function runChild(dbFile: string, csvFile: string, storeId: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--child', dbFile, csvFile, String(storeId)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the import process exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
    });
  });
}

/** The import alone, in a process of its own: upload → dry run, then the apply job's work. */
async function child(): Promise<void> {
  const [dbFile, csvFile, store] = process.argv.slice(process.argv.indexOf('--child') + 1);
  const storeId = asStoreId(Number(store));
  // Sampled: getrusage's maxRSS would carry the parent's peak over (it survives fork and exec).
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const startRssMb = peak / 1048576;
  const handle = await openDatabase({ kind: 'sqlite', file: dbFile! });
  const repos = createRepositories(handle);
  const deps = {
    ...repos,
    clock: systemClock,
    jobs: new RecordingJobQueue(),
    spreadsheetReader: createSpreadsheetReader(),
    tempFiles: createTempFiles(path.join(path.dirname(dbFile!), 'tmp')),
  };
  let started = performance.now();
  const uploaded = await startImport(deps, {
    storeId,
    actor: 'api-key:bench',
    fileName: 'stock.csv',
    bytes: createReadStream(csvFile!),
    requestKey: null,
  });
  if (!uploaded.ok) throw new Error(uploaded.message);
  const dryRunMs = performance.now() - started;
  const dryRunRssMb = Math.max(peak, process.memoryUsage().rss) / 1048576;
  const runId = uploaded.view.run.id;

  started = performance.now();
  const applying = await applyImport(deps, { storeId, runId, applyValidRows: true });
  if (!applying.ok) throw new Error(applying.message);
  await applyImportRun(deps, { storeId, runId });
  const applyMs = performance.now() - started;
  const run = (await repos.importRuns.getRun(storeId, runId))!;
  await handle.destroy();
  clearInterval(sampler);
  const report: ChildReport = {
    dryRunMs,
    applyMs,
    validRows: uploaded.view.run.validRows,
    rowsWithProblems: uploaded.view.run.errorRows,
    appliedRows: run.appliedRows,
    maxRssMb: Math.max(peak, process.memoryUsage().rss) / 1048576,
    dryRunRssMb,
    startRssMb,
  };
  console.log(JSON.stringify(report));
}
