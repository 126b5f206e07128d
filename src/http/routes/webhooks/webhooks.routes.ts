import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { WEBHOOK_PATH } from '../../../app/lifecycle/install-store.js';
import type { ReceiveWebhookDeps } from '../../../app/webhooks/receive-webhook.js';
import { receiveWebhook } from '../../../app/webhooks/receive-webhook.js';
import { WEBHOOK_SECRET_HEADER } from '../../../app/webhooks/webhook-secret.js';

/**
 * POST /webhooks/bigcommerce: BigCommerce's deliveries. Answers as soon as the event is recorded and its
 * job queued (one insert each); the work happens in the `webhook.process` job.
 * 200 (also for a duplicate), 401 WEBHOOK.INVALID_SECRET (unknown or uninstalled store too), 400
 * WEBHOOK.INVALID_PAYLOAD. BigCommerce recommends an empty answer, so successes have no body.
 */
export type WebhookRoutesOptions = ReceiveWebhookDeps;

/** Webhook payloads are small ({scope, data: {type, id, ...}, hash, ...}); refuse anything large. */
const BODY_LIMIT = 64 * 1024;

export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (
  app: FastifyInstance,
  deps: WebhookRoutesOptions,
) => {
  // A body that is not JSON, or too large, is a payload problem too: same error shape as the rest.
  app.setErrorHandler<FastifyError>(async (error, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'webhook receipt failed');
      // 5xx makes BigCommerce retry later, which is what an outage (database down) needs.
      return reply.code(503).send({ error: { code: 'WEBHOOK.UNAVAILABLE', message: 'Try again later.' } });
    }
    return reply.code(status === 413 ? 413 : 400).send({
      error: { code: 'WEBHOOK.INVALID_PAYLOAD', message: error.message },
    });
  });

  app.post(WEBHOOK_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const header = request.headers[WEBHOOK_SECRET_HEADER.toLowerCase()];
    const result = await receiveWebhook(deps, {
      secret: typeof header === 'string' ? header : undefined,
      body: request.body,
    });
    if (!result.ok) {
      const status = result.code === 'WEBHOOK.INVALID_SECRET' ? 401 : 400;
      return reply.code(status).send({ error: { code: result.code, message: result.message } });
    }
    if (!result.enqueued && !result.duplicate) {
      request.log.warn(
        { storeId: result.storeId, inboxId: result.inboxId, error: result.enqueueError },
        'webhook recorded but not queued; the maintenance sweep will queue it',
      );
    }
    return reply.code(200).send();
  });
};
