import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { type FaultInjector, faultSettingsSchema } from '../api/faults.js';
import type { RateLimiter } from '../api/rate-limit.js';
import type { SandboxConfig } from '../sandbox.config.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { ALL_SCOPES } from '../state/tokens.repo.js';
import type { DeliveryState, WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

export interface SandboxAdminDeps {
  readonly state: SandboxState;
  readonly dispatcher: WebhookDispatcher;
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
  readonly config: SandboxConfig;
}

const storeCreateSchema = z
  .object({
    hash: z.string().regex(/^[a-z0-9]{1,32}$/),
    name: z.string().min(1).max(255).optional(),
    timezone: z.string().min(1).optional(),
    /** Store-level API token with every scope; generated when omitted. */
    api_token: z.string().min(8).optional(),
    /** BigCommerce's native backorders (beta) on from the start (off when omitted, as on BigCommerce). */
    native_backorders: z.boolean().optional(),
  })
  .strict();

const tokenSchema = z
  .object({ client_id: z.string().min(1).max(255), scopes: z.array(z.string().min(1)).min(1) })
  .strict();

const nativeBackordersSchema = z.object({ enabled: z.boolean() }).strict();

const rateLimitSchema = z
  .object({ quota: z.number().int().min(1), window_ms: z.number().int().min(1), reset: z.boolean() })
  .partial()
  .strict();

const webhookSettingsSchema = z
  .object({
    time_scale: z.number().min(0),
    duplicate_rate: z.number().min(0).max(1),
    timeout_ms: z.number().int().min(1),
  })
  .partial()
  .strict();

function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(422).send({
    error: {
      code: 'SANDBOX.ADMIN.INVALID',
      issues: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    },
  });
}

/**
 * Sandbox-only controls under /__sandbox (no BigCommerce counterpart): create and delete stores, issue
 * tokens, inspect webhook deliveries, and change faults, rate limits and webhook timing at run time.
 * Like the rest of the sandbox they are meant for a developer machine (the server binds to 127.0.0.1).
 */
export function registerSandboxAdmin(app: FastifyInstance, deps: SandboxAdminDeps): void {
  const { state, dispatcher, faults, rateLimiter } = deps;
  const prefix = '/__sandbox';

  app.get(`${prefix}/health`, async () => ({ status: 'ok' }));

  app.get(`${prefix}/stores`, async () => ({
    data: state.stores.list().map((s) => ({ hash: s.hash, store_id: s.storeId, name: s.settings.name })),
  }));

  app.post(`${prefix}/stores`, async (request, reply) => {
    const parsed = storeCreateSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const token = parsed.data.api_token ?? randomBytes(20).toString('hex');
    const created = state.createStore(parsed.data.hash, {
      apiToken: token,
      settings: {
        ...(parsed.data.name ? { name: parsed.data.name } : {}),
        ...(parsed.data.timezone ? { timezone: parsed.data.timezone } : {}),
        ...(parsed.data.native_backorders !== undefined
          ? { nativeBackorders: parsed.data.native_backorders }
          : {}),
      },
    });
    if (!created.ok)
      return reply.code(created.status).send({ error: { code: created.code, message: created.message } });
    return reply.code(201).send({
      data: {
        hash: created.value.hash,
        store_id: created.value.storeId,
        api_token: token,
        api_path: `${state.apiBaseUrl(created.value.hash)}/v3/`,
      },
    });
  });

  app.delete<{ Params: { hash: string } }>(`${prefix}/stores/:hash`, async (request, reply) => {
    if (!state.stores.delete(request.params.hash)) {
      return reply.code(404).send({ error: { code: 'SANDBOX.STORE.NOT_FOUND', message: 'No such store.' } });
    }
    rateLimiter.reset(request.params.hash);
    return reply.code(204).send();
  });

  app.post<{ Params: { hash: string } }>(`${prefix}/stores/:hash/tokens`, async (request, reply) => {
    const parsed = tokenSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    if (!state.stores.get(request.params.hash)) {
      return reply.code(404).send({ error: { code: 'SANDBOX.STORE.NOT_FOUND', message: 'No such store.' } });
    }
    const credential = state.issueToken(request.params.hash, parsed.data.client_id, parsed.data.scopes);
    return reply.code(201).send({
      data: {
        access_token: credential.token,
        client_id: credential.clientId,
        scope: credential.scopes.join(' '),
      },
    });
  });

  // The merchant opting the store in to BigCommerce's native backorders (beta) in the control panel;
  // off by default, as on BigCommerce (see state/stores.repo.ts `nativeBackorders`).
  app.get<{ Params: { hash: string } }>(
    `${prefix}/stores/:hash/native-backorders`,
    async (request, reply) => {
      if (!state.stores.get(request.params.hash)) {
        return reply
          .code(404)
          .send({ error: { code: 'SANDBOX.STORE.NOT_FOUND', message: 'No such store.' } });
      }
      return { enabled: state.nativeBackorders(request.params.hash) };
    },
  );
  app.put<{ Params: { hash: string } }>(
    `${prefix}/stores/:hash/native-backorders`,
    async (request, reply) => {
      const parsed = nativeBackordersSchema.safeParse(request.body ?? {});
      if (!parsed.success) return invalid(reply, parsed.error);
      const result = state.setNativeBackorders(request.params.hash, parsed.data.enabled);
      if (!result.ok) {
        return reply.code(result.status).send({ error: { code: result.code, message: result.message } });
      }
      return { enabled: result.value };
    },
  );

  app.get<{ Params: { hash: string } }>(`${prefix}/stores/:hash/hooks`, async (request) => ({
    data: state.hooks.listAll(request.params.hash),
  }));

  app.get<{ Params: { hash: string }; Querystring: { hook_id?: string; state?: string } }>(
    `${prefix}/stores/:hash/webhook-deliveries`,
    async (request) => ({
      data: dispatcher.deliveries(request.params.hash, {
        ...(request.query.hook_id ? { hookId: Number(request.query.hook_id) } : {}),
        ...(request.query.state ? { state: request.query.state as DeliveryState } : {}),
      }),
    }),
  );

  app.get(`${prefix}/faults`, async () => ({ data: faults.current() }));
  app.put(`${prefix}/faults`, async (request, reply) => {
    const parsed = faultSettingsSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    return { data: faults.configure(parsed.data) };
  });

  app.get(`${prefix}/rate-limit`, async () => ({ data: rateLimiter.current() }));
  app.put(`${prefix}/rate-limit`, async (request, reply) => {
    const parsed = rateLimitSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const { quota, window_ms, reset } = parsed.data;
    if (quota !== undefined || window_ms !== undefined) {
      rateLimiter.configure({ ...(quota ? { quota } : {}), ...(window_ms ? { windowMs: window_ms } : {}) });
    } else if (reset) {
      rateLimiter.reset();
    }
    return { data: rateLimiter.current() };
  });

  app.get(`${prefix}/webhooks`, async () => ({ data: dispatcher.currentSettings() }));
  app.put(`${prefix}/webhooks`, async (request, reply) => {
    const parsed = webhookSettingsSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    dispatcher.configure({
      ...(parsed.data.time_scale !== undefined ? { timeScale: parsed.data.time_scale } : {}),
      ...(parsed.data.duplicate_rate !== undefined ? { duplicateRate: parsed.data.duplicate_rate } : {}),
      ...(parsed.data.timeout_ms !== undefined ? { timeoutMs: parsed.data.timeout_ms } : {}),
    });
    return { data: dispatcher.currentSettings() };
  });

  app.get(`${prefix}/scopes`, async () => ({ data: ALL_SCOPES }));
}
