import { getReevaluation } from '../../../app/settings/get-reevaluation.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  reevaluationJson,
  reevaluationParamsSchema,
  reevaluationSchema,
} from '../schemas/reevaluations.schemas.js';

/** Following a re-evaluation of the store's items after its switch condition changed (PATCH /settings). */
export function reevaluationOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'getLatestReevaluation',
      method: 'GET',
      path: '/settings/reevaluations/latest',
      tag: 'Settings',
      summary: 'Read the store’s latest re-evaluation',
      description: 'SETTINGS.REEVALUATION_NOT_FOUND (404) when S was never changed.',
      access: 'store',
      responses: { 200: { description: 'The re-evaluation.', schema: reevaluationSchema } },
      errors: [404],
    }).handle(async ({ principal }) => {
      const result = await getReevaluation(deps, { storeId: principal.storeId, reevaluationId: 'latest' });
      return result.ok ? { status: 200, body: reevaluationJson(result.reevaluation) } : result;
    }),
    defineOperation({
      operationId: 'getReevaluation',
      method: 'GET',
      path: '/settings/reevaluations/{id}',
      tag: 'Settings',
      summary: 'Read a re-evaluation’s progress',
      description:
        'Its progress (done of total items, changed so far) and how it ended. SETTINGS.REEVALUATION_NOT_FOUND (404) for one of another store or none.',
      access: 'store',
      params: reevaluationParamsSchema,
      responses: { 200: { description: 'The re-evaluation.', schema: reevaluationSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const result = await getReevaluation(deps, { storeId: principal.storeId, reevaluationId: params.id });
      return result.ok ? { status: 200, body: reevaluationJson(result.reevaluation) } : result;
    }),
  ];
}
