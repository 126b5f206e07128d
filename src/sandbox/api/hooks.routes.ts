import type { FastifyInstance } from 'fastify';
import type { HookCreateInput, HookUpdateInput } from '../state/hooks.repo.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { sendError, sendRefusal } from './errors.js';
import { collection } from './pagination.js';
import { QueryReader } from './query.js';

type Params = { store_hash: string; webhook_id: string };

/** Webhooks v3 management. Every operation sees only the calling API client's hooks. */
export function hookRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const base = '/stores/:store_hash/v3/hooks';
  const config = { sandboxScope: 'none' as const };

  const idOf = (raw: string) => {
    const id = Number(raw);
    return Number.isInteger(id) && id > 0 ? id : 0;
  };

  app.post<{ Params: Params }>(base, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const result = state.hooks.create(
      store.hash,
      credential.clientId,
      (request.body ?? {}) as HookCreateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.get<{ Params: Params }>(base, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const query = {
      isActive: q.bool('is_active'),
      scope: q.string('scope'),
      destination: q.string('destination'),
      page: q.int('page', { min: 1 }),
      limit: q.int('limit', { min: 1, max: 250 }),
    };
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
    const { store, credential } = request.sandbox;
    const { items, total } = state.hooks.list(store.hash, credential.clientId, query);
    return collection(items, total, query.page ?? 1, query.limit ?? 50);
  });

  app.get<{ Params: Params }>(`${base}/:webhook_id`, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const id = idOf(request.params.webhook_id);
    const hook = state.hooks.get(store.hash, credential.clientId, id);
    if (!hook) return sendError(reply, 'v3', 404, `Webhook with id [${request.params.webhook_id}] not found`);
    return { data: hook, meta: {} };
  });

  app.put<{ Params: Params }>(`${base}/:webhook_id`, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const result = state.hooks.update(
      store.hash,
      credential.clientId,
      idOf(request.params.webhook_id),
      (request.body ?? {}) as HookUpdateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.delete<{ Params: Params }>(`${base}/:webhook_id`, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const result = state.hooks.delete(store.hash, credential.clientId, idOf(request.params.webhook_id));
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });
}
