import { listActivity } from '../../../app/activity/list-activity.js';
import { activityEntryJson } from '../activity-json.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  activityListSchema,
  activityQuerySchema,
  encodeActivityCursor,
} from '../schemas/activity.schemas.js';

export function activityOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'listActivity',
      method: 'GET',
      path: '/activity',
      tag: 'Activity',
      summary: 'List the store’s stock movements and status changes',
      description:
        'The ledger and the transition log merged, newest first (a status change above the movement that caused it). Filter by item (`sku`, or `product_id` for all its variants), cause type, kind and store-local days (`from`, `to`, both included; `from` after `to` is ACTIVITY.INVALID_DATE_RANGE, 422). Pages with `cursor`.',
      access: 'store',
      query: activityQuerySchema,
      responses: { 200: { description: 'A page of activity.', schema: activityListSchema } },
      errors: [400, 422],
    }).handle(async ({ principal, query }) => {
      const page = await listActivity(deps, {
        storeId: principal.storeId,
        limit: query.limit,
        ...(query.sku === undefined ? {} : { sku: query.sku }),
        ...(query.product_id === undefined ? {} : { bcProductId: query.product_id }),
        ...(query.cause === undefined ? {} : { causeType: query.cause }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        ...(query.cursor === undefined ? {} : { after: query.cursor }),
      });
      if (!page.ok) return page;
      return {
        status: 200,
        body: {
          data: page.entries.map(activityEntryJson),
          next_cursor: page.next === null ? null : encodeActivityCursor(page.next),
        },
      };
    }),
  ];
}
