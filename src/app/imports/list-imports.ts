import type { ImportRunRepository } from '../ports/import-run-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { type ImportRunView, importRunView } from './get-import.js';

export interface ListImportsInput {
  readonly storeId: StoreId;
  readonly limit: number;
  /** Continue after this run (the id of the last one of the previous page). */
  readonly beforeId?: number;
}

/** The store's import runs, newest first, a page at a time. */
export async function listImports(
  deps: { readonly importRuns: ImportRunRepository },
  input: ListImportsInput,
): Promise<{ readonly runs: readonly ImportRunView[]; readonly nextBeforeId: number | null }> {
  const runs = await deps.importRuns.listRuns(input.storeId, {
    limit: input.limit + 1,
    ...(input.beforeId === undefined ? {} : { beforeId: input.beforeId }),
  });
  const page = runs.slice(0, input.limit);
  return {
    runs: await Promise.all(page.map((run) => importRunView(deps, run))),
    nextBeforeId: runs.length > input.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
