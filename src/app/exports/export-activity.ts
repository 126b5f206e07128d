import type { Result } from '../../core/item.js';
import { localDateAt, localDateTimeAt } from '../../core/local-date.js';
import { actorWords, causeWords, describeActivity } from '../activity/activity-words.js';
import { type ListActivityInput, listActivity } from '../activity/list-activity.js';
import { storeNotFound } from '../items/item-refusals.js';
import type { ActivityEntry, ActivityLog } from '../ports/activity-log.js';
import type { Clock } from '../ports/clock.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { SheetCell, SheetColumn } from '../ports/sheet.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { type ExportedSheet, exportBaseName } from './exported-sheet.js';

export interface ExportActivityDeps {
  readonly activityLog: ActivityLog;
  readonly settings: SettingsRepository;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly clock: Clock;
}

/** The filters of GET /activity; the export has every page. */
export type ExportActivityInput = Omit<ListActivityInput, 'after' | 'limit'>;

/** Entries read per query. */
export const EXPORT_ACTIVITY_PAGE = 500;

export const ACTIVITY_EXPORT_COLUMNS: readonly SheetColumn[] = [
  { header: 'When', width: 17 },
  { header: 'SKU', width: 20 },
  { header: 'Product', width: 40 },
  { header: 'Variant', width: 24 },
  { header: 'What', width: 60 },
  { header: 'Change', kind: 'number' },
  { header: 'Stock after', kind: 'number', width: 12 },
  { header: 'Backordered after', kind: 'number', width: 18 },
  { header: 'Cause', width: 22 },
  { header: 'By', width: 28 },
];

/**
 * The store's history as the Activity screen shows it (the same filters, newest first, the same
 * words), one row per stock movement or status change, with the time in the store's time zone. A
 * status change has no change of stock: its numbers are empty. Read a page at a time as written.
 */
export async function exportActivity(
  deps: ExportActivityDeps,
  input: ExportActivityInput,
): Promise<Result<ExportedSheet>> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) return storeNotFound(input.storeId);
  // The first page is read now, so a refused filter is answered as a refusal, not a broken file.
  const first = await listActivity(deps, { ...input, limit: EXPORT_ACTIVITY_PAGE });
  if (!first.ok) return first;
  const { timezone } = store;
  async function* rows(): AsyncIterable<readonly SheetCell[]> {
    let page = first;
    for (;;) {
      if (!page.ok) throw new Error(`The activity export was refused half-way: ${page.code}`);
      for (const entry of page.entries) yield activityRow(entry, timezone);
      if (page.next === null) return;
      page = await listActivity(deps, { ...input, after: page.next, limit: EXPORT_ACTIVITY_PAGE });
    }
  }
  return {
    ok: true,
    baseName: exportBaseName('activity', localDateAt(deps.clock.now(), timezone)),
    sheet: { name: 'Activity', columns: ACTIVITY_EXPORT_COLUMNS, rows: rows() },
  };
}

function activityRow(entry: ActivityEntry, timeZone: string): readonly SheetCell[] {
  const movement = entry.kind === 'movement' ? entry.movement : null;
  return [
    localDateTimeAt(entry.at, timeZone),
    entry.item.sku,
    entry.item.productName,
    entry.item.variantLabel,
    describeActivity(entry),
    movement?.delta ?? null,
    movement?.stockAfter ?? null,
    movement?.backorderedAfter ?? null,
    causeWords(entry),
    actorWords(entry.actor),
  ];
}
