import {
  SHEET_MEDIA_TYPES,
  sheetFileName,
  writeSpreadsheet,
  writeWorkbook,
} from '../../../adapters/spreadsheets/spreadsheet-writer.js';
import { exportBackordersReport } from '../../../app/orders/export-backorders-report.js';
import { listBackorderedOrders } from '../../../app/orders/list-backordered-orders.js';
import { MAX_REPORT_WEEKS, reportBackorders } from '../../../app/orders/report-backorders.js';
import { encodeCursor } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  orderControlPanelUrl,
  orderJson,
  orderListSchema,
  ordersQuerySchema,
  ordersReportExportQuerySchema,
  ordersReportJson,
  ordersReportQuerySchema,
  ordersReportSchema,
} from '../schemas/orders.schemas.js';

export function orderOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'listBackorderedOrders',
      method: 'GET',
      path: '/orders',
      tag: 'Orders',
      summary: 'List orders holding backordered units',
      description:
        'Orders with at least one line that was (partly) sold as a backorder and not entirely given back, newest BigCommerce order first, with all their lines of assigned items and a link to the order in the control panel. `from` and `to` are store-local dates (an order is dated by its first backordered line); `sku` keeps the orders holding backordered units of that item. The app does not keep BigCommerce’s order status, so there is no status filter. A period that ends before it starts: ORDERS.INVALID_DATE_RANGE (422).',
      access: 'store',
      query: ordersQuerySchema,
      responses: { 200: { description: 'A page of orders.', schema: orderListSchema } },
      errors: [400, 422],
    }).handle(async ({ principal, query }) => {
      const result = await listBackorderedOrders(deps, {
        storeId: principal.storeId,
        limit: query.limit,
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        ...(query.sku === undefined ? {} : { sku: query.sku }),
        ...(query.cursor === undefined ? {} : { beforeBcOrderId: query.cursor }),
      });
      if (!result.ok) return result;
      const link = (bcOrderId: number) =>
        orderControlPanelUrl(deps.controlPanelUrl, result.store.storeHash, bcOrderId);
      return {
        status: 200,
        body: {
          data: result.orders.map((order) => orderJson(order, link)),
          next_cursor: result.nextBeforeBcOrderId === null ? null : encodeCursor(result.nextBeforeBcOrderId),
        },
      };
    }),
    defineOperation({
      operationId: 'getOrdersReport',
      method: 'GET',
      path: '/orders/report',
      tag: 'Orders',
      summary: 'Backordered units per item and per week, open backorders, days back in stock',
      description: `Backordered units held by orders (lines not given back) in a period of store-local dates (default: since the first backorder, to the store’s today), per item, per ISO week in the store’s time zone (for a chart) and per item per week; the units still owed now (open backorders: B of the items in an out-of-stock episode); and the mean days from backorder to back in stock of the episodes that ended in the period. \`sku\` narrows everything to one item. At most ${MAX_REPORT_WEEKS} weeks; a longer period, or one that ends before it starts: ORDERS.INVALID_DATE_RANGE (422).`,
      access: 'store',
      query: ordersReportQuerySchema,
      responses: { 200: { description: 'The report.', schema: ordersReportSchema } },
      errors: [400, 422],
    }).handle(async ({ principal, query }) => {
      const result = await reportBackorders(deps, {
        storeId: principal.storeId,
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        ...(query.sku === undefined ? {} : { sku: query.sku }),
      });
      if (!result.ok) return result;
      return { status: 200, body: ordersReportJson(result.report, result) };
    }),
    defineOperation({
      operationId: 'exportOrdersReport',
      method: 'GET',
      path: '/orders/report/export',
      tag: 'Orders',
      summary: 'The orders report as a CSV or XLSX file',
      description:
        'The report of GET /orders/report as a download, for the same period and SKU. CSV: one table, per item per week (Week, Week starts, SKU, Product, Variant, Backordered units, Orders), in UTF-8 with a BOM. XLSX: a sheet per table (per item per week, per item, per week, every open backorder, and a summary with the mean days back in stock). Texts a spreadsheet would run as formulas are written as text. Refusals as GET /orders/report.',
      access: 'store',
      query: ordersReportExportQuerySchema,
      responses: {
        200: { description: 'The report file.', file: [SHEET_MEDIA_TYPES.csv, SHEET_MEDIA_TYPES.xlsx] },
      },
      errors: [400, 422],
    }).handle(async ({ principal, query }) => {
      const result = await exportBackordersReport(deps, {
        storeId: principal.storeId,
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        ...(query.sku === undefined ? {} : { sku: query.sku }),
      });
      if (!result.ok) return result;
      const { sheets } = result;
      return {
        status: 200,
        file: {
          contentType: SHEET_MEDIA_TYPES[query.format],
          fileName: sheetFileName(sheets.fileBase, query.format),
          content:
            query.format === 'csv' ? writeSpreadsheet('csv', sheets.itemWeeks) : writeWorkbook(sheets.all),
        },
      };
    }),
  ];
}
