import type { FastifyInstance } from 'fastify';
import type { BrandCreateInput, CategoryCreateInput } from '../state/catalog.schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { sendError, sendRefusal } from './errors.js';
import { collection } from './pagination.js';
import { QueryReader } from './query.js';

/** Categories and brands: listed (and created, for seeding through the API). */
export function catalogTaxonomyRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const config = { sandboxScope: 'products' as const };

  app.get<{ Params: { store_hash: string } }>(
    '/stores/:store_hash/v3/catalog/categories',
    { config },
    async (request, reply) => {
      const q = new QueryReader(request.query as Record<string, unknown>);
      const query = {
        idIn: q.ints('id:in') ?? (q.int('id') !== undefined ? [q.int('id')!] : undefined),
        parentId: q.int('parent_id'),
        name: q.string('name'),
        page: q.int('page', { min: 1 }),
        limit: q.int('limit', { min: 1, max: 250 }),
      };
      if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
      const page = state.taxonomy.listCategories(request.sandbox.store.hash, query);
      return collection(page.items, page.total, page.page, page.limit);
    },
  );

  app.post<{ Params: { store_hash: string } }>(
    '/stores/:store_hash/v3/catalog/categories',
    { config },
    async (request, reply) => {
      const result = state.taxonomy.createCategory(
        request.sandbox.store.hash,
        request.body as CategoryCreateInput,
      );
      if (!result.ok) return sendRefusal(reply, result, 'v3');
      return { data: result.value, meta: {} };
    },
  );

  app.get<{ Params: { store_hash: string } }>(
    '/stores/:store_hash/v3/catalog/brands',
    { config },
    async (request, reply) => {
      const q = new QueryReader(request.query as Record<string, unknown>);
      const query = {
        idIn: q.ints('id:in') ?? (q.int('id') !== undefined ? [q.int('id')!] : undefined),
        name: q.string('name'),
        page: q.int('page', { min: 1 }),
        limit: q.int('limit', { min: 1, max: 250 }),
      };
      if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
      const page = state.taxonomy.listBrands(request.sandbox.store.hash, query);
      return collection(page.items, page.total, page.page, page.limit);
    },
  );

  app.post<{ Params: { store_hash: string } }>(
    '/stores/:store_hash/v3/catalog/brands',
    { config },
    async (request, reply) => {
      const result = state.taxonomy.createBrand(request.sandbox.store.hash, request.body as BrandCreateInput);
      if (!result.ok) return sendRefusal(reply, result, 'v3');
      return { data: result.value, meta: {} };
    },
  );
}
