import {
  SHEET_MEDIA_TYPES,
  sheetFileName,
  writeSpreadsheet,
} from '../../../adapters/spreadsheets/spreadsheet-writer.js';
import { exportActivity } from '../../../app/exports/export-activity.js';
import { exportItems } from '../../../app/exports/export-items.js';
import { exportOrders } from '../../../app/exports/export-orders.js';
import type { ExportedSheet } from '../../../app/exports/exported-sheet.js';
import type { SheetFormat } from '../../../app/ports/sheet.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation, type FileBody } from '../operation.js';
import {
  activityExportQuerySchema,
  EXPORT_MEDIA_TYPES,
  itemsExportQuerySchema,
  ordersExportQuerySchema,
} from '../schemas/exports.schemas.js';

const NEUTRALISED =
  'Texts a spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`) are written with a leading apostrophe.';

export function exportOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'exportItems',
      method: 'GET',
      path: '/exports/items',
      tag: 'Exports',
      summary: 'Download every assigned item as CSV or XLSX (the stock file)',
      description: `Every assigned item, by product name: Product, Variant (its options), SKU, Stock, Threshold (empty: unlimited), Incoming stock, Back-in-stock date (empty: none). The same file is the import's template: imported back unchanged, it changes nothing. Named \`backorder-items-<store's date>.csv\` or \`.xlsx\`. ${NEUTRALISED}`,
      access: 'store',
      query: itemsExportQuerySchema,
      responses: { 200: { description: 'The file, streamed.', file: EXPORT_MEDIA_TYPES } },
      errors: [400],
    }).handle(async ({ principal, query }) => {
      const exported = await exportItems(deps, { storeId: principal.storeId });
      if (!exported.ok) return exported;
      return { status: 200, file: fileOf(exported, query.format) };
    }),
    defineOperation({
      operationId: 'exportOrders',
      method: 'GET',
      path: '/exports/orders',
      tag: 'Exports',
      summary: 'Download the orders holding backordered units as CSV or XLSX',
      description: `The orders \`GET /orders\` lists (the same filters: \`from\`, \`to\`, \`sku\`), newest first, one row per line not given back entirely: Order (BigCommerce order id), Date (store-local, of its first backordered line), Customer (billing name; empty for orders recorded before the app kept it), Product, Variant, SKU, Quantity, Backordered. A period that ends before it starts: ORDERS.INVALID_DATE_RANGE (422). ${NEUTRALISED}`,
      access: 'store',
      query: ordersExportQuerySchema,
      responses: { 200: { description: 'The file, streamed.', file: EXPORT_MEDIA_TYPES } },
      errors: [400, 422],
    }).handle(async ({ principal, query }) => {
      const exported = await exportOrders(deps, {
        storeId: principal.storeId,
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        ...(query.sku === undefined ? {} : { sku: query.sku }),
      });
      if (!exported.ok) return exported;
      return { status: 200, file: fileOf(exported, query.format) };
    }),
    defineOperation({
      operationId: 'exportActivity',
      method: 'GET',
      path: '/exports/activity',
      tag: 'Exports',
      summary: 'Download the activity log as CSV or XLSX',
      description: `The entries \`GET /activity\` lists (the same filters), newest first, in the Activity screen's words: When (store-local date and time), SKU, Product, Variant, What, Change (of stock), Stock after, Backordered after (both empty for a status change), Cause, By. \`from\` after \`to\`: ACTIVITY.INVALID_DATE_RANGE (422). ${NEUTRALISED}`,
      access: 'store',
      query: activityExportQuerySchema,
      responses: { 200: { description: 'The file, streamed.', file: EXPORT_MEDIA_TYPES } },
      errors: [400, 422],
    }).handle(async ({ principal, query }) => {
      const exported = await exportActivity(deps, {
        storeId: principal.storeId,
        ...(query.sku === undefined ? {} : { sku: query.sku }),
        ...(query.product_id === undefined ? {} : { bcProductId: query.product_id }),
        ...(query.cause === undefined ? {} : { causeType: query.cause }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
      });
      if (!exported.ok) return exported;
      return { status: 200, file: fileOf(exported, query.format) };
    }),
  ];
}

function fileOf(exported: ExportedSheet, format: SheetFormat): FileBody {
  return {
    contentType: SHEET_MEDIA_TYPES[format],
    fileName: sheetFileName(exported.baseName, format),
    content: writeSpreadsheet(format, exported.sheet),
  };
}
