import { refuse } from '../../core/item.js';
import { applyItemEventIn } from '../items/apply-item-event.js';
import { ITEM_REFUSALS } from '../items/item-refusals.js';
import { importFinishedKey, importRowKey, importRowRef } from '../jobs/keys.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import { notify } from '../notifications/notify.js';
import type {
  ChunkOutcome,
  ImportProblemWrite,
  ImportRowRecord,
  ImportRunRecord,
} from '../ports/import-run-repository.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { changesNothing, importEditEvent, refusedRowProblem } from './import-change.js';
import type { ImportDeps } from './import-deps.js';

/** Rows per chunk: one transaction each, short enough not to hold item locks long. */
export const IMPORT_CHUNK_ROWS = 500;

/** Problems listed in the result email (the import's page and error report have them all). */
const PROBLEMS_IN_EMAIL = 50;

/**
 * Job `import.apply` {storeId, runId}: applies an `applying` run's staged rows, in line order, a chunk
 * at a time; each chunk is ONE transaction of the item pipeline. Each row is an `edited` event with
 * source `import` (R12), keyed by run and line (importRowKey) and done by the run's actor. A row whose
 * key is already in the ledger is skipped (a crash or retry between a chunk's commit and its record);
 * a row the rules refuse now becomes a problem with the rules' code, and the chunk goes on. After each
 * chunk its rows' outcomes and the run's progress are recorded, and delivery of the effects is asked
 * for. At the end the run is `done` and the merchant is told (`import_finished`, once per run).
 *
 * An outage throws: the queue runs the job again, and it resumes with the rows still pending.
 */
export async function applyImportRun(
  deps: ImportDeps,
  input: { readonly storeId: StoreId; readonly runId: number },
): Promise<void> {
  const run = await deps.importRuns.getRun(input.storeId, input.runId);
  if (run === null || run.status !== 'applying') return;
  for (;;) {
    const rows = await deps.importRuns.nextPendingRows(run.storeId, run.id, IMPORT_CHUNK_ROWS);
    if (rows.length === 0) break;
    const { outcome, effects } = await applyChunk(deps, run, rows);
    await deps.importRuns.recordChunk(run.storeId, run.id, outcome, deps.clock.now());
    if (effects) await requestDelivery(deps, run.storeId);
  }
  await tellMerchant(deps, run);
  await deps.importRuns.finishRun(run.storeId, run.id, 'done', deps.clock.now());
}

async function applyChunk(
  deps: ImportDeps,
  run: ImportRunRecord,
  rows: readonly ImportRowRecord[],
): Promise<{ outcome: ChunkOutcome; effects: boolean }> {
  const now = deps.clock.now();
  return deps.itemTransactions.run(run.storeId, async (tx) => {
    const outcomes: ChunkOutcome['rows'][number][] = [];
    const problems: ImportProblemWrite[] = [];
    let effects = false;
    const rules = await tx.loadRules();
    // Every item of the chunk locked first, in id order: two transactions never wait on each other in a cycle.
    const items = new Map<number, ItemRecord | null>();
    for (const itemId of [...new Set(rows.map((r) => r.itemId))].sort((a, b) => a - b)) {
      items.set(itemId, await tx.lockItem(itemId));
    }
    for (const row of rows) {
      const key = importRowKey(run.id, row.line);
      const item = items.get(row.itemId) ?? null;
      if (item?.active && changesNothing(item, row) && !(await tx.isApplied(key))) {
        outcomes.push({ line: row.line, outcome: 'unchanged' });
        continue;
      }
      const applied =
        rules === null
          ? {
              applied: false as const,
              duplicate: false as const,
              refusal: refuse(ITEM_REFUSALS.storeNotFound, 'No store.'),
            }
          : await applyItemEventIn(tx, {
              storeId: run.storeId,
              itemId: row.itemId,
              idempotencyKey: key,
              cause: { type: 'import_row', ref: importRowRef(run.id, row.line) },
              actor: run.actor,
              now,
              rules,
              event: importEditEvent(row),
            });
      if (applied.applied) {
        items.set(row.itemId, applied.item);
        effects ||= applied.outboxWrites > 0;
        outcomes.push({ line: row.line, outcome: 'applied' });
      } else if (applied.duplicate) {
        outcomes.push({ line: row.line, outcome: 'applied' });
      } else {
        outcomes.push({ line: row.line, outcome: 'refused' });
        problems.push(refusedRowProblem(row, applied.refusal));
      }
    }
    return { outcome: { rows: outcomes, problems }, effects };
  });
}

async function tellMerchant(deps: ImportDeps, run: ImportRunRecord): Promise<void> {
  const finished = (await deps.importRuns.getRun(run.storeId, run.id)) ?? run;
  const problems = await deps.importRuns.listProblems(run.storeId, run.id, { limit: PROBLEMS_IN_EMAIL });
  const told = await notify(
    { ...deps, jobs: deps.jobs, notificationWindowMs: deps.notificationWindowMs ?? 0 },
    {
      storeId: run.storeId,
      event: 'import_finished',
      // Once per run, however often the job runs to its end.
      dedupeKey: importFinishedKey(run.id),
      payload: {
        runId: run.id,
        fileName: run.fileName.slice(0, 500),
        status: 'done',
        totalRows: finished.totalRows,
        appliedRows: finished.appliedRows,
        errorRows: finished.errorRows,
        errors: problems.map((p) => ({
          line: p.line,
          column: p.column?.slice(0, 200) ?? null,
          reason: `${p.code}: ${p.message}`.slice(0, 1000),
        })),
      },
    },
  );
  if (!told.ok) deps.reportError?.(new Error(told.message), `telling the merchant about import ${run.id}`);
}
