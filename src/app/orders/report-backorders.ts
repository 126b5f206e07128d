import { DateTime } from 'luxon';
import type { LocalDate, Result } from '../../core/item.js';
import { refuse } from '../../core/item.js';
import { localDateAt } from '../../core/local-date.js';
import { storeNotFound } from '../items/item-refusals.js';
import type { Clock } from '../ports/clock.js';
import type { ItemOptionValue, ItemRepository } from '../ports/item-repository.js';
import type {
  BackorderedOrderLine,
  EndedEpisode,
  OpenBackorder,
  OrderReport,
} from '../ports/order-report.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { isRefusal, type LocalPeriod, ORDER_REPORT_REFUSALS, periodInstants } from './order-period.js';

export interface ReportBackordersDeps {
  readonly items: ItemRepository;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly orderReport: OrderReport;
  readonly clock: Clock;
}

export interface ReportBackordersInput extends LocalPeriod {
  readonly storeId: StoreId;
  readonly sku?: string;
}

/** The period a report covers: as asked, the end defaulting to the store's today. */
export interface ReportedPeriod {
  /** Null: since the first backorder. */
  readonly from: LocalDate | null;
  readonly to: LocalDate;
  readonly timeZone: string;
}

export interface BackordersReport {
  readonly backorderedUnits: number;
  readonly orders: number;
  /** Per item, most backordered units first. */
  readonly items: readonly ItemBackorders[];
  /** Per ISO week (Monday to Sunday in the store's time zone), oldest first, weeks without any included. */
  readonly weeks: readonly WeekBackorders[];
}

/** The report of the Orders screen: the period's backorders, what is still owed now, and how long restocking took. */
export interface FullBackordersReport extends BackordersReport {
  readonly openBackorders: OpenBackorders;
  readonly backInStock: BackInStockTimes;
}

/** Units still owed now (whatever the period): B of the items in an out-of-stock episode. */
export interface OpenBackorders {
  readonly backorderedUnits: number;
  readonly items: number;
  /** The items owing most, at most OPEN_BACKORDERS_LISTED of them. */
  readonly list: readonly OpenBackorder[];
}

/** Episodes that ended in the period: their mean length from leaving stock to being back in stock. */
export interface BackInStockTimes {
  /** Days, one decimal; null when no episode ended in the period. */
  readonly averageDays: number | null;
  readonly episodes: number;
}

export interface ItemBackorders {
  readonly itemId: number;
  readonly sku: string | null;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  readonly productName: string;
  readonly optionValues: readonly ItemOptionValue[] | null;
  readonly backorderedUnits: number;
  readonly orders: number;
  /** The weeks it has backordered units in, oldest first (weeks without any left out). */
  readonly weeks: readonly WeekBackorders[];
}

export interface WeekBackorders {
  /** ISO week, `2026-W09`. */
  readonly week: string;
  /** Its Monday. */
  readonly startsOn: LocalDate;
  readonly backorderedUnits: number;
  readonly orders: number;
}

/** A chart of more weeks than this would be unreadable; a longer period is refused. */
export const MAX_REPORT_WEEKS = 260;

/** The open backorders the screen lists; the export has them all. */
export const OPEN_BACKORDERS_LISTED = 100;

const DAY_MS = 86_400_000;

/**
 * Backordered units still held by orders (lines not given back), in a period of store-local dates:
 * totals per item, per ISO week of the store's time zone and per item per week, for the Orders
 * screen's tables and chart; with the units still owed now and the mean time back to stock of the
 * episodes that ended in the period (docs/product.md#the-orders-report).
 */
export async function reportBackorders(
  deps: ReportBackordersDeps,
  input: ReportBackordersInput,
): Promise<Result<ReportedPeriod & { report: FullBackordersReport; itemId: number | null }>> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) return storeNotFound(input.storeId);
  const period = periodInstants(input, store.timezone);
  if (isRefusal(period)) return period;

  const reported: ReportedPeriod = {
    from: input.from ?? null,
    to: input.to ?? localDateAt(deps.clock.now(), store.timezone),
    timeZone: store.timezone,
  };
  let itemId: number | undefined;
  if (input.sku !== undefined) {
    const item = await deps.items.findItemBySku(input.storeId, input.sku);
    // A SKU no assigned item has holds no backorders.
    if (item === null) {
      const report = summariseBackorders([], store.timezone, { to: reported.to });
      return {
        ok: true,
        ...reported,
        itemId: null,
        report: {
          ...report,
          openBackorders: { backorderedUnits: 0, items: 0, list: [] },
          backInStock: backInStockTimes([]),
        },
      };
    }
    itemId = item.id;
  }
  const ofItem = itemId === undefined ? {} : { itemId };
  const lines = await deps.orderReport.listBackorderedLines(input.storeId, { ...period, ...ofItem });
  const report = summariseBackorders(lines, store.timezone, {
    ...(input.from === undefined ? {} : { from: input.from }),
    to: reported.to,
  });
  if (report.weeks.length > MAX_REPORT_WEEKS) {
    return refuse(
      ORDER_REPORT_REFUSALS.invalidDateRange,
      `The period covers ${report.weeks.length} weeks; choose at most ${MAX_REPORT_WEEKS}.`,
    );
  }
  const [totals, list, episodes] = await Promise.all([
    deps.orderReport.openBackorderTotals(input.storeId, ofItem),
    deps.orderReport.listOpenBackorders(input.storeId, { ...ofItem, limit: OPEN_BACKORDERS_LISTED }),
    deps.orderReport.listEndedEpisodes(input.storeId, { ...period, ...ofItem }),
  ]);
  return {
    ok: true,
    ...reported,
    itemId: itemId ?? null,
    report: { ...report, openBackorders: { ...totals, list }, backInStock: backInStockTimes(episodes) },
  };
}

/** The mean of the episodes' lengths (end − start), in days with one decimal. */
export function backInStockTimes(episodes: readonly EndedEpisode[]): BackInStockTimes {
  if (episodes.length === 0) return { averageDays: null, episodes: 0 };
  const totalMs = episodes.reduce((sum, e) => sum + (e.endedAt.getTime() - e.startedAt.getTime()), 0);
  return {
    averageDays: Math.round((totalMs / episodes.length / DAY_MS) * 10) / 10,
    episodes: episodes.length,
  };
}

/**
 * Sums lines holding backordered units per item and per ISO week of `timeZone`. The weeks run from
 * the period's first day (or the first line's) to its last day, with the weeks without backorders.
 */
export function summariseBackorders(
  lines: readonly BackorderedOrderLine[],
  timeZone: string,
  period: { readonly from?: LocalDate; readonly to: LocalDate },
): BackordersReport {
  const items = new Map<
    number,
    { item: ItemBackorders; orders: Set<number>; weeks: Map<string, { units: number; orders: Set<number> }> }
  >();
  const weeks = new Map<string, { units: number; orders: Set<number> }>();
  const orders = new Set<number>();
  let units = 0;
  let first: DateTime | null = null;
  for (const line of lines) {
    units += line.backordered;
    orders.add(line.bcOrderId);
    const entry = items.get(line.itemId) ?? {
      item: {
        itemId: line.itemId,
        sku: line.sku,
        bcProductId: line.bcProductId,
        bcVariantId: line.bcVariantId,
        productName: line.productName,
        optionValues: line.optionValues,
        backorderedUnits: 0,
        orders: 0,
        weeks: [],
      },
      orders: new Set<number>(),
      weeks: new Map(),
    };
    entry.item = { ...entry.item, backorderedUnits: entry.item.backorderedUnits + line.backordered };
    entry.orders.add(line.bcOrderId);
    items.set(line.itemId, entry);

    const monday = DateTime.fromJSDate(line.createdAt, { zone: timeZone }).startOf('week');
    if (first === null || monday < first) first = monday;
    const key = monday.toISODate()!;
    addTo(weeks, key, line);
    addTo(entry.weeks, key, line);
  }

  const start =
    period.from === undefined ? first : DateTime.fromISO(period.from, { zone: timeZone }).startOf('week');
  const end = DateTime.fromISO(period.to, { zone: timeZone }).startOf('week');
  const series: WeekBackorders[] = [];
  for (let monday = start; monday !== null && monday <= end; monday = monday.plus({ weeks: 1 })) {
    series.push(weekOf(monday, weeks.get(monday.toISODate()!)));
    // Refused by the caller past this; no need to build more.
    if (series.length > MAX_REPORT_WEEKS) break;
  }

  return {
    backorderedUnits: units,
    orders: orders.size,
    items: [...items.values()]
      .map(({ item, orders: itemOrders, weeks: itemWeeks }) => ({
        ...item,
        orders: itemOrders.size,
        weeks: [...itemWeeks.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([startsOn, week]) => weekOf(DateTime.fromISO(startsOn, { zone: timeZone }), week)),
      }))
      .sort((a, b) => b.backorderedUnits - a.backorderedUnits || a.itemId - b.itemId),
    weeks: series,
  };
}

function addTo(
  weeks: Map<string, { units: number; orders: Set<number> }>,
  key: string,
  line: BackorderedOrderLine,
): void {
  const week = weeks.get(key) ?? { units: 0, orders: new Set<number>() };
  week.units += line.backordered;
  week.orders.add(line.bcOrderId);
  weeks.set(key, week);
}

function weekOf(
  monday: DateTime,
  week: { readonly units: number; readonly orders: ReadonlySet<number> } | undefined,
): WeekBackorders {
  return {
    week: monday.toISOWeekDate()!.slice(0, 8),
    startsOn: monday.toISODate()!,
    backorderedUnits: week?.units ?? 0,
    orders: week?.orders.size ?? 0,
  };
}
