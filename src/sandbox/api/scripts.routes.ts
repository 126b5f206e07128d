import type { FastifyInstance } from 'fastify';
import type { SandboxState } from '../state/sandbox-state.js';
import type { ScriptCreateInput, ScriptUpdateInput } from '../state/scripts.repo.js';
import { sendError, sendRefusal } from './errors.js';
import { collection } from './pagination.js';
import { QueryReader } from './query.js';

type Params = { store_hash: string; uuid: string };

/** Scripts v3: each API client sees and changes only its own scripts. */
export function scriptRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const base = '/stores/:store_hash/v3/content/scripts';
  const config = { sandboxScope: 'content' as const };
  const missing = (uuid: string) => `Script with uuid ${uuid} was not found.`;

  app.post<{ Params: Params }>(base, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const result = state.scripts.create(
      store.hash,
      credential.clientId,
      (request.body ?? {}) as ScriptCreateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.get<{ Params: Params }>(base, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const page = q.int('page', { min: 1 }) ?? 1;
    const limit = q.int('limit', { min: 1, max: 250 }) ?? 50;
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
    const { store, credential } = request.sandbox;
    const { items, total } = state.scripts.list(store.hash, credential.clientId, { page, limit });
    return collection(items, total, page, limit);
  });

  app.get<{ Params: Params }>(`${base}/:uuid`, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const script = state.scripts.get(store.hash, credential.clientId, request.params.uuid);
    if (!script) return sendError(reply, 'v3', 404, missing(request.params.uuid));
    return { data: script, meta: {} };
  });

  app.put<{ Params: Params }>(`${base}/:uuid`, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const result = state.scripts.update(
      store.hash,
      credential.clientId,
      request.params.uuid,
      (request.body ?? {}) as ScriptUpdateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.delete<{ Params: Params }>(`${base}/:uuid`, { config }, async (request, reply) => {
    const { store, credential } = request.sandbox;
    const result = state.scripts.delete(store.hash, credential.clientId, request.params.uuid);
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return reply.code(204).send();
  });
}
