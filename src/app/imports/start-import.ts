import { decide } from '../../core/decide.js';
import type { Status, StoreRules } from '../../core/item.js';
import { refuse } from '../../core/item.js';
import { toCoreItem } from '../items/item-history.js';
import { storeNotFound } from '../items/item-refusals.js';
import type {
  ImportProblemWrite,
  ImportRowWrite,
  ImportRunRecord,
  ImportSummary,
} from '../ports/import-run-repository.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { SpreadsheetRow } from '../ports/spreadsheet-reader.js';
import { UnreadableSpreadsheet } from '../ports/spreadsheet-reader.js';
import type { StoreId } from '../ports/store-id.js';
import type { TempFile } from '../ports/temp-files.js';
import { type ImportRunView, importRunView } from './get-import.js';
import { changedFields, importEditEvent, refusedRowProblem } from './import-change.js';
import { IMPORT_CODES, IMPORT_ROW_CODES, MAX_IMPORT_ROWS } from './import-codes.js';
import { STOCK_FILE_COLUMNS } from './import-columns.js';
import type { ImportDeps } from './import-deps.js';
import {
  type ImportProblem,
  ImportRowChecker,
  type ImportRowValues,
  readImportHeader,
} from './import-rows.js';

/** Valid rows looked up, dry-run and staged together: one SKU query and one insert per batch. */
const BATCH_ROWS = 1_000;

export interface StartImportInput {
  readonly storeId: StoreId;
  /** `api-key:<prefix>`, `admin:<email>`: who applies it later, in the ledger. */
  readonly actor: string;
  readonly fileName: string;
  /** The uploaded file, read as it arrives. */
  readonly bytes: AsyncIterable<Uint8Array>;
  /** The client's Idempotency-Key: the same key again answers the run it made. */
  readonly requestKey: string | null;
}

/** A file that cannot be read as a stock file at all; nothing was stored. */
export interface FileRefusal {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
  /** Where: `line 1, column C` and what. */
  readonly details: readonly { readonly path: string; readonly message: string }[];
}

export type StartImportResult =
  | { readonly ok: true; readonly view: ImportRunView; readonly created: boolean }
  | FileRefusal
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Uploads a stock file and runs its dry run: the file is written to a private temp file (removed when
 * done, also on failure), hashed and read as a stream; its header is checked, then every row (cells,
 * SKUs among the store's assigned items, and what the rules would make of the row's edit at this
 * moment, R12 included), in batches. Valid rows are staged for applying, problems kept by line, and
 * the changes counted. Nothing is written to the items.
 *
 * The same Idempotency-Key, or the same file while its run is validated and not applied, answers the
 * existing run (`created: false`). A file that is unreadable, empty, has header problems or too many
 * rows is refused with its code, and nothing is stored.
 */
export async function startImport(deps: ImportDeps, input: StartImportInput): Promise<StartImportResult> {
  if (input.requestKey !== null) {
    const existing = await deps.importRuns.findByRequestKey(input.storeId, input.requestKey);
    if (existing !== null && existing.status !== 'validating') {
      return { ok: true, created: false, view: await importRunView(deps, existing) };
    }
  }
  const file = await deps.tempFiles.save(input.bytes);
  try {
    const same = await deps.importRuns.findByFileHash(input.storeId, file.sha256, ['validated']);
    if (same !== null) return { ok: true, created: false, view: await importRunView(deps, same) };
    return await dryRun(deps, input, file);
  } finally {
    await file.remove();
  }
}

async function dryRun(deps: ImportDeps, input: StartImportInput, file: TempFile): Promise<StartImportResult> {
  const [store, settings] = await Promise.all([
    deps.stores.getStore(input.storeId),
    deps.settings.getSettings(input.storeId),
  ]);
  if (store === null || settings === null) return storeNotFound(input.storeId);
  const rules: StoreRules = { switchCondition: settings.switchCondition, timeZone: store.timezone };

  const rows = deps.spreadsheetReader.read(file.path);
  const iterator = rows[Symbol.asyncIterator]();
  let run: ImportRunRecord | null = null;
  try {
    const first = await iterator.next();
    if (first.done) return fileRefusal(IMPORT_CODES.emptyFile, 'The file holds no rows.', []);
    const header = readImportHeader(first.value);
    if (!header.ok) {
      const [problem] = header.problems;
      return fileRefusal(
        problem?.code ?? IMPORT_CODES.missingHeader,
        'The first row must name the columns of the stock file (SKU and at least one value).',
        header.problems,
      );
    }
    const { format, encoding } = rows.format();
    run = await deps.importRuns.createRun({
      storeId: input.storeId,
      fileName: input.fileName,
      format,
      encoding,
      fileHash: file.sha256,
      requestKey: input.requestKey,
      actor: input.actor,
      now: deps.clock.now(),
    });
    const checker = new ImportRowChecker(header.header, { locale: store.locale, timeZone: store.timezone });
    const dry = new DryRun(deps, run, rules, deps.clock.now());
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (dry.totalRows >= MAX_IMPORT_ROWS) {
        await deleteQuietly(deps, run);
        return fileRefusal(
          IMPORT_CODES.tooManyRows,
          `A file may hold at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows; split it.`,
          [{ line: next.value.line, column: null, message: `Row ${MAX_IMPORT_ROWS + 1} and beyond.` }],
        );
      }
      await dry.add(next.value, checker.check(next.value));
    }
    const validated = await deps.importRuns.finishValidation(
      input.storeId,
      run.id,
      await dry.finish(),
      deps.clock.now(),
    );
    if (validated === null) throw new Error(`Import run ${run.id} was not validating any more.`);
    return { ok: true, created: true, view: await importRunView(deps, validated) };
  } catch (error) {
    if (run !== null) await deleteQuietly(deps, run);
    if (error instanceof UnreadableSpreadsheet) return fileRefusal(error.code, error.message, []);
    throw error;
  } finally {
    await iterator.return?.();
  }
}

/** The dry run's bookkeeping: rows waiting in the current batch, and the counts so far. */
class DryRun {
  totalRows = 0;
  #validRows = 0;
  #errorRows = 0;
  #unchangedRows = 0;
  readonly #changes = { stock: 0, threshold: 0, incomingStock: 0, backInStockDate: 0 };
  readonly #statusChanges = new Map<string, { from: Status; to: Status; items: number }>();
  #valid: ImportRowValues[] = [];
  #problems: ImportProblemWrite[] = [];

  constructor(
    private readonly deps: ImportDeps,
    private readonly run: ImportRunRecord,
    private readonly rules: StoreRules,
    private readonly now: Date,
  ) {}

  async add(
    row: SpreadsheetRow,
    checked: { ok: true; values: ImportRowValues } | { ok: false; problems: ImportProblem[] },
  ): Promise<void> {
    this.totalRows += 1;
    if (checked.ok) this.#valid.push(checked.values);
    else {
      this.#errorRows += 1;
      this.#problems.push(...checked.problems.map((p) => ({ ...p, line: p.line || row.line })));
    }
    if (this.#valid.length >= BATCH_ROWS || this.#problems.length >= BATCH_ROWS) await this.#flush();
  }

  async finish() {
    await this.#flush();
    const summary: ImportSummary = {
      changes: { ...this.#changes },
      statusChanges: [...this.#statusChanges.values()],
    };
    return {
      totalRows: this.totalRows,
      validRows: this.#validRows,
      errorRows: this.#errorRows,
      unchangedRows: this.#unchangedRows,
      summary,
    };
  }

  async #flush(): Promise<void> {
    const { storeId, id: runId } = this.run;
    const batch = this.#valid;
    const problems = this.#problems;
    this.#valid = [];
    this.#problems = [];
    const items = new Map(
      (
        await this.deps.items.findItemsBySkus(
          storeId,
          batch.map((v) => v.sku),
        )
      ).map((i) => [i.sku, i]),
    );
    const staged: ImportRowWrite[] = [];
    for (const values of batch) {
      const item = items.get(values.sku);
      if (item === undefined) {
        this.#errorRows += 1;
        problems.push(unknownSku(values));
        continue;
      }
      const row: ImportRowWrite = { ...values, itemId: item.id };
      const problem = this.#dryRun(item, row);
      if (problem !== null) {
        this.#errorRows += 1;
        problems.push(problem);
        continue;
      }
      this.#validRows += 1;
      staged.push(row);
    }
    problems.sort((a, b) => a.line - b.line);
    await this.deps.importRuns.addRows(storeId, runId, staged);
    await this.deps.importRuns.addProblems(storeId, runId, problems);
  }

  /** What the rules would make of the row now: counted, or the rules' refusal as its problem. */
  #dryRun(item: ItemRecord, row: ImportRowWrite): ImportProblemWrite | null {
    const result = decide(toCoreItem(item), importEditEvent(row), this.rules, this.now);
    if (!result.ok) return refusedRowProblem(row, result);
    const changed = changedFields(item, row);
    let any = false;
    for (const field of ['stock', 'threshold', 'incomingStock', 'backInStockDate'] as const) {
      if (!changed[field]) continue;
      this.#changes[field] += 1;
      any = true;
    }
    if (!any) this.#unchangedRows += 1;
    const { from, to } = result.decision;
    if (from.status !== null && to.status !== null && from.status !== to.status) {
      const key = `${from.status}>${to.status}`;
      const counted = this.#statusChanges.get(key) ?? { from: from.status, to: to.status, items: 0 };
      this.#statusChanges.set(key, { ...counted, items: counted.items + 1 });
    }
    return null;
  }
}

function unknownSku(values: ImportRowValues): ImportProblemWrite {
  return {
    line: values.line,
    column: STOCK_FILE_COLUMNS.sku.header,
    sku: values.sku,
    value: values.sku.slice(0, 100),
    code: IMPORT_ROW_CODES.unknownSku,
    message: `No assigned item has the SKU "${values.sku.slice(0, 100)}".`,
  };
}

function fileRefusal(
  code: string,
  message: string,
  problems: readonly Pick<ImportProblem, 'line' | 'column' | 'message'>[],
): FileRefusal {
  return {
    ...refuse(code, message),
    details: problems.map((p) => ({
      path: p.column === null ? `line ${p.line}` : `line ${p.line}, column ${p.column}`,
      message: p.message,
    })),
  };
}

async function deleteQuietly(deps: ImportDeps, run: ImportRunRecord): Promise<void> {
  try {
    await deps.importRuns.deleteRun(run.storeId, run.id);
  } catch (error) {
    // The refusal (or the outage) matters more; a leftover `validating` run is never listed or applied.
    deps.reportError?.(error, `forgetting import run ${run.id}`);
  }
}
