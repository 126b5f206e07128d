/**
 * `npm run bench:import-parse`: reading an uploaded stock file of 100,000 rows (issue 10's import
 * benchmark).
 *
 * Writes a CSV in the template's columns (UTF-8 with BOM, CRLF, accents, quoted names; 100,000 rows by
 * default) to a temporary folder, then measures in the same run:
 *   (a) raw csv-parse streaming over the file (records counted, nothing else): the baseline;
 *   (b) the import's own path — the SpreadsheetReader adapter (format sniffing, the whole-file UTF-8
 *       check, delimiter, csv-parse) + readImportHeader + ImportRowChecker on every row — in a child
 *       process, so its peak RSS is its own (maxRSS of the child: Node, tsx and the modules included).
 * and prints rows/s of both, the ratio b/a (goal ≥ 30 %) and the peak RSS of (b) (goal ≤ 150 MB). The
 * reader alone (without the checks) is shown too, to tell where the time goes.
 *
 * Options: --rows N (default 100000), --runs N (default 3; the best run of each counts).
 * Not part of `npm test`. How to read the figures: bench/README.md.
 */
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { createSpreadsheetReader } from '../src/adapters/spreadsheets/spreadsheet-reader.js';
import { ImportRowChecker, readImportHeader } from '../src/app/imports/import-rows.js';
import { csvLine, stockFileHeaders, stockFileRow } from '../test/builders/stock-file.builder.js';
import { ratioFigure, valueFigure, withoutJson, writeFigures } from './support/bench-figures.js';

const { values: options } = parseArgs({
  args: withoutJson(process.argv.slice(2)),
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    // Internal: a measuring child process, its case and the file.
    child: { type: 'string' },
    file: { type: 'string' },
  },
});
const ROWS = Number(options.rows);
const RUNS = Number(options.runs);
const STORE = { locale: 'en-US', timeZone: 'America/Chicago' };
const RATIO_GOAL = 0.3;
const RSS_GOAL_MB = 150;

const CASES = {
  raw: '(a) raw csv-parse (stream, records counted)',
  reader: '    reader only (sniff, UTF-8 check, parse)',
  full: '(b) reader + header + ImportRowChecker',
} as const;
type Case = keyof typeof CASES;

interface Measure {
  readonly rows: number;
  readonly ms: number;
  readonly valid: number;
  /** RSS once the modules were loaded, before reading. */
  readonly startRssMb: number;
  /** The child's peak RSS (Node, tsx and the modules included). */
  readonly peakRssMb: number;
}

async function main(): Promise<void> {
  if (options.child !== undefined) return child(options.child as Case, options.file!);
  console.log(`Import parse benchmark: a ${ROWS}-row CSV, ${RUNS} runs of each case (best counts)`);
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs`);
  console.log(`load average (1 min) at start: ${loadavg()[0]!.toFixed(1)}\n`);
  const dir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-import-'));
  try {
    const file = path.join(dir, 'stock.csv');
    await writeStockFile(file, ROWS);
    console.log(`file: ${ROWS} rows + header, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);

    // Each case in a fresh process (its peak RSS is its own), the cases taking turns so that a busy
    // moment of the machine falls on all of them alike.
    const runs: Record<Case, Measure[]> = { raw: [], reader: [], full: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const name of Object.keys(CASES) as Case[]) runs[name].push(await inChild(name, file));
    }
    const rate = (m: Measure) => m.rows / (m.ms / 1000);
    const best = (name: Case) => runs[name].reduce((a, b) => (rate(b) > rate(a) ? b : a));
    const peak = (name: Case) => Math.max(...runs[name].map((m) => m.peakRssMb));
    const start = (name: Case) => Math.max(...runs[name].map((m) => m.startRssMb));
    const raw = best('raw');

    console.log(
      `${'case'.padEnd(44)} ${'rows/s'.padStart(9)} ${'s'.padStart(6)} ${'of (a)'.padStart(7)} ${'RSS MB: start'.padStart(14)} ${'peak'.padStart(5)}`,
    );
    for (const name of Object.keys(CASES) as Case[]) {
      const m = best(name);
      console.log(
        `${CASES[name].padEnd(44)} ${String(Math.round(rate(m))).padStart(9)} ${(m.ms / 1000).toFixed(2).padStart(6)} ${pct(rate(m) / rate(raw)).padStart(7)} ${start(name).toFixed(0).padStart(14)} ${peak(name).toFixed(0).padStart(5)}`,
      );
    }
    const full = best('full');
    const ratio = rate(full) / rate(raw);
    console.log(`\n(b) found ${full.valid} valid rows of ${full.rows - 1}.`);
    console.log(
      `ratio b/a: ${pct(ratio)} — goal ≥ ${pct(RATIO_GOAL)}: ${ratio >= RATIO_GOAL ? 'met' : 'NOT met'}`,
    );
    console.log(
      `peak RSS of (b): ${peak('full').toFixed(0)} MB — goal ≤ ${RSS_GOAL_MB} MB: ${peak('full') <= RSS_GOAL_MB ? 'met' : 'NOT met'}`,
    );
    console.log(`load average (1 min) now: ${loadavg()[0]!.toFixed(1)}`);
    writeFigures('import-parse', [
      ratioFigure({
        name: `import reading: ${ROWS}-row CSV read and checked`,
        value: rate(full),
        unit: 'rows/s',
        baseline: rate(raw),
        baselineLabel: 'raw csv-parse over the same file',
        goal: { atLeast: RATIO_GOAL },
        goalText: `≥ ${pct(RATIO_GOAL)} of raw`,
        note: `best of ${RUNS} runs`,
      }),
      valueFigure({
        name: 'import reading: peak RSS',
        value: peak('full'),
        unit: 'MB',
        baseline: peak('raw'),
        baselineLabel: 'peak RSS of raw csv-parse (Node, tsx)',
        goal: { atMost: RSS_GOAL_MB },
        goalText: `≤ ${RSS_GOAL_MB} MB`,
      }),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(0)} %`;
}

async function writeStockFile(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  await write(`\uFEFF${csvLine(stockFileHeaders())}\r\n`);
  for (let n = 0; n < rows; n++) await write(`${csvLine(stockFileRow(n))}\r\n`);
  await new Promise((resolve) => out.end(resolve));
}

function inChild(name: Case, file: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const worker = fork(process.argv[1]!, ['--child', name, '--file', file], { execArgv: process.execArgv });
    worker.once('message', (measure) => resolve(measure as Measure));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the process measuring ${name} exited with ${code}`));
    });
  });
}

/** One pass over the file, timed; the file was just written, so it is in the page cache for every case. */
async function child(name: Case, file: string): Promise<void> {
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  let rows = 0;
  let valid = 0;
  if (name === 'raw') {
    for await (const _record of createReadStream(file).pipe(parse({ bom: true }))) rows++;
  } else if (name === 'reader') {
    for await (const _row of createSpreadsheetReader().read(file)) rows++;
  } else {
    let checker: ImportRowChecker | null = null;
    for await (const row of createSpreadsheetReader().read(file)) {
      rows++;
      if (checker === null) {
        const header = readImportHeader(row);
        if (!header.ok) throw new Error(`header refused: ${JSON.stringify(header.problems)}`);
        checker = new ImportRowChecker(header.header, STORE);
      } else if (checker.check(row).ok) valid++;
    }
  }
  const measure: Measure = {
    rows,
    ms: performance.now() - started,
    valid,
    startRssMb,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.send!(measure, () => process.disconnect());
}

await main();
