import { type Result, refuse } from '../../core/item.js';
import type { ReevaluationRecord, ReevaluationRepository } from '../ports/reevaluation-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { SETTINGS_REFUSALS } from './get-settings.js';

/** A re-evaluation of the store's items after a change of S (by id, or the store's latest), with its progress. */
export async function getReevaluation(
  deps: { readonly reevaluations: Pick<ReevaluationRepository, 'get' | 'latest'> },
  input: { readonly storeId: StoreId; readonly reevaluationId: number | 'latest' },
): Promise<Result<{ readonly reevaluation: ReevaluationRecord }, string>> {
  const reevaluation =
    input.reevaluationId === 'latest'
      ? await deps.reevaluations.latest(input.storeId)
      : await deps.reevaluations.get(input.storeId, input.reevaluationId);
  return reevaluation === null
    ? refuse(SETTINGS_REFUSALS.reevaluationNotFound, 'No such re-evaluation of this store.')
    : { ok: true, reevaluation };
}
