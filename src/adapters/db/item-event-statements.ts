import { CompiledQuery } from 'kysely';
import type { ItemEventReads, ItemEventWrite } from '../../app/ports/item-transactions.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { PREPARED } from './database.js';
import type { ItemRow } from './item-rows.js';
import { toBool, toJson, toTimestamp } from './rows.js';
import type { ItemsTable } from './schema.js';

/**
 * The two statements of one item event (`applyItemEvent`), the stock path's hot ones, written as SQL
 * text: built by concatenation, because building them through Kysely's query builder was about a
 * third of the client's time per sale (profiled). Their text depends only on the change's shape (which
 * rows it writes, which item fields), so on PostgreSQL they are prepared once per connection
 * (`PREPARED`, database.ts) and later calls send only their values. Columns are listed by name, never
 * `*`: a prepared statement stays valid when a migration adds a column.
 */

/** Every column of `items`, in the order the statements read them. */
const ITEM_COLUMNS = [
  'id',
  'store_id',
  'product_id',
  'bc_product_id',
  'bc_variant_id',
  'sku',
  'stock',
  'threshold',
  'backordered',
  'incoming',
  'back_in_stock_date',
  'block',
  'status',
  'episode',
  'active',
  'option_values',
  'capped_level',
  'native_backordered',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ItemsTable)[];
// A column added to the schema but not to the list fails to compile here.
const everyItemColumn: Exclude<keyof ItemsTable, (typeof ITEM_COLUMNS)[number]> extends never ? true : never =
  true;
void everyItemColumn;

/** Placeholders and their values, in order. */
class Parameters {
  readonly values: unknown[] = [];
  constructor(private readonly postgres: boolean) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  list(...values: unknown[]): string {
    return values.map((value) => this.add(value)).join(', ');
  }
}

/** What `lockItemForEvent` reads: the item's columns and these. */
export interface ItemEventRow extends ItemRow {
  /** Whether the item row locked is the one of the statement's snapshot (always 1 on SQLite). */
  readonly fresh: boolean | number;
  readonly applied: boolean | number;
  readonly request_fingerprint: string | null;
  readonly settings_store_id: number | null;
  readonly switch_condition: number | null;
  readonly timezone: string;
  readonly inventory_mode: string | null;
  readonly line_id: number | null;
  readonly line_bc_order_id: number | null;
  readonly line_bc_order_product_id: number | null;
  readonly line_item_id: number | null;
  readonly line_quantity: number | null;
  readonly line_backordered: number | null;
  readonly line_episode: number | null;
  readonly line_returned_quantity: number | null;
  readonly line_returned_at: string | null;
  readonly line_created_at: string | null;
}

/**
 * The item with its key's presence, the request key's fingerprint, the store's rules and the order
 * line, as one statement. On PostgreSQL it locks the item row (`FOR UPDATE OF i`) and says whether
 * the row it locked is the one of its snapshot (`fresh`): xmin names the transaction that wrote a row
 * version, and the sub-select reads the snapshot's version.
 */
export function selectItemForEvent(
  postgres: boolean,
  storeId: StoreId,
  itemId: number,
  reads: ItemEventReads,
): CompiledQuery<ItemEventRow> {
  // On SQLite `?` takes the next value each time: every placeholder appears once, in the text's order.
  const p = new Parameters(postgres);
  const key = p.add(reads.idempotencyKey);
  const fingerprint =
    reads.requestKey === null
      ? 'null'
      : `(select r.fingerprint from request_keys r where r.store_id = i.store_id and r.request_key = ${p.add(reads.requestKey)})`;
  const line =
    reads.bcOrderProductId === null
      ? '1 = 0'
      : `l.store_id = i.store_id and l.bc_order_product_id = ${p.add(reads.bcOrderProductId)}`;
  const fresh = postgres
    ? 'i.xmin = (select x.xmin from items x where x.store_id = i.store_id and x.id = i.id)'
    : '1';
  const text = `${postgres ? PREPARED : ''}select ${ITEM_COLUMNS.map((c) => `i.${c}`).join(', ')},
  ${fresh} as fresh,
  exists (select 1 from item_events e where e.store_id = i.store_id and e.idempotency_key = ${key}) as applied,
  ${fingerprint} as request_fingerprint,
  s.store_id as settings_store_id, s.switch_condition, st.timezone, s.inventory_mode,
  l.id as line_id, l.bc_order_id as line_bc_order_id, l.bc_order_product_id as line_bc_order_product_id,
  l.item_id as line_item_id, l.quantity as line_quantity, l.backordered as line_backordered,
  l.episode as line_episode, l.returned_quantity as line_returned_quantity,
  l.returned_at as line_returned_at, l.created_at as line_created_at
from items i
join stores st on st.id = i.store_id
left join settings s on s.store_id = i.store_id
left join order_lines l on ${line}
where i.store_id = ${p.add(storeId)} and i.id = ${p.add(itemId)}${postgres ? '\nfor update of i' : ''}`;
  return CompiledQuery.raw(text, p.values) as CompiledQuery<ItemEventRow>;
}

/**
 * PostgreSQL: one event's whole change as one statement of data-modifying CTEs — the item's numbers,
 * its journal row, its ledger, transition and outbox rows, the order line and the request key. The
 * history rows take the journal row's id from its CTE (the outbox payload gets it as `eventId`);
 * foreign keys are checked at the statement's end, when every row is in. Answers the item as written.
 */
export function writeItemEventStatement(storeId: StoreId, write: ItemEventWrite): CompiledQuery<ItemRow> {
  const { item, change, orderLine, requestKey } = write;
  const p = new Parameters(true);
  const store = p.add(storeId);
  const itemId = p.add(change.itemId);
  const now = p.add(toTimestamp(change.at));
  const who = p.list(change.cause.type, change.cause.ref, change.actor);
  const eventId = '(select id from event)';

  const set: [string, unknown][] = [
    ['stock', item.stock],
    ['backordered', item.backordered],
    ['block', item.block],
    ['status', item.status],
    ['active', toBool(item.active)],
    ['episode', item.episode],
  ];
  if (item.threshold !== undefined) set.push(['threshold', item.threshold]);
  if (item.incoming !== undefined) set.push(['incoming', item.incoming]);
  if (item.backInStockDate !== undefined) set.push(['back_in_stock_date', item.backInStockDate]);
  if (item.sku !== undefined) set.push(['sku', item.sku]);
  if (item.optionValues !== undefined) set.push(['option_values', toJson(item.optionValues)]);
  if (item.cappedLevel !== undefined) set.push(['capped_level', item.cappedLevel]);
  if (item.nativeBackordered !== undefined) set.push(['native_backordered', item.nativeBackordered]);
  set.push(['updated_at', toTimestamp(item.at)]);

  const ctes = [
    `item as (update items set ${set.map(([column, value]) => `${column} = ${p.add(value)}`).join(', ')}
    where store_id = ${store} and id = ${itemId} returning ${ITEM_COLUMNS.join(', ')})`,
    `event as (insert into item_events (store_id, item_id, idempotency_key, kind, event, cause_type, cause_ref, actor, created_at)
    values (${store}, ${itemId}, ${p.list(change.idempotencyKey, change.event.kind, toJson(change.event))}, ${who}, ${now})
    returning id)`,
  ];
  if (change.movement !== null) {
    const m = change.movement;
    ctes.push(`ledger_row as (insert into ledger (store_id, item_id, event_id, idempotency_key, kind, delta,
      backordered_delta, stock_after, backordered_after, episode, cause_type, cause_ref, actor, created_at)
    values (${store}, ${itemId}, ${eventId}, ${p.list(change.idempotencyKey, m.kind, m.delta, m.backorderedDelta, m.stockAfter, m.backorderedAfter, m.episode)}, ${who}, ${now}))`);
  }
  if (change.transition !== null) {
    const { from, to, reason } = change.transition;
    ctes.push(`transition_row as (insert into transitions (store_id, item_id, event_id, from_status, from_block,
      to_status, to_block, reason, cause_type, cause_ref, actor, created_at)
    values (${store}, ${itemId}, ${eventId}, ${p.list(from.status, from.block, to.status, to.block, reason)}, ${who}, ${now}))`);
  }
  if (change.effects.length > 0) {
    const rows = change.effects.map(
      (effect) =>
        `(${store}, ${p.list(effect.kind, effect.coalesceKey, toBool(effect.urgent))},
      ${p.add(toJson(effect.payload))}::jsonb || jsonb_build_object('eventId', ${eventId}), ${now}, ${now})`,
    );
    ctes.push(`outbox_rows as (insert into outbox (store_id, kind, coalesce_key, urgent, payload, available_at, created_at)
    values ${rows.join(', ')})`);
  }
  if (orderLine?.kind === 'sale') {
    const { line } = orderLine;
    ctes.push(`order_line as (insert into order_lines (store_id, bc_order_id, bc_order_product_id, item_id, quantity,
      backordered, episode, created_at, customer_name)
    values (${store}, ${p.list(line.bcOrderId, line.bcOrderProductId, line.itemId, line.quantity, line.backordered, line.episode, toTimestamp(line.at), line.customerName)}))`);
  } else if (orderLine?.kind === 'return') {
    ctes.push(`order_line as (update order_lines
    set returned_quantity = returned_quantity + ${p.add(orderLine.quantity)}, returned_at = ${p.add(toTimestamp(orderLine.at))}
    where store_id = ${store} and bc_order_product_id = ${p.add(orderLine.bcOrderProductId)})`);
  }
  if (requestKey !== null) {
    ctes.push(`request_key as (insert into request_keys (store_id, request_key, fingerprint, created_at)
    values (${store}, ${p.list(requestKey.key, requestKey.fingerprint, toTimestamp(requestKey.at))}))`);
  }
  const text = `${PREPARED}with ${ctes.join(',\n')}\nselect ${ITEM_COLUMNS.join(', ')} from item`;
  return CompiledQuery.raw(text, p.values) as CompiledQuery<ItemRow>;
}
