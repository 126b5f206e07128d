import type { z } from 'zod';
import { ASSIGNMENT_CODES } from '../../../app/assignment/assignment-codes.js';
import { syncProductFromBigCommerce } from '../../../app/assignment/sync-product-from-bigcommerce.js';
import type { AssignedProduct } from '../../../app/ports/assigned-products.js';
import { itemVariantLabel } from '../../../app/ports/item-repository.js';
import { listAssignedProducts } from '../../../app/products/list-assigned-products.js';
import { refuse } from '../../../core/item.js';
import { isPurchasable } from '../../../core/status.js';
import { productParamsSchema } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  assignedProductListSchema,
  type assignedProductSchema,
  assignedProductsQuerySchema,
  syncedProductSchema,
} from '../schemas/products.schemas.js';

/** Assigned products with their items, as the Products screen's "Assigned products" tab shows them. */
export function productOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'listAssignedProducts',
      method: 'GET',
      path: '/products',
      tag: 'Products',
      summary: 'List assigned products with their items',
      description:
        'Each assigned product with all of its assigned items (variants). Search by a part of the name or SKU (the product’s or a variant’s, case-insensitive); filter by status or block (a product is listed when any of its items matches); sort; pages by number, with the total.',
      access: 'store',
      query: assignedProductsQuerySchema,
      responses: { 200: { description: 'A page of products.', schema: assignedProductListSchema } },
      errors: [400],
    }).handle(async ({ principal, query }) => {
      const page = await listAssignedProducts(deps, {
        storeId: principal.storeId,
        page: query.page,
        limit: query.limit,
        sort: query.sort,
        ...(query.search === undefined ? {} : { search: query.search }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.block === undefined ? {} : { block: query.block }),
        ...(query.direction === undefined ? {} : { direction: query.direction }),
      });
      return {
        status: 200,
        body: {
          data: page.products.map(assignedProductJson),
          page: page.page,
          limit: page.limit,
          total: page.total,
          total_pages: page.totalPages,
        },
      };
    }),
    defineOperation({
      operationId: 'syncProductFromBigCommerce',
      method: 'POST',
      path: '/products/{product_id}/sync',
      tag: 'Products',
      summary: 'Sync an assigned product from BigCommerce',
      description:
        'Reads the product again from BigCommerce: inventory levels someone wrote there become its items’ stock (and tracking is turned off again, with the setting “keep tracking off”), purchasability someone changed is set back. ASSIGNMENT.NOT_ASSIGNED (404) when it is not assigned, ASSIGNMENT.PRODUCT_NOT_FOUND (404) when BigCommerce no longer has it.',
      access: 'store',
      params: productParamsSchema,
      responses: {
        200: {
          description: 'The product after the sync, and what the sync did.',
          schema: syncedProductSchema,
        },
      },
      errors: [400, 404, 502],
    }).handle(async ({ principal, params, request }) => {
      const synced = await syncProductFromBigCommerce(
        {
          ...deps.assignment,
          reportError: (error, context) => {
            deps.assignment.reportError?.(error, context);
            request.log.warn({ err: error }, context);
          },
        },
        {
          storeId: principal.storeId,
          bcProductId: params.product_id,
          cause: { kind: 'manual', actor: principal.actor },
        },
      );
      if (!synced.ok) return synced;
      const product = await deps.assignedProducts.getAssignedProduct(principal.storeId, params.product_id);
      if (product === null) {
        // Unassigned while it was syncing.
        return refuse(
          ASSIGNMENT_CODES.notAssigned,
          `Product ${params.product_id} is not assigned to Backorder.`,
        );
      }
      return {
        status: 200,
        body: {
          product: assignedProductJson(product),
          sync: {
            stock_changes: synced.stockTaken.map((s) => ({
              variant_id: s.bcVariantId,
              from: s.from,
              to: s.to,
            })),
            tracking_turned_off: synced.trackingTurnedOff,
            purchasability_corrected: synced.purchasabilityCorrected,
            warnings: [...synced.warnings],
          },
        },
      };
    }),
  ];
}

function assignedProductJson(product: AssignedProduct): z.input<typeof assignedProductSchema> {
  return {
    product_id: product.bcProductId,
    name: product.name,
    sku: product.sku,
    template:
      product.templateId === null || product.templateName === null
        ? null
        : { id: product.templateId, name: product.templateName },
    assigned_at: product.assignedAt?.toISOString() ?? null,
    updated_at: product.updatedAt.toISOString(),
    items: product.items.flatMap((item) =>
      item.status === null
        ? []
        : [
            {
              sku: item.sku,
              variant_id: item.bcVariantId,
              variant_label: itemVariantLabel(item),
              stock: item.stock,
              backordered: item.backordered,
              threshold: item.threshold,
              incoming_stock: item.incoming,
              back_in_stock_date: item.backInStockDate,
              status: item.status,
              block: item.block,
              purchasable: isPurchasable(item.status),
            },
          ],
    ),
  };
}
