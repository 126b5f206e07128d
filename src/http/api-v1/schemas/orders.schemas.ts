import type { z as zod } from 'zod';
import { z } from 'zod';
import type { FullBackordersReport } from '../../../app/orders/report-backorders.js';
import { OPEN_BACKORDERS_LISTED } from '../../../app/orders/report-backorders.js';
import { type ItemOptionValue, itemVariantLabel } from '../../../app/ports/item-repository.js';
import type { BackorderedOrder, BackorderedOrderLine } from '../../../app/ports/order-report.js';
import { SHEET_FORMATS } from '../../../app/ports/sheet.js';
import { cursor, limit, localDate, sku, timestamp } from '../api-schemas.js';

/** The orders holding backordered units and their report: the Orders screen's operations. */

/**
 * Where the control panel shows an order: `/manage/orders/{id}` under the store's control panel
 * (`controlPanelUrl` with the store hash filled in; see docs/bigcommerce.md).
 */
export function orderControlPanelUrl(controlPanelUrl: string, storeHash: string, bcOrderId: number): string {
  return `${controlPanelUrl.replaceAll('{store_hash}', storeHash).replace(/\/+$/, '')}/manage/orders/${bcOrderId}`;
}

const controlPanelUrl = z.string().meta({ description: 'The order in the BigCommerce control panel.' });
const productName = z.string().meta({ description: 'The product’s name as last read from BigCommerce.' });
const variantLabel = z
  .string()
  .nullable()
  .meta({ description: 'The variant’s options (`Size: M`); null for a product without variants.' });

const periodQuery = {
  from: localDate.optional().meta({ description: 'First store-local date of the period (included).' }),
  to: localDate.optional().meta({ description: 'Last store-local date of the period (included).' }),
  sku: sku.optional().meta({ description: 'Only orders holding backordered units of this item.' }),
};

export const orderSchema = z
  .object({
    order_id: z.int().meta({ description: 'BigCommerce order id.' }),
    created_at: timestamp.meta({
      description: 'When its first line holding backordered units was recorded.',
    }),
    backordered_units: z.int().meta({ description: 'Σ backordered units of its lines not given back.' }),
    control_panel_url: controlPanelUrl,
    lines: z.array(
      z.object({
        order_product_id: z.int().meta({ description: 'BigCommerce order product (line) id.' }),
        sku: z.string().nullable(),
        product_id: z.int(),
        variant_id: z.int().nullable(),
        product_name: productName,
        variant_label: variantLabel,
        quantity: z.int(),
        backordered: z.int().meta({ description: 'Units of the line sold as backorders.' }),
        returned_quantity: z.int().meta({ description: 'Units given back by a cancellation or refund.' }),
      }),
    ),
  })
  .meta({ id: 'Order' });

export const orderListSchema = z
  .object({ data: z.array(orderSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'OrderList' });

export const ordersQuerySchema = z.strictObject({
  ...periodQuery,
  limit: limit(100, 50),
  cursor: cursor.optional(),
});

export const ordersReportQuerySchema = z.strictObject(periodQuery);

export const ordersReportExportQuerySchema = z.strictObject({
  format: z.enum(SHEET_FORMATS).meta({
    description:
      'csv: one table, per item per week (UTF-8 with a BOM, CRLF); xlsx: every table of the report, a sheet each.',
  }),
  ...periodQuery,
});

const itemIdentity = {
  sku: z.string().nullable(),
  product_id: z.int(),
  variant_id: z.int().nullable(),
  product_name: productName,
  variant_label: variantLabel,
};

const weekTotals = {
  week: z.string().meta({ description: 'ISO week, `2026-W09`.' }),
  starts_on: localDate.meta({ description: 'Its Monday.' }),
  backordered_units: z.int(),
  orders: z.int(),
};

export const ordersReportSchema = z
  .object({
    from: localDate.nullable().meta({ description: 'As asked; null: since the first backorder.' }),
    to: localDate.meta({ description: 'As asked, or the store’s today.' }),
    time_zone: z.string().meta({ description: 'The store’s time zone: dates and weeks are there.' }),
    backordered_units: z.int().meta({ description: 'Backordered units held by orders of the period.' }),
    orders: z.int().meta({ description: 'Orders of the period holding backordered units.' }),
    items: z
      .array(
        z.object({
          ...itemIdentity,
          backordered_units: z.int(),
          orders: z.int().meta({ description: 'Orders holding its backordered units.' }),
          weeks: z.array(z.object(weekTotals)).meta({
            description:
              'Per item per week: the ISO weeks it has backordered units in, oldest first (weeks without any left out).',
          }),
        }),
      )
      .meta({ description: 'Per item, most backordered units first.' }),
    weeks: z.array(z.object(weekTotals)).meta({
      description: 'Per ISO week of the store’s time zone, oldest first, weeks without backorders included.',
    }),
    open_backorders: z
      .object({
        backordered_units: z.int().meta({
          description: 'Units still owed: Σ B of the items in an out-of-stock episode now.',
        }),
        item_count: z.int().meta({ description: 'Items owing units now.' }),
        items: z
          .array(
            z.object({
              ...itemIdentity,
              status: z.enum(['backorder', 'unavailable']),
              backordered: z.int().meta({ description: 'B: units owed in its current episode.' }),
              since: timestamp.nullable().meta({ description: 'When its current episode began.' }),
            }),
          )
          .meta({
            description: `The ${OPEN_BACKORDERS_LISTED} items owing most, most first (the XLSX export has them all).`,
          }),
      })
      .meta({
        description:
          'Now, whatever the period (of the item asked for): the items in an out-of-stock episode that owe backordered units.',
      }),
    back_in_stock: z
      .object({
        average_days: z.number().nullable().meta({
          description:
            'Mean days from an episode’s start (the item left stock) to its end (back in stock), one decimal; null when none ended.',
        }),
        episodes: z.int().meta({ description: 'Episodes that ended in the period, the mean is over.' }),
      })
      .meta({ description: 'Out-of-stock episodes that ended (the item back in stock) in the period.' }),
  })
  .meta({ id: 'OrdersReport' });

function lineJson(line: BackorderedOrderLine): zod.input<typeof orderSchema>['lines'][number] {
  return {
    order_product_id: line.bcOrderProductId,
    sku: line.sku,
    product_id: line.bcProductId,
    variant_id: line.bcVariantId,
    product_name: line.productName,
    variant_label: variantLabelOf(line.optionValues),
    quantity: line.quantity,
    backordered: line.backordered,
    returned_quantity: line.returnedQuantity,
  };
}

export function orderJson(
  order: BackorderedOrder,
  link: (bcOrderId: number) => string,
): zod.input<typeof orderSchema> {
  return {
    order_id: order.bcOrderId,
    created_at: order.createdAt.toISOString(),
    backordered_units: order.lines
      .filter((line) => line.returnedQuantity < line.quantity)
      .reduce((sum, line) => sum + line.backordered, 0),
    control_panel_url: link(order.bcOrderId),
    lines: order.lines.map(lineJson),
  };
}

export function ordersReportJson(
  report: FullBackordersReport,
  period: { from: string | null; to: string; timeZone: string },
): zod.input<typeof ordersReportSchema> {
  return {
    from: period.from,
    to: period.to,
    time_zone: period.timeZone,
    backordered_units: report.backorderedUnits,
    orders: report.orders,
    items: report.items.map((item) => ({
      sku: item.sku,
      product_id: item.bcProductId,
      variant_id: item.bcVariantId,
      product_name: item.productName,
      variant_label: variantLabelOf(item.optionValues),
      backordered_units: item.backorderedUnits,
      orders: item.orders,
      weeks: item.weeks.map(weekJson),
    })),
    weeks: report.weeks.map(weekJson),
    open_backorders: {
      backordered_units: report.openBackorders.backorderedUnits,
      item_count: report.openBackorders.items,
      items: report.openBackorders.list.map((open) => ({
        sku: open.sku,
        product_id: open.bcProductId,
        variant_id: open.bcVariantId,
        product_name: open.productName,
        variant_label: variantLabelOf(open.optionValues),
        status: open.status,
        backordered: open.backordered,
        since: open.since === null ? null : open.since.toISOString(),
      })),
    },
    back_in_stock: {
      average_days: report.backInStock.averageDays,
      episodes: report.backInStock.episodes,
    },
  };
}

function weekJson(week: FullBackordersReport['weeks'][number]) {
  return {
    week: week.week,
    starts_on: week.startsOn,
    backordered_units: week.backorderedUnits,
    orders: week.orders,
  };
}

function variantLabelOf(optionValues: readonly ItemOptionValue[] | null): string | null {
  return itemVariantLabel({ optionValues });
}
