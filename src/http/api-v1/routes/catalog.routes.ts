import { listCatalogBrands } from '../../../app/assignment/list-catalog-brands.js';
import { listCatalogCategories } from '../../../app/assignment/list-catalog-categories.js';
import { searchCatalog } from '../../../app/assignment/search-catalog.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  brandListSchema,
  catalogFilterOf,
  catalogPageSchema,
  catalogQuerySchema,
  categoryListSchema,
} from '../schemas/catalog.schemas.js';

/** The BigCommerce catalog, to assign from (docs/product.md#assignment): read live from BigCommerce. */
export function catalogOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'searchCatalog',
      method: 'GET',
      path: '/catalog/products',
      tag: 'Catalog',
      summary: 'Search the BigCommerce catalog',
      description:
        'A page of the store’s BigCommerce products the filters match, with whether each is assigned to Backorder. Read from BigCommerce at each request (502 when it cannot be reached).',
      access: 'store',
      query: catalogQuerySchema,
      responses: { 200: { description: 'A page of products.', schema: catalogPageSchema } },
      errors: [400, 422, 502],
    }).handle(async ({ principal, query }) => {
      const { page, limit, sort, direction, ...filter } = query;
      const result = await searchCatalog(deps.assignment, {
        storeId: principal.storeId,
        filter: catalogFilterOf(filter),
        page,
        limit,
        sort,
        direction,
      });
      if (!result.ok) return result;
      return {
        status: 200,
        body: {
          data: result.products.map((p) => ({
            product_id: p.bcProductId,
            name: p.name,
            sku: p.sku,
            brand_id: p.brandId === 0 ? null : p.brandId,
            category_ids: [...p.categories],
            visible: p.visible,
            availability: p.availability,
            inventory_tracking: p.inventoryTracking,
            inventory_level: p.inventoryLevel,
            variant_count: p.variantCount,
            assigned: p.assigned,
            template_id: p.templateId,
          })),
          page: result.page,
          limit: result.limit,
          total: result.total,
          total_pages: result.totalPages,
        },
      };
    }),
    defineOperation({
      operationId: 'listCatalogBrands',
      method: 'GET',
      path: '/catalog/brands',
      tag: 'Catalog',
      summary: 'List the store’s brands',
      description: 'Every brand of the BigCommerce store, by name, for the catalog search’s brand filter.',
      access: 'store',
      responses: { 200: { description: 'The brands.', schema: brandListSchema } },
      errors: [502],
    }).handle(async ({ principal }) => {
      const brands = await listCatalogBrands(deps.assignment, { storeId: principal.storeId });
      return { status: 200, body: { data: brands.map((b) => ({ id: b.id, name: b.name })) } };
    }),
    defineOperation({
      operationId: 'listCatalogCategories',
      method: 'GET',
      path: '/catalog/categories',
      tag: 'Catalog',
      summary: 'List the store’s categories',
      description:
        'Every category of the BigCommerce store as a tree in reading order (parents first, siblings by name), for the catalog search’s category filter.',
      access: 'store',
      responses: { 200: { description: 'The categories.', schema: categoryListSchema } },
      errors: [502],
    }).handle(async ({ principal }) => {
      const categories = await listCatalogCategories(deps.assignment, { storeId: principal.storeId });
      return {
        status: 200,
        body: {
          data: categories.map((c) => ({ id: c.id, name: c.name, parent_id: c.parentId, path: [...c.path] })),
        },
      };
    }),
  ];
}
