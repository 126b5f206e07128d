/**
 * `npm run bench`: every benchmark, one after the other, each in a child process of its own (so a
 * bench's peak RSS is its own and a crash stays its own), then docs/benchmarks.md: the machine, and one
 * table of each figure beside its baseline from the same run, the ratio, the goal and whether it is met,
 * with what bounds the figures whose goal is not.
 *
 *   npm run bench [-- --quick] [-- --only storm,stock-path] [-- --out docs/benchmarks.md]
 *
 * `--quick` runs smaller sizes (minutes instead of the better part of an hour); the table then says so.
 * A bench that fails is a row marked failed, not left out. The runner exits non-zero only when it
 * cannot do its own work (an unknown name, a file it cannot write).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchFigure, BenchResult } from './support/bench-figures.js';

interface Bench {
  readonly name: string;
  readonly file: string;
  /** What it measures, for the table's section heading. */
  readonly what: string;
  readonly args: readonly string[];
  readonly quickArgs: readonly string[];
  /** What holds its figures back when a goal is not met: read with the run's figures and notes. */
  readonly bounds: string;
}

const BENCHES: readonly Bench[] = [
  {
    name: 'stock-path',
    file: 'bench/stock-path.bench.ts',
    what: 'a sale through the item pipeline beside the least transaction a sale needs, SQLite and PostgreSQL',
    args: ['--sales', '3000'],
    quickArgs: ['--sales', '1000'],
    bounds:
      'A sale through `applyItemEvent` is one transaction: the item locked and read with its key, request ' +
      'key, the store’s rules and the order line in one statement, then the item, journal, ledger, ' +
      'transition, outbox and order-line rows written in one statement of data-modifying CTEs on ' +
      'PostgreSQL (prepared once per connection) and in one statement per row on SQLite, as SQL text — ' +
      'four round trips on PostgreSQL against the raw transaction’s five. What is left above the raw ' +
      'transaction is the rows themselves (several rows and their foreign-key checks against one) and ' +
      'the rules (`decide`). On SQLite the commit is most of a sale (50–75 %, profiled): a sale writes ' +
      'about 19 pages to the write-ahead log — each row’s table page and a page of each of its indexes, ' +
      'sqlite_sequence — against the raw transaction’s 3, and synchronous = FULL syncs them at every ' +
      'commit; so the ratio follows the disk’s cost per synced byte more than the code. Single runs ' +
      'move by ±15 points with the machine’s load.',
  },
  {
    name: 'storm',
    file: 'bench/order-storm.bench.ts',
    what: 'orders placed through the sandbox storefront, end to end through the app, at a raised and at the default quota',
    args: [],
    quickArgs: ['--orders', '500', '--raw-orders', '300', '--default-orders', '100'],
    bounds:
      'The storm runs in one Node.js process: the shoppers, the sandbox (its storefront, its own SQLite ' +
      'store of orders, its webhook dispatcher) and the app share one event loop and the machine’s cores. ' +
      'The baseline is the rate the sandbox takes orders at with the app not listening; the app comes after ' +
      'it, so where the raw rate is under the goal the goal cannot be reached in this setup, and the ratio ' +
      'says how much of the sandbox’s own rate is left once the app runs beside it. Per order the app ' +
      'commits five times on its database: the inbox entry, the `webhook.process` job, the sale’s ' +
      'transaction, the inbox marked processed, the job marked done. On SQLite each commit is a synchronous ' +
      'call (better-sqlite3) that waits for the disk (`synchronous = FULL`) and holds the event loop the ' +
      'sandbox and the shoppers need meanwhile; a CPU profile of a storm put a third of the process’s time ' +
      'in the app’s SQLite statements, these five the largest. The BigCommerce read is not the bound: the ' +
      'waiting orders of a store are listed in one call (calls per order well below 1). The notes above ' +
      'give, per stage, where each order’s time went. “The app alone” publishes the raw phase’s order ' +
      'events at once (no shoppers, no checkout): its baseline is the sandbox dispatcher’s delivery rate ' +
      'to a no-op receiver in the same run; its note gives the delivery rate to the app, so the two show ' +
      'whether the dispatcher or the app bounds it.',
  },
  {
    name: 'storm-postgres',
    file: 'bench/order-storm.bench.ts',
    what: 'the order storm with the app on PostgreSQL (a fresh database, dropped after)',
    args: ['--postgres'],
    quickArgs: ['--postgres', '--orders', '500', '--raw-orders', '300', '--default-orders', '100'],
    bounds:
      'As for the SQLite storm, and: `webhook.process` runs at most 8 at a time in a process, fetched from ' +
      'pg-boss by the polling runner (woken by its own sends and finished jobs, every 2 s otherwise); each ' +
      'job is ~11 round trips to PostgreSQL (inbox, store, item, the sale’s transaction, order lines, job ' +
      'completion) and each webhook receipt 3 (store, inbox, job send), slowed by the one shared event loop. ' +
      'The storm bench prints how long orders wait between their webhook’s arrival and their job’s start.',
  },
  {
    name: 'storefront',
    file: 'bench/storefront.bench.ts',
    what: 'the storefront data endpoint beside static JSON on the same server',
    args: [],
    quickArgs: ['--seconds', '2', '--rounds', '1'],
    bounds:
      'Answers are kept 1 s in memory as their bytes: a hit is a Map look-up and the ETag comparison more ' +
      'than static JSON. The load client runs on the same 2 cores as the server, so both figures move ' +
      'with the machine’s other work.',
  },
  {
    name: 'assigned-products',
    file: 'bench/assigned-products.bench.ts',
    what: 'the admin’s Assigned products list at 50,000 items, SQLite and PostgreSQL',
    args: [],
    quickArgs: ['--runs', '20'],
    bounds:
      'Paging by offset with the total (one count over the filter, one page of ids, then their items); ' +
      'searches scan narrow covering indexes on SQLite and use trigram indexes on PostgreSQL. On a ' +
      'loaded machine the baseline’s own p95 shows how much of the figure is the machine.',
  },
  {
    name: 'export',
    file: 'bench/export.bench.ts',
    what: 'the items export at 50,000 items, CSV and XLSX, beside reading the items',
    args: [],
    quickArgs: ['--items', '10000', '--runs', '1'],
    bounds:
      'The export writes as it reads and sends as it writes; what it adds to reading is the file format.',
  },
  {
    name: 'order-burst',
    file: 'bench/order-burst.ts',
    what: 'a burst of orders on one product: how far past its threshold, how fast purchase is disabled',
    args: [],
    quickArgs: ['--rounds', '2'],
    bounds: 'Reported without a goal here (issue 9.1 has its own tests).',
  },
  {
    name: 'import-parse',
    file: 'bench/import-parse.bench.ts',
    what: 'reading and checking a 100,000-row stock file beside raw csv-parse',
    args: [],
    quickArgs: ['--rows', '20000', '--runs', '1'],
    bounds:
      'Format sniffing, the UTF-8 check and the row checks (numbers, dates in the store’s order, duplicate ' +
      'SKUs) on every row; the start RSS is Node, tsx and the modules loaded, most of the peak.',
  },
  {
    name: 'import',
    file: 'bench/import.bench.ts',
    what: 'an import of a 100,000-row CSV against 50,000 assigned items, upload to applied, SQLite',
    args: [],
    quickArgs: ['--rows', '20000', '--items', '10000'],
    bounds:
      'The database work per row: the dry run looks up, decides and stages every row; apply writes the ' +
      'item, ledger, transition and journal rows of each change through the item pipeline, in chunks of ' +
      '500 rows a transaction. Reading and checking alone (import-parse) is not the bound. Peak RSS: the ' +
      'import process with the code loaded under tsx is most of it (its baseline).',
  },
  {
    name: 'settings-reevaluation',
    file: 'bench/settings-reevaluation.bench.ts',
    what: 'a new switch condition S for a store of 112,000 items: the request, then the job that re-evaluates',
    args: [],
    quickArgs: ['--items', '20000'],
    bounds:
      'The request writes the settings, counts the items and queues `settings.reevaluate`; the job then ' +
      're-evaluates every item, page by page, through the item pipeline (its figure is for reference).',
  },
  {
    name: 'bulk-assignment',
    file: 'bench/bulk-assignment.bench.ts',
    what: 'a bulk assignment of a generated catalog: BigCommerce calls beside the minimum, the app’s peak RSS',
    args: ['--products', '50000'],
    quickArgs: ['--products', '5000'],
    bounds:
      'Calls: reads of 250 products a page with their variants, and writes only for products whose tracking ' +
      'or purchasability differ, in batches of 10. RSS: the app runs in a process of its own as npm start ' +
      'runs it (the server build under Node, old space capped at 512 MB and semi-spaces at 4 MB, so V8 ' +
      'collects before its heap grows to a share of the machine’s memory — under tsx and uncapped it peaked ' +
      'at 356 MB). Its idle floor is ≈ 120 MB (Node ≈ 45 MB and the app’s modules). Through the run V8’s ' +
      'heap stays ≈ 75–80 MB (its live part ≈ 50–65 MB, as sampled), bounded by a page of products, not ' +
      'by the catalog; the rest of the growth, ≈ 40–50 MB by the end of a 20,000-product run, is native ' +
      'memory outside V8’s heap, not yet attributed: not the SQLite statement cache (100 statements ' +
      'instead of 500 changed nothing), and glibc’s malloc arenas only ≈ 10 MB of it (MALLOC_ARENA_MAX=2).',
  },
];

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});

/** A figure as read back: JSON writes a NaN (not measured) as null. */
type FigureRead = Omit<BenchFigure, 'value' | 'baseline'> & {
  readonly value: number | null;
  readonly baseline: number | null;
};

interface Ran {
  readonly bench: Bench;
  /** When it started (ISO), and the load average (1 min) then: a bench re-run with --only says so. */
  readonly at: string;
  readonly loadAtStart: number;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly figures: readonly FigureRead[];
  /** Why the bench produced no figures, or failed after writing some. */
  readonly failure: string | null;
}

async function main(): Promise<number> {
  const wanted = options.only?.split(',').map((n) => n.trim()) ?? null;
  const unknown = wanted?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const chosen = BENCHES.filter((b) => wanted === null || wanted.includes(b.name));
  // With --only, the other benches' figures stay as the last run left them (its record beside the page),
  // so re-running one bench does not empty the page of the others.
  const earlier = wanted === null ? null : readRecord();
  const started = earlier === null ? new Date() : new Date(earlier.started);
  const loadBefore = earlier?.loadBefore ?? loadavg();
  const dir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-run-'));
  const ran: Ran[] = [];
  const write = (pending: readonly Bench[]) => {
    const kept = (earlier?.runs ?? []).filter((r) => !chosen.some((b) => b.name === r.name));
    const all = [
      ...ran,
      ...kept.flatMap((r) => {
        const bench = BENCHES.find((b) => b.name === r.name);
        return bench === undefined ? [] : [{ ...r, bench }];
      }),
    ].sort((a, b) => BENCHES.indexOf(a.bench) - BENCHES.indexOf(b.bench));
    const record: RunRecord = {
      started: started.toISOString(),
      quick: options.quick,
      loadBefore,
      runs: all.map(({ bench, ...r }) => ({ ...r, name: bench.name })),
    };
    writeFileSync(recordFile(), `${JSON.stringify(record, null, 2)}\n`);
    writeFileSync(
      options.out,
      render({
        ran: all,
        pending,
        started,
        loadBefore,
        loadAfter: loadavg(),
        rerun: earlier === null ? [] : ran,
      }),
    );
  };
  try {
    // Written after each bench: a long run stopped part way still leaves the figures it has.
    for (const [index, bench] of chosen.entries()) {
      ran.push(await run(bench, dir));
      write(chosen.slice(index + 1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nwrote ${options.out}`);
  return 0;
}

/** What a run leaves beside its page (docs/benchmarks.json), for a later --only to keep. */
interface RunRecord {
  readonly started: string;
  readonly quick: boolean;
  readonly loadBefore: number[];
  readonly runs: readonly (Omit<Ran, 'bench'> & { readonly name: string })[];
}

function recordFile(): string {
  return `${options.out.replace(/\.md$/, '')}.json`;
}

/** The last run's record, if it was of the same kind (quick or not); null otherwise. */
function readRecord(): RunRecord | null {
  try {
    const record = JSON.parse(readFileSync(recordFile(), 'utf8')) as RunRecord;
    return record.quick === options.quick ? record : null;
  } catch {
    return null;
  }
}

function run(bench: Bench, dir: string): Promise<Ran> {
  const at = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const json = path.join(dir, `${bench.name}.json`);
  const log = path.join(dir, `${bench.name}.log`);
  const args = [...(options.quick ? bench.quickArgs : bench.args), '--json', json];
  console.log(`\n━━ ${bench.name}: tsx ${bench.file} ${args.slice(0, -2).join(' ')}`);
  const started = performance.now();
  return new Promise((resolve) => {
    const out = createWriteStream(log);
    const child = spawn(process.execPath, ['--import', 'tsx', bench.file, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The bench's own output stays as it is: shown as it comes, and kept for the failure's last lines.
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      out.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      out.write(chunk);
    });
    const finish = (exitCode: number | null, spawnError: Error | null, signal: string | null = null) => {
      out.end(() => {
        const seconds = (performance.now() - started) / 1000;
        let figures: readonly FigureRead[] = [];
        let failure: string | null = null;
        try {
          figures = (JSON.parse(readFileSync(json, 'utf8')) as BenchResult).figures as readonly FigureRead[];
        } catch {
          failure = 'no figures written';
        }
        if (spawnError !== null) failure = `could not start: ${spawnError.message}`;
        else if (exitCode !== 0) {
          const tail = readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' ⏎ ');
          failure = `${signal === null ? `exited with ${exitCode}` : `stopped by ${signal}`}: ${tail.slice(0, 400)}`;
        }
        resolve({ bench, at, loadAtStart, exitCode, seconds, figures, failure });
      });
    };
    child.once('error', (error) => finish(null, error));
    child.once('exit', (code, signal) => finish(code, null, signal));
  });
}

function render(input: {
  ran: readonly Ran[];
  pending: readonly Bench[];
  started: Date;
  loadBefore: number[];
  loadAfter: number[];
  /** Benches re-run alone (--only) into an earlier run's page. */
  rerun: readonly Ran[];
}): string {
  const { ran } = input;
  const cpu = cpus();
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(', ');
  // The benches' own times, one after the other: with --only, the time since the first run's start
  // would count the pause before the re-run.
  const minutes = (ran.reduce((sum, r) => sum + r.seconds, 0) / 60).toFixed(1);
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${options.quick ? ' -- --quick' : ''}\` (\`bench/run-all.ts\`) on ` +
      `${input.started.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${minutes} min. Each figure ` +
      'stands beside its baseline measured in the same run on the same machine; read the ratio, not the ' +
      'absolute figure, when comparing machines.' +
      (options.quick ? ' **Quick run: smaller sizes than the issue’s (see each bench’s notes).**' : '') +
      (input.rerun.length === 0
        ? ''
        : ` Re-run alone afterwards (\`--only\`): ${input.rerun
            .map(
              (r) =>
                `${r.bench.name} at ${r.at.slice(0, 16).replace('T', ' ')} UTC (load ${r.loadAtStart.toFixed(2)})`,
            )
            .join('; ')}.`),
    '',
    '| machine | |',
    '|---|---|',
    `| CPU | ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} |`,
    `| memory | ${gb(totalmem())} GB (${gb(freemem())} GB free at the end) |`,
    `| Node.js | ${process.version} (${process.platform} ${process.arch}, kernel ${release()}) |`,
    `| load average (1, 5, 15 min) | before ${load(input.loadBefore)}; after ${load(input.loadAfter)} |`,
    '',
    '| what | figure | baseline (same run) | ratio | goal | met? |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of ran) {
    if (r.figures.length === 0) {
      lines.push(`| ${r.bench.name} | — | — | — | — | **failed** |`);
      continue;
    }
    for (const f of r.figures) {
      const baseline =
        f.baseline === null ? '—' : `${number(f.baseline)} ${f.unit} (${cell(f.baselineLabel ?? '')})`;
      const met = f.met === null ? '—' : f.met ? 'yes' : '**no**';
      lines.push(
        `| ${cell(f.name)} | ${f.value === null ? '—' : `${number(f.value)} ${f.unit}`} | ${baseline} | ` +
          `${ratio(f.ratio)} | ${cell(f.goal ?? '—')} | ${met} |`,
      );
    }
    if (r.failure !== null)
      lines.push(`| ${r.bench.name} (after the figures above) | — | — | — | — | **failed** |`);
  }
  for (const bench of input.pending) lines.push(`| ${bench.name} | — | — | — | — | not run yet |`);
  lines.push('', '## Per bench', '');
  for (const r of ran) {
    const unmet = r.figures.filter((f) => f.met === false);
    lines.push(
      `### ${r.bench.name}`,
      '',
      `${capitalise(r.bench.what)}: \`npx tsx ${r.bench.file}${argsOf(r.bench)}\`, started ` +
        `${r.at.slice(11, 16)} UTC at load ${r.loadAtStart.toFixed(2)}, ${r.seconds.toFixed(0)} s` +
        `${r.exitCode === 0 ? '' : `, exit code ${r.exitCode ?? 'none'}`}.`,
      '',
    );
    if (r.failure !== null) lines.push(`**Failed**: ${cell(r.failure)}`, '');
    const notes = r.figures.filter((f) => f.note !== undefined);
    for (const f of notes) lines.push(`- ${f.name}: ${f.note}`);
    if (notes.length > 0) lines.push('');
    if (unmet.length > 0) {
      lines.push(`Not met: ${unmet.map((f) => f.name).join('; ')}. What bounds it: ${r.bench.bounds}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function argsOf(bench: Bench): string {
  const args = options.quick ? bench.quickArgs : bench.args;
  return args.length === 0 ? '' : ` ${args.join(' ')}`;
}

/** Three significant digits at most, thousands grouped: 1,234 · 56.7 · 0.123. */
function number(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A share up to twice the baseline in per cent (what the goals say), larger ones as a factor. */
function ratio(value: number | null): string {
  if (value === null) return '—';
  return value <= 2 ? `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %` : `${value.toFixed(1)}×`;
}

const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
