import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { isBigCommerceError } from '../../adapters/bigcommerce/index.js';
import { ACTIVITY_REFUSALS } from '../../app/activity/list-activity.js';
import { API_KEY_REFUSALS } from '../../app/api-keys/create-api-key.js';
import { ASSIGNMENT_CODES } from '../../app/assignment/assignment-codes.js';
import { IMPORT_CODES } from '../../app/imports/import-codes.js';
import { EDIT_REFUSALS } from '../../app/items/edit-item.js';
import { ITEM_REFUSALS } from '../../app/items/item-refusals.js';
import { MODE_MOVE_CODES } from '../../app/modes/mode-move-codes.js';
import { ORDER_REPORT_REFUSALS } from '../../app/orders/order-period.js';
import { PACKING_SLIP_REFUSALS } from '../../app/orders/print-packing-slips.js';
import { TEMPLATE_REFUSALS } from '../../app/ports/template-repository.js';
import { SETTINGS_REFUSALS } from '../../app/settings/get-settings.js';
import { TEMPLATE_FIELD_REFUSALS } from '../../app/settings/templates/template-fields.js';
import { REFUSAL_CODES } from '../../core/codes.js';
import { createRouteAuth } from './api-auth.js';
import { API_ERROR_CODES, sendError } from './api-errors.js';
import type { ApiV1Deps } from './api-v1.deps.js';
import { buildOpenApiDocument } from './openapi.js';
import { type AnyOperation, acceptUploads, defineOperation, registerOperation } from './operation.js';
import { activityOperations } from './routes/activity.routes.js';
import { apiKeyOperations } from './routes/api-keys.routes.js';
import { assignmentOperations } from './routes/assignments.routes.js';
import { catalogOperations } from './routes/catalog.routes.js';
import { dashboardOperations } from './routes/dashboard.routes.js';
import { exportOperations } from './routes/exports.routes.js';
import { importOperations } from './routes/imports.routes.js';
import { itemHistoryOperations } from './routes/item-history.routes.js';
import { itemOperations } from './routes/items.routes.js';
import { modeMoveOperations } from './routes/mode-moves.routes.js';
import { orderOperations } from './routes/orders.routes.js';
import { packingSlipOperations } from './routes/packing-slips.routes.js';
import { productOperations } from './routes/products.routes.js';
import { reevaluationOperations } from './routes/reevaluations.routes.js';
import { settingsOperations } from './routes/settings.routes.js';
import { templateOperations } from './routes/templates.routes.js';

export type { ApiV1Deps } from './api-v1.deps.js';

/** Media types of files the API accepts as a body (each upload operation lists its own). */
export const UPLOAD_MEDIA_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** Every refusal code the operations may answer, listed with its status in the OpenAPI description. */
export const REFUSAL_CODES_OF_API: readonly string[] = [
  ...Object.values(REFUSAL_CODES),
  // Order lines (ORDER_LINE.*) are the webhooks' business; no operation of this API refuses with those.
  ...Object.values(ITEM_REFUSALS).filter((code) => code !== 'PRODUCT.NO_ITEMS'),
  ...Object.values(TEMPLATE_REFUSALS),
  ...Object.values(TEMPLATE_FIELD_REFUSALS),
  ...Object.values(SETTINGS_REFUSALS),
  ...Object.values(API_KEY_REFUSALS),
  ...Object.values(EDIT_REFUSALS),
  ...Object.values(ASSIGNMENT_CODES),
  ...Object.values(ACTIVITY_REFUSALS),
  ...Object.values(ORDER_REPORT_REFUSALS),
  ...Object.values(PACKING_SLIP_REFUSALS),
  ...Object.values(IMPORT_CODES),
  ...Object.values(MODE_MOVE_CODES),
];

/**
 * The public REST API (docs/product.md#public-api), to register under `/api/v1`:
 * `await app.register(apiV1Plugin(deps), { prefix: '/api/v1' })`.
 * Authenticated by `Authorization: Bearer <API key>` or an admin session token; every request is
 * checked against the operation's schema; errors are `{error: {code, message, details?}}`.
 */
export function apiV1Plugin(deps: ApiV1Deps): FastifyPluginAsync {
  return async (app) => {
    const operations: AnyOperation[] = [
      ...itemOperations(deps),
      ...itemHistoryOperations(deps),
      ...assignmentOperations(deps),
      ...catalogOperations(deps),
      ...productOperations(deps),
      ...settingsOperations(deps),
      ...modeMoveOperations(deps),
      ...reevaluationOperations(deps),
      ...templateOperations(deps),
      ...orderOperations(deps),
      ...packingSlipOperations(deps),
      ...apiKeyOperations(deps),
      ...dashboardOperations(deps),
      ...activityOperations(deps),
      ...exportOperations(deps),
      ...importOperations(deps),
    ];
    let document: Record<string, unknown> | undefined;
    operations.push(
      defineOperation({
        operationId: 'getOpenApiDocument',
        method: 'GET',
        path: '/openapi.json',
        tag: 'Documentation',
        summary: 'This document',
        access: 'public',
        responses: {
          200: { description: 'The OpenAPI 3.1 document.', schema: z.looseObject({ openapi: z.string() }) },
        },
        errors: [],
      }).handle(async () => {
        document ??= buildOpenApiDocument(operations, {
          basePath: app.prefix,
          version: deps.version ?? '1.0.0',
          refusalCodes: REFUSAL_CODES_OF_API,
        });
        return { status: 200, body: document as { openapi: string } };
      }),
    );

    // JSON is the only body this API reads: without Fastify's text/plain parser, a text body is
    // refused as a media type (415) like any other, not parsed into a string the schema then rejects.
    app.removeContentTypeParser('text/plain');
    // An empty body with a JSON content type (a bare POST …/enable) is no body, not a syntax error.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body.toString();
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      parseJson(request, text, done);
    });

    acceptUploads(app, UPLOAD_MEDIA_TYPES);

    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });

    app.setNotFoundHandler((request, reply) =>
      sendError(reply, {
        code: API_ERROR_CODES.routeNotFound,
        message: `No operation ${request.method} ${request.url.split('?')[0]}; see ${app.prefix}/openapi.json.`,
      }),
    );

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return sendError(reply, {
          code: API_ERROR_CODES.unsupportedMediaType,
          message: 'Send the body as application/json.',
        });
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendError(reply, { code: API_ERROR_CODES.bodyTooLarge, message: 'The body is too large.' });
      }
      if (error.statusCode === 400) {
        return sendError(reply, {
          code: API_ERROR_CODES.invalidBody,
          message: 'The body is not valid JSON.',
        });
      }
      if (isBigCommerceError(error)) {
        request.log.warn({ err: error }, 'BigCommerce call failed during an API request');
        return sendError(reply, {
          code: API_ERROR_CODES.upstreamUnavailable,
          message: 'BigCommerce did not answer as expected. Retry later.',
        });
      }
      request.log.error({ err: error }, 'API request failed');
      return sendError(reply, {
        code: API_ERROR_CODES.internal,
        message: 'Something went wrong on our side.',
      });
    });

    const auth = createRouteAuth(deps);
    for (const operation of operations) registerOperation(app, operation, auth);
  };
}
