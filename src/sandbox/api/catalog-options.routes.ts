import type { FastifyInstance } from 'fastify';
import type { OptionCreateInput, OptionUpdateInput } from '../state/catalog.schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { sendError, sendRefusal } from './errors.js';
import { collection } from './pagination.js';

type Params = { store_hash: string; product_id: string; option_id: string; value_id: string };

function idOf(value: string): number {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : 0;
}

/** Variant options and their values: enough to build products with variants. */
export function catalogOptionRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const base = '/stores/:store_hash/v3/catalog/products/:product_id/options';
  const config = { sandboxScope: 'products' as const };
  const optionMissing = 'The requested option was not found.';

  app.get<{ Params: Params }>(base, { config }, async (request, reply) => {
    const options = state.options.listOptions(request.sandbox.store.hash, idOf(request.params.product_id));
    if (!options) return sendError(reply, 'v3', 404, 'The requested product was not found.');
    return collection(options, options.length, 1, Math.max(50, options.length));
  });

  app.post<{ Params: Params }>(base, { config }, async (request, reply) => {
    const result = state.options.createOption(
      request.sandbox.store.hash,
      idOf(request.params.product_id),
      request.body as OptionCreateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.get<{ Params: Params }>(`${base}/:option_id`, { config }, async (request, reply) => {
    const option = state.options.getOption(
      request.sandbox.store.hash,
      idOf(request.params.product_id),
      idOf(request.params.option_id),
    );
    if (!option) return sendError(reply, 'v3', 404, optionMissing);
    return { data: option, meta: {} };
  });

  app.put<{ Params: Params }>(`${base}/:option_id`, { config }, async (request, reply) => {
    const result = state.options.updateOption(
      request.sandbox.store.hash,
      idOf(request.params.product_id),
      idOf(request.params.option_id),
      (request.body ?? {}) as OptionUpdateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.delete<{ Params: Params }>(`${base}/:option_id`, { config }, async (request, reply) => {
    const result = state.options.deleteOption(
      request.sandbox.store.hash,
      idOf(request.params.product_id),
      idOf(request.params.option_id),
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return reply.code(204).send();
  });

  app.get<{ Params: Params }>(`${base}/:option_id/values`, { config }, async (request, reply) => {
    const option = state.options.getOption(
      request.sandbox.store.hash,
      idOf(request.params.product_id),
      idOf(request.params.option_id),
    );
    if (!option) return sendError(reply, 'v3', 404, optionMissing);
    return collection(
      option.option_values,
      option.option_values.length,
      1,
      Math.max(50, option.option_values.length),
    );
  });

  app.post<{ Params: Params }>(`${base}/:option_id/values`, { config }, async (request, reply) => {
    const result = state.options.createOptionValue(
      request.sandbox.store.hash,
      idOf(request.params.product_id),
      idOf(request.params.option_id),
      request.body as { label: string },
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.get<{ Params: Params }>(`${base}/:option_id/values/:value_id`, { config }, async (request, reply) => {
    const option = state.options.getOption(
      request.sandbox.store.hash,
      idOf(request.params.product_id),
      idOf(request.params.option_id),
    );
    const value = option?.option_values.find((v) => v.id === idOf(request.params.value_id));
    if (!value) return sendError(reply, 'v3', 404, 'The requested option value was not found.');
    return { data: value, meta: {} };
  });
}
