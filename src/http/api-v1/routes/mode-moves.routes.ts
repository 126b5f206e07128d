import { getModeMove, previewModeMove } from '../../../app/modes/preview-mode-move.js';
import { startModeMove } from '../../../app/modes/start-mode-move.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  encodeCursor,
  modeMoveBodySchema,
  modeMoveJson,
  modeMoveParamsSchema,
  modeMovePreviewItemJson,
  modeMovePreviewQuerySchema,
  modeMovePreviewSchema,
  modeMoveSchema,
} from '../schemas/mode-moves.schemas.js';

/** Moving the store's assigned items between inventory modes (docs/product.md#moving-between-modes). */
export function modeMoveOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'previewModeMove',
      method: 'GET',
      path: '/settings/inventory-mode/preview',
      tag: 'Settings',
      summary: 'Preview a move to another inventory mode',
      description:
        'Every assigned item (paged) with what BigCommerce will hold for it in the mode `to`: tracking, level, quantity backordered, limit and safety stock. The app’s own numbers never change. MODE_MOVE.SAME_MODE (409), SETTINGS.NATIVE_BACKORDERS_OFF (409).',
      access: 'store',
      query: modeMovePreviewQuerySchema,
      responses: { 200: { description: 'A page of the preview.', schema: modeMovePreviewSchema } },
      errors: [400, 404, 409],
    }).handle(async ({ principal, query }) => {
      const result = await previewModeMove(deps.modeMoves, {
        storeId: principal.storeId,
        to: query.to,
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { afterId: query.cursor }),
      });
      if (!result.ok) return result;
      const { preview } = result;
      return {
        status: 200,
        body: {
          from: preview.from,
          to: preview.to,
          data: preview.items.map(({ item, target }) => modeMovePreviewItemJson(item, target)),
          next_cursor: preview.nextAfterId === null ? null : encodeCursor(preview.nextAfterId),
        },
      };
    }),
    defineOperation({
      operationId: 'startModeMove',
      method: 'POST',
      path: '/settings/inventory-mode/moves',
      tag: 'Settings',
      summary: 'Move the assigned items to another inventory mode',
      description:
        'Switches the store’s mode and moves every assigned product in the background, 10 at a time: each is closed to shoppers while its counts in BigCommerce are written, then opened again as its status says, so nothing is sold on the way. Resumable; read its progress with GET /settings/inventory-mode/moves/{id}. MODE_MOVE.SAME_MODE, MODE_MOVE.ALREADY_RUNNING, SETTINGS.NATIVE_BACKORDERS_OFF (409).',
      access: 'store',
      body: modeMoveBodySchema,
      responses: { 202: { description: 'The move, started.', schema: modeMoveSchema } },
      errors: [400, 404, 409, 422],
    }).handle(async ({ principal, body }) => {
      const result = await startModeMove(deps.modeMoves, {
        storeId: principal.storeId,
        to: body.to,
        actor: principal.actor,
      });
      return result.ok ? { status: 202, body: modeMoveJson(result.move) } : result;
    }),
    defineOperation({
      operationId: 'getLatestModeMove',
      method: 'GET',
      path: '/settings/inventory-mode/moves/latest',
      tag: 'Settings',
      summary: 'Read the store’s latest mode move',
      description: 'MODE_MOVE.NOT_FOUND (404) when the store never moved.',
      access: 'store',
      responses: { 200: { description: 'The move.', schema: modeMoveSchema } },
      errors: [404],
    }).handle(async ({ principal }) => {
      const result = await getModeMove(deps.modeMoves, { storeId: principal.storeId, moveId: 'latest' });
      return result.ok ? { status: 200, body: modeMoveJson(result.move) } : result;
    }),
    defineOperation({
      operationId: 'getModeMove',
      method: 'GET',
      path: '/settings/inventory-mode/moves/{id}',
      tag: 'Settings',
      summary: 'Read a mode move',
      description:
        'Its progress (done_products of total_products) and how it ended. MODE_MOVE.NOT_FOUND (404).',
      access: 'store',
      params: modeMoveParamsSchema,
      responses: { 200: { description: 'The move.', schema: modeMoveSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const result = await getModeMove(deps.modeMoves, { storeId: principal.storeId, moveId: params.id });
      return result.ok ? { status: 200, body: modeMoveJson(result.move) } : result;
    }),
  ];
}
