import { DateTime } from 'luxon';
import type { Result } from '../../core/item.js';
import { itemVariantLabel } from '../ports/item-repository.js';
import type { OpenBackorder, OrderReport } from '../ports/order-report.js';
import type { Sheet, SheetCell, SheetColumn } from '../ports/sheet.js';
import type { StoreId } from '../ports/store-id.js';
import {
  type FullBackordersReport,
  type ReportBackordersDeps,
  type ReportBackordersInput,
  type ReportedPeriod,
  reportBackorders,
} from './report-backorders.js';

/** The report to take away: its tables as sheets, the first one being the only table of a CSV. */
export interface BackordersReportSheets {
  /** `backorders-report-2025-03-03-to-2025-03-28`, without the format's extension. */
  readonly fileBase: string;
  /** Per item per week: what a CSV holds, and an XLSX's first sheet. */
  readonly itemWeeks: Sheet;
  /** Every table, in an XLSX's order: per item per week, per item, per week, open backorders, summary. */
  readonly all: readonly Sheet[];
}

/** Open backorders are read this many at a time while the sheet is written. */
const OPEN_BACKORDERS_PAGE = 500;

const COLUMNS = {
  week: { header: 'Week', width: 10 },
  startsOn: { header: 'Week starts', kind: 'date', width: 12 },
  sku: { header: 'SKU', width: 20 },
  product: { header: 'Product', width: 40 },
  variant: { header: 'Variant', width: 24 },
  units: { header: 'Backordered units', kind: 'number', width: 18 },
  orders: { header: 'Orders', kind: 'number' },
} as const satisfies Readonly<Record<string, SheetColumn>>;

/**
 * The orders report (reportBackorders) as sheets for a download. The CSV holds one table, per item
 * per week (Week, Week starts, SKU, Product, Variant, Backordered units, Orders); the XLSX has every
 * table of the report, each on its own sheet, with all open backorders (the screen lists the first).
 */
export async function exportBackordersReport(
  deps: ReportBackordersDeps,
  input: ReportBackordersInput,
): Promise<Result<ReportedPeriod & { sheets: BackordersReportSheets }>> {
  const result = await reportBackorders(deps, input);
  if (!result.ok) return result;
  const { report } = result;
  const itemWeeks: Sheet = {
    name: 'Per item per week',
    columns: [
      COLUMNS.week,
      COLUMNS.startsOn,
      COLUMNS.sku,
      COLUMNS.product,
      COLUMNS.variant,
      COLUMNS.units,
      COLUMNS.orders,
    ],
    rows: itemWeekRows(report),
  };
  const perItem: Sheet = {
    name: 'Per item',
    columns: [COLUMNS.sku, COLUMNS.product, COLUMNS.variant, COLUMNS.units, COLUMNS.orders],
    rows: report.items.map((item) => [
      item.sku,
      item.productName,
      itemVariantLabel(item),
      item.backorderedUnits,
      item.orders,
    ]),
  };
  const perWeek: Sheet = {
    name: 'Per week',
    columns: [COLUMNS.week, COLUMNS.startsOn, COLUMNS.units, COLUMNS.orders],
    rows: report.weeks.map((week) => [week.week, week.startsOn, week.backorderedUnits, week.orders]),
  };
  const open: Sheet = {
    name: 'Open backorders',
    columns: [
      COLUMNS.sku,
      COLUMNS.product,
      COLUMNS.variant,
      { header: 'Status', width: 12 },
      { header: 'Units owed', kind: 'number', width: 12 },
      { header: 'Since (store time)', width: 20 },
    ],
    rows: openBackorderRows(deps.orderReport, input.storeId, result.itemId, result.timeZone),
  };
  const summary: Sheet = {
    name: 'Summary',
    columns: [
      { header: 'Measure', width: 36 },
      { header: 'Value', width: 24 },
    ],
    rows: summaryRows(report, result),
  };
  return {
    ok: true,
    from: result.from,
    to: result.to,
    timeZone: result.timeZone,
    sheets: {
      fileBase: `backorders-report-${result.from === null ? '' : `${result.from}-`}to-${result.to}`,
      itemWeeks,
      all: [itemWeeks, perItem, perWeek, open, summary],
    },
  };
}

/** Oldest week first; within a week, most backordered units first (the report's order of items). */
function itemWeekRows(report: FullBackordersReport): SheetCell[][] {
  return report.items
    .flatMap((item, rank) => item.weeks.map((week) => ({ item, week, rank })))
    .sort(
      (a, b) =>
        (a.week.startsOn < b.week.startsOn ? -1 : a.week.startsOn > b.week.startsOn ? 1 : 0) ||
        a.rank - b.rank,
    )
    .map(({ item, week }) => [
      week.week,
      week.startsOn,
      item.sku,
      item.productName,
      itemVariantLabel(item),
      week.backorderedUnits,
      week.orders,
    ]);
}

/** Every open backorder, read a page at a time as the file is written. */
async function* openBackorderRows(
  orderReport: OrderReport,
  storeId: StoreId,
  itemId: number | null,
  timeZone: string,
): AsyncIterable<SheetCell[]> {
  let after: { backordered: number; itemId: number } | undefined;
  for (;;) {
    const page: OpenBackorder[] = await orderReport.listOpenBackorders(storeId, {
      limit: OPEN_BACKORDERS_PAGE,
      ...(itemId === null ? {} : { itemId }),
      ...(after === undefined ? {} : { after }),
    });
    for (const open of page) {
      yield [
        open.sku,
        open.productName,
        itemVariantLabel(open),
        open.status === 'backorder' ? 'Backorder' : 'Unavailable',
        open.backordered,
        open.since === null
          ? null
          : DateTime.fromJSDate(open.since, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm'),
      ];
    }
    if (page.length < OPEN_BACKORDERS_PAGE) return;
    const last = page[page.length - 1]!;
    after = { backordered: last.backordered, itemId: last.itemId };
  }
}

function summaryRows(report: FullBackordersReport, period: ReportedPeriod): SheetCell[][] {
  return [
    ['From', period.from ?? 'the first backorder'],
    ['To', period.to],
    ['Time zone', period.timeZone],
    ['Backordered units', report.backorderedUnits],
    ['Orders', report.orders],
    ['Units still owed (open backorders, now)', report.openBackorders.backorderedUnits],
    ['Items owing units (now)', report.openBackorders.items],
    ['Average days to back in stock', report.backInStock.averageDays],
    ['Episodes back in stock in the period', report.backInStock.episodes],
  ];
}
