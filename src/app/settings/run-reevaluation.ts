import type { ItemChangeDeps } from '../items/item-change.js';
import type { ReevaluationRecord, ReevaluationRepository } from '../ports/reevaluation-repository.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { reevaluateItems } from './reevaluate-items.js';

export interface RunReevaluationDeps extends ItemChangeDeps {
  readonly reevaluations: Pick<ReevaluationRepository, 'get' | 'advance' | 'finish'>;
  readonly settings: Pick<SettingsRepository, 'getRules'>;
}

/**
 * The `settings.reevaluate` job: re-evaluates the store's items under the switch condition of one
 * re-evaluation, page by page after its cursor, recording progress after each page. A job run again
 * (after a crash or an outage) resumes after the last page recorded; an item changed twice is not,
 * as each change carries the re-evaluation's idempotency key. Stops as `superseded` when the store's
 * S is no longer the one it was started for (a newer re-evaluation does the work).
 */
export async function runReevaluation(
  deps: RunReevaluationDeps,
  input: { readonly storeId: StoreId; readonly reevaluationId: number },
): Promise<ReevaluationRecord | null> {
  const { storeId, reevaluationId } = input;
  const run = await deps.reevaluations.get(storeId, reevaluationId);
  if (run === null || run.status !== 'running') return run;
  const rules = await deps.settings.getRules(storeId);
  if (rules === null) {
    await deps.reevaluations.finish(storeId, run.id, 'failed', deps.clock.now(), 'STORE.NOT_FOUND');
    return deps.reevaluations.get(storeId, run.id);
  }
  if (rules.switchCondition !== run.switchCondition) {
    await deps.reevaluations.finish(storeId, run.id, 'superseded', deps.clock.now());
    return deps.reevaluations.get(storeId, run.id);
  }
  const result = await reevaluateItems(deps, {
    storeId,
    rules,
    ref: run.ref,
    actor: run.actor,
    ...(run.cursor === null ? {} : { afterId: run.cursor }),
    onPage: (page) =>
      deps.reevaluations.advance(
        storeId,
        run.id,
        {
          cursor: page.cursor,
          doneItems: run.doneItems + page.looked,
          changedItems: run.changedItems + page.changed,
        },
        deps.clock.now(),
      ),
  });
  if (result.complete) await deps.reevaluations.finish(storeId, run.id, 'done', deps.clock.now());
  return deps.reevaluations.get(storeId, run.id);
}
