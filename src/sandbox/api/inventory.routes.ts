import type { FastifyInstance } from 'fastify';
import type {
  AbsoluteAdjustment,
  LocationSettingsUpdate,
  RelativeAdjustment,
} from '../state/inventory.repo.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { sendError, sendRefusal } from './errors.js';
import { collection } from './pagination.js';
import { QueryReader } from './query.js';

const PROBLEM_JSON = 'application/problem+json';

type Params = { store_hash: string; location_id: string };

function readItemQuery(q: QueryReader) {
  return {
    skuIn: q.strings('sku:in'),
    variantIdIn: q.ints('variant_id:in'),
    productIdIn: q.ints('product_id:in'),
    locationIdIn: q.ints('location_id:in'),
    page: q.int('page', { min: 1 }),
    limit: q.int('limit', { min: 1, max: 1000 }),
  };
}

/** Inventory API v3 (inventory.v3.yml) and the default location (locations.v3.yml). */
export function inventoryRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const base = '/stores/:store_hash/v3/inventory';
  const config = { sandboxScope: 'inventory' as const };

  app.put<{ Params: Params }>(`${base}/adjustments/absolute`, { config }, async (request, reply) => {
    const result = state.inventory.adjustAbsolute(
      request.sandbox.store.hash,
      request.body as AbsoluteAdjustment,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3', PROBLEM_JSON);
    return result.value;
  });

  app.post<{ Params: Params }>(`${base}/adjustments/relative`, { config }, async (request, reply) => {
    const result = state.inventory.adjustRelative(
      request.sandbox.store.hash,
      request.body as RelativeAdjustment,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3', PROBLEM_JSON);
    return result.value;
  });

  app.get<{ Params: Params }>(`${base}/items`, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const query = readItemQuery(q);
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems).type(PROBLEM_JSON);
    const page = state.inventory.items(request.sandbox.store.hash, query);
    return collection(page.items, page.total, page.page, page.limit);
  });

  app.get<{ Params: Params }>(`${base}/locations/:location_id/items`, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const query = readItemQuery(q);
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems).type(PROBLEM_JSON);
    const result = state.inventory.locationItems(
      request.sandbox.store.hash,
      Number(request.params.location_id),
      query,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3', PROBLEM_JSON);
    return collection(result.value.items, result.value.total, result.value.page, result.value.limit);
  });

  app.put<{ Params: Params }>(`${base}/locations/:location_id/items`, { config }, async (request, reply) => {
    const result = state.inventory.updateLocationSettings(
      request.sandbox.store.hash,
      Number(request.params.location_id),
      request.body as LocationSettingsUpdate,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3', PROBLEM_JSON);
    return result.value;
  });

  app.get<{ Params: Params }>(`${base}/locations`, { config }, async () => {
    const locations = state.inventory.locations();
    return collection(locations, locations.length, 1, 50);
  });
}
