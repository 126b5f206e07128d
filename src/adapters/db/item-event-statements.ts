import { CompiledQuery } from 'kysely';
import type { ItemChangeRecord, ItemEventReads, ItemEventWrite } from '../../app/ports/item-transactions.js';
import type { EffectPayload } from '../../app/ports/outbox.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { PREPARED } from './database.js';
import type { ItemRow } from './item-rows.js';
import { toBool, toJson, toTimestamp } from './rows.js';
import type { ItemsTable } from './schema.js';

/**
 * The statements of one item event (`applyItemEvent`), the stock path's hot ones, written as SQL text:
 * built by concatenation, because building them through Kysely's query builder was about a third of
 * the client's time per sale (profiled, on both databases). On PostgreSQL they are two, the read and
 * the write; on SQLite the writes are a statement each, from the same parts. Their text depends only
 * on the change's shape (which rows it writes, which item fields), so they are prepared once — per
 * connection on PostgreSQL (`PREPARED`, database.ts), in SQLite's statement cache
 * (`reusePreparedStatements`) — and later calls send only their values. Columns are listed by name,
 * never `*`: a prepared statement stays valid when a migration adds a column.
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

type Movement = NonNullable<ItemChangeRecord['movement']>;
type Transition = NonNullable<ItemChangeRecord['transition']>;
type Effect = ItemChangeRecord['effects'][number];

/** Placeholders and their values, in order. */
class Parameters {
  readonly values: unknown[] = [];
  private readonly named = new Map<string, string>();
  constructor(private readonly postgres: boolean) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  list(...values: unknown[]): string {
    return values.map((value) => this.add(value)).join(', ');
  }

  /**
   * A value the text names more than once: on PostgreSQL one placeholder for every mention; on SQLite,
   * where `?` takes the next value, the value again for each.
   */
  again(name: string, value: unknown): string {
    if (!this.postgres) return this.add(value);
    let placeholder = this.named.get(name);
    if (placeholder === undefined) {
      placeholder = this.add(value);
      this.named.set(name, placeholder);
    }
    return placeholder;
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
  const values: unknown[] = [reads.idempotencyKey];
  if (reads.requestKey !== null) values.push(reads.requestKey);
  if (reads.bcOrderProductId !== null) values.push(reads.bcOrderProductId);
  values.push(storeId, itemId);
  const shape =
    (postgres ? 4 : 0) + (reads.requestKey === null ? 0 : 2) + (reads.bcOrderProductId === null ? 0 : 1);
  // The same string each time, not an equal one: SQLite's statement cache hashes a new string's text.
  let text = selectTexts[shape];
  if (text === undefined) {
    text = selectItemForEventText(postgres, reads.requestKey !== null, reads.bcOrderProductId !== null);
    selectTexts[shape] = text;
  }
  return CompiledQuery.raw(text, values) as CompiledQuery<ItemEventRow>;
}

/** `selectItemForEvent`'s texts by shape: on PostgreSQL or not, with a request key or not, an order line or not. */
const selectTexts: (string | undefined)[] = [];

function selectItemForEventText(postgres: boolean, requestKey: boolean, orderLine: boolean): string {
  // On SQLite `?` takes the next value each time: every placeholder appears once, in the text's order
  // (the key, the request key, the order line, the store, the item — as `selectItemForEvent` lists them).
  let n = 0;
  const next = () => (postgres ? `$${++n}` : '?');
  const key = next();
  const fingerprint = requestKey
    ? `(select r.fingerprint from request_keys r where r.store_id = i.store_id and r.request_key = ${next()})`
    : 'null';
  const line = orderLine ? `l.store_id = i.store_id and l.bc_order_product_id = ${next()}` : '1 = 0';
  const fresh = postgres
    ? 'i.xmin = (select x.xmin from items x where x.store_id = i.store_id and x.id = i.id)'
    : '1';
  return `${postgres ? PREPARED : ''}select ${ITEM_COLUMNS.map((c) => `i.${c}`).join(', ')},
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
where i.store_id = ${next()} and i.id = ${next()}${postgres ? '\nfor update of i' : ''}`;
}

/** The `set` list of the item's UPDATE. */
function itemSet(p: Parameters, write: ItemEventWrite): string {
  const { item, before } = write;
  // Only the columns whose value changes (and updated_at): on SQLite each column set rewrites the
  // entries of every index holding it, whatever the value — a page more in the write-ahead log at
  // commit (a sale's status, block, active, episode index entries: 2 pages of about 20).
  const set: [string, unknown][] = [];
  if (item.stock !== before.stock) set.push(['stock', item.stock]);
  if (item.backordered !== before.backordered) set.push(['backordered', item.backordered]);
  if (item.block !== before.block) set.push(['block', item.block]);
  if (item.status !== before.status) set.push(['status', item.status]);
  if (item.active !== before.active) set.push(['active', toBool(item.active)]);
  if (item.episode !== before.episode) set.push(['episode', item.episode]);
  if (item.threshold !== undefined && item.threshold !== before.threshold)
    set.push(['threshold', item.threshold]);
  if (item.incoming !== undefined && item.incoming !== before.incoming) set.push(['incoming', item.incoming]);
  if (item.backInStockDate !== undefined && item.backInStockDate !== before.backInStockDate)
    set.push(['back_in_stock_date', item.backInStockDate]);
  if (item.sku !== undefined && item.sku !== before.sku) set.push(['sku', item.sku]);
  if (item.optionValues !== undefined) set.push(['option_values', toJson(item.optionValues)]);
  if (item.cappedLevel !== undefined && item.cappedLevel !== before.cappedLevel)
    set.push(['capped_level', item.cappedLevel]);
  if (item.nativeBackordered !== undefined && item.nativeBackordered !== before.nativeBackordered)
    set.push(['native_backordered', item.nativeBackordered]);
  set.push(['updated_at', toTimestamp(item.at)]);
  return set.map(([column, value]) => `${column} = ${p.add(value)}`).join(', ');
}

/*
 * The statements' parts, shared by both databases. Each adds its values in the order its text names
 * them; values named more than once (the store, the item, who, when) go through `again`.
 */

function itemUpdate(p: Parameters, storeId: StoreId, write: ItemEventWrite): string {
  return `update items set ${itemSet(p, write)}
    where store_id = ${p.again('store', storeId)} and id = ${p.again('item', write.change.itemId)} returning ${ITEM_COLUMNS.join(', ')}`;
}

/** Who and when, as every history row of a change records them (cause_type, cause_ref, actor, created_at). */
function who(p: Parameters, change: ItemChangeRecord): string {
  return `${p.again('cause_type', change.cause.type)}, ${p.again('cause_ref', change.cause.ref)}, ${p.again('actor', change.actor)}, ${p.again('now', toTimestamp(change.at))}`;
}

function storeAndItem(p: Parameters, storeId: StoreId, change: ItemChangeRecord): string {
  return `${p.again('store', storeId)}, ${p.again('item', change.itemId)}`;
}

function eventInsert(p: Parameters, storeId: StoreId, change: ItemChangeRecord): string {
  return `insert into item_events (store_id, item_id, idempotency_key, kind, event, cause_type, cause_ref, actor, created_at)
    values (${storeAndItem(p, storeId, change)}, ${p.list(change.idempotencyKey, change.event.kind, toJson(change.event))}, ${who(p, change)})
    returning id`;
}

/** `eventId`: the journal row's id, as SQL (a placeholder, or a sub-select of the CTE). */
function ledgerInsert(
  p: Parameters,
  storeId: StoreId,
  change: ItemChangeRecord,
  m: Movement,
  eventId: () => string,
): string {
  return `insert into ledger (store_id, item_id, event_id, idempotency_key, kind, delta,
      backordered_delta, stock_after, backordered_after, episode, cause_type, cause_ref, actor, created_at)
    values (${storeAndItem(p, storeId, change)}, ${eventId()}, ${p.list(change.idempotencyKey, m.kind, m.delta, m.backorderedDelta, m.stockAfter, m.backorderedAfter, m.episode)}, ${who(p, change)})`;
}

function transitionInsert(
  p: Parameters,
  storeId: StoreId,
  change: ItemChangeRecord,
  { from, to, reason }: Transition,
  eventId: () => string,
): string {
  return `insert into transitions (store_id, item_id, event_id, from_status, from_block,
      to_status, to_block, reason, cause_type, cause_ref, actor, created_at)
    values (${storeAndItem(p, storeId, change)}, ${eventId()}, ${p.list(from.status, from.block, to.status, to.block, reason)}, ${who(p, change)})`;
}

/** `payload`: each effect's payload with the journal row's id as `eventId`, as SQL. */
function outboxInsert(
  p: Parameters,
  storeId: StoreId,
  change: ItemChangeRecord,
  payload: (effect: Effect) => string,
): string {
  const rows = change.effects.map(
    (effect) =>
      `(${p.again('store', storeId)}, ${p.list(effect.kind, effect.coalesceKey, toBool(effect.urgent))},
      ${payload(effect)}, ${p.again('now', toTimestamp(change.at))}, ${p.again('now', toTimestamp(change.at))})`,
  );
  return `insert into outbox (store_id, kind, coalesce_key, urgent, payload, available_at, created_at)
    values ${rows.join(', ')}`;
}

function orderLineWrite(
  p: Parameters,
  storeId: StoreId,
  orderLine: NonNullable<ItemEventWrite['orderLine']>,
): string {
  if (orderLine.kind === 'sale') {
    const { line } = orderLine;
    return `insert into order_lines (store_id, bc_order_id, bc_order_product_id, item_id, quantity,
      backordered, episode, created_at, customer_name)
    values (${p.again('store', storeId)}, ${p.list(line.bcOrderId, line.bcOrderProductId, line.itemId, line.quantity, line.backordered, line.episode, toTimestamp(line.at), line.customerName)})`;
  }
  return `update order_lines
    set returned_quantity = returned_quantity + ${p.add(orderLine.quantity)}, returned_at = ${p.add(toTimestamp(orderLine.at))}
    where store_id = ${p.again('store', storeId)} and bc_order_product_id = ${p.add(orderLine.bcOrderProductId)}`;
}

function requestKeyInsert(
  p: Parameters,
  storeId: StoreId,
  requestKey: NonNullable<ItemEventWrite['requestKey']>,
): string {
  return `insert into request_keys (store_id, request_key, fingerprint, created_at)
    values (${p.again('store', storeId)}, ${p.list(requestKey.key, requestKey.fingerprint, toTimestamp(requestKey.at))})`;
}

/**
 * PostgreSQL: one event's whole change as one statement of data-modifying CTEs — the item's numbers,
 * its journal row, its ledger, transition and outbox rows, the order line and the request key. The
 * history rows take the journal row's id from its CTE (the outbox payload gets it as `eventId`);
 * foreign keys are checked at the statement's end, when every row is in. Answers the item as written.
 */
export function writeItemEventStatement(storeId: StoreId, write: ItemEventWrite): CompiledQuery<ItemRow> {
  const { change, orderLine, requestKey } = write;
  const p = new Parameters(true);
  const eventId = () => '(select id from event)';
  const ctes = [
    `item as (${itemUpdate(p, storeId, write)})`,
    `event as (${eventInsert(p, storeId, change)})`,
  ];
  if (change.movement !== null)
    ctes.push(`ledger_row as (${ledgerInsert(p, storeId, change, change.movement, eventId)})`);
  if (change.transition !== null)
    ctes.push(`transition_row as (${transitionInsert(p, storeId, change, change.transition, eventId)})`);
  if (change.effects.length > 0) {
    const payload = (effect: Effect) =>
      `${p.add(toJson(effect.payload))}::jsonb || jsonb_build_object('eventId', ${eventId()})`;
    ctes.push(`outbox_rows as (${outboxInsert(p, storeId, change, payload)})`);
  }
  if (orderLine !== null) ctes.push(`order_line as (${orderLineWrite(p, storeId, orderLine)})`);
  if (requestKey !== null) ctes.push(`request_key as (${requestKeyInsert(p, storeId, requestKey)})`);
  const text = `${PREPARED}with ${ctes.join(',\n')}\nselect ${ITEM_COLUMNS.join(', ')} from item`;
  return CompiledQuery.raw(text, p.values) as CompiledQuery<ItemRow>;
}

/**
 * A change's history as statements of their own, on either database: the journal row's INSERT, which
 * answers its id, then what `rest` builds with that id — the ledger, transition and outbox rows. For the
 * changes written apart from an item event's (`recordChange`: assignment, unassignment), and for
 * SQLite's item events.
 */
export function changeStatements(
  postgres: boolean,
  storeId: StoreId,
  change: ItemChangeRecord,
): {
  readonly event: CompiledQuery<{ readonly id: number }>;
  readonly rest: (eventId: number) => CompiledQuery[];
} {
  const statement = statementOf(postgres);
  return {
    event: statement((p) => eventInsert(p, storeId, change)),
    rest: (id) => {
      const rest: CompiledQuery[] = [];
      if (change.movement !== null) {
        const { movement } = change;
        rest.push(statement((p) => ledgerInsert(p, storeId, change, movement, () => p.add(id))));
      }
      if (change.transition !== null) {
        const { transition } = change;
        rest.push(statement((p) => transitionInsert(p, storeId, change, transition, () => p.add(id))));
      }
      if (change.effects.length > 0) {
        const payload = (p: Parameters) => (effect: Effect) =>
          p.add(toJson({ ...effect.payload, eventId: id } satisfies EffectPayload));
        rest.push(statement((p) => outboxInsert(p, storeId, change, payload(p))));
      }
      return rest;
    },
  };
}

/**
 * SQLite: an item event's writes, a statement each (it has no data-modifying CTEs, and no round trips
 * to save): the item's UPDATE, which answers the item as written, then the change's history
 * (`changeStatements`), the order line and the request key.
 */
export function sqliteItemEventStatements(
  storeId: StoreId,
  write: ItemEventWrite,
): {
  readonly item: CompiledQuery<ItemRow>;
  readonly event: CompiledQuery<{ readonly id: number }>;
  readonly rest: (eventId: number) => CompiledQuery[];
} {
  const { change, orderLine, requestKey } = write;
  const statement = statementOf(false);
  const history = changeStatements(false, storeId, change);
  return {
    item: statement((p) => itemUpdate(p, storeId, write)),
    event: history.event,
    rest: (id) => {
      const rest = history.rest(id);
      if (orderLine !== null) rest.push(statement((p) => orderLineWrite(p, storeId, orderLine)));
      if (requestKey !== null) rest.push(statement((p) => requestKeyInsert(p, storeId, requestKey)));
      return rest;
    },
  };
}

/** A statement of its own from a part: its own placeholders and values. */
function statementOf(postgres: boolean) {
  return <R>(text: (p: Parameters) => string): CompiledQuery<R> => {
    const p = new Parameters(postgres);
    return CompiledQuery.raw(text(p), p.values) as CompiledQuery<R>;
  };
}
