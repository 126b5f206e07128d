import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  ApplyEventInput,
  ApplyEventOutcome,
  AssignedItemInput,
  AssignProductInput,
  AssignProductOutcome,
  ItemQuery,
  ItemRecord,
  ItemStore,
  UnassignProductInput,
  UnassignProductOutcome,
} from '../../app/ports/item-store.js';
import { STORAGE_REFUSALS } from '../../app/ports/item-store.js';
import type { EffectPayload } from '../../app/ports/outbox.js';
import { decide } from '../../core/decide.js';
import type { Decision } from '../../core/decision.js';
import type { ItemEvent } from '../../core/events.js';
import { type Refusal, refuse } from '../../core/item.js';
import type { Dialect } from './database.js';
import { isUniqueViolation, UNIQUE } from './errors.js';
import { type ItemRow, type ProductRow, toCoreItem, toItemRecord, toProductRecord } from './item-rows.js';
import { toBool, toJson, toTimestamp } from './rows.js';
import type { DB } from './schema.js';
import { loadRules } from './store-rules.js';

type Tx = Transaction<DB>;

/** Who and why, as recorded with every history row of one change. */
interface Context {
  readonly storeId: number;
  readonly idempotencyKey: string;
  readonly cause: { readonly type: string; readonly ref: string | null };
  readonly actor: string;
  readonly now: Date;
}

/**
 * The ItemStore on Kysely, for SQLite and PostgreSQL.
 *
 * Locking: every change reads the item inside the transaction that writes it, under a lock, so no
 * change is ever computed from a stale read.
 * - PostgreSQL: `SELECT … FOR UPDATE` on the item row (and on the product row for product-wide
 *   changes, then its items in id order, so two changes never wait on each other in a cycle).
 *   Concurrent changes of one item queue on that row lock; each then reads the committed row.
 * - SQLite: there is one connection and Kysely hands it to one transaction at a time, and
 *   transactions begin IMMEDIATE (sqlite-dialect.ts), holding the database's single write lock from
 *   their first statement. Transactions therefore run one after another, and the plain read is
 *   already the latest committed state — the same guarantee a row lock gives.
 *
 * Idempotency: each applied event is journalled in `item_events` under its key (unique per store).
 * The key is checked after the item is locked, so retries of one item's change are answered exactly;
 * a key reused concurrently on a different item is caught by the unique constraint, and the losing
 * transaction rolls back and reports a duplicate.
 */
export class KyselyItemStore implements ItemStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async applyEvent(input: ApplyEventInput): Promise<ApplyEventOutcome> {
    try {
      return await atomically<ApplyEventOutcome>(this.db, async (trx) => {
        const row = await this.lockItem(trx, input.storeId, input.itemId);
        if (row === undefined) {
          return refused(refuse(STORAGE_REFUSALS.itemNotFound, `No item ${input.itemId} in this store.`));
        }
        if (await isApplied(trx, input.storeId, input.idempotencyKey)) {
          return { applied: false, duplicate: true, item: toItemRecord(row) };
        }
        const rules = input.rules ?? (await loadRules(trx, input.storeId));
        if (rules === null) return refused(storeNotFound(input.storeId));

        const orderLineProblem = await checkOrderLine(trx, input, row);
        if (orderLineProblem !== null) return refused(orderLineProblem);

        const result = decide(toCoreItem(row), input.event, rules, input.now);
        if (!result.ok) return refused(result);

        const item = await updateItem(trx, row, result.decision, input.now);
        await appendHistory(trx, input, input.event, item, result.decision);
        await recordOrderLine(trx, input, result.decision);
        return { applied: true, duplicate: false, item: toItemRecord(item), decision: result.decision };
      });
    } catch (error) {
      if (!isUniqueViolation(error, UNIQUE.eventKey)) throw error;
      return { applied: false, duplicate: true, item: await this.getItem(input.storeId, input.itemId) };
    }
  }

  async assignProduct(input: AssignProductInput): Promise<AssignProductOutcome> {
    if (input.items.length === 0) {
      return refused(
        refuse(STORAGE_REFUSALS.productHasNoItems, 'A product to assign needs at least one item.'),
      );
    }
    const keyOf = (item: AssignedItemInput) =>
      `${input.idempotencyKey}#variant:${item.bcVariantId ?? 'none'}`;
    try {
      return await atomically<AssignProductOutcome>(this.db, async (trx) => {
        const rules = input.rules ?? (await loadRules(trx, input.storeId));
        if (rules === null) return refused(storeNotFound(input.storeId));
        // The upsert locks the product row: two assignments of one product run one after the other.
        const product = await upsertAssignedProduct(trx, input);
        if (await isApplied(trx, input.storeId, keyOf(input.items[0]!)))
          abort({ applied: false, duplicate: true });

        const items: { item: ItemRecord; decision: Decision }[] = [];
        for (const wanted of input.items) {
          const existing = await this.lockItemByBcIds(
            trx,
            input.storeId,
            product.bc_product_id,
            wanted.bcVariantId,
          );
          const event: Extract<ItemEvent, { kind: 'assigned' }> = {
            kind: 'assigned',
            stock: wanted.stock,
            threshold: wanted.threshold,
            incoming: wanted.incoming,
            backInStockDate: wanted.backInStockDate,
            // A re-assigned item continues its episode count, so an old give-back cannot match.
            ...(existing === undefined ? {} : { lastEpisode: existing.episode }),
          };
          const result = decide(
            existing === undefined ? null : toCoreItem(existing),
            event,
            rules,
            input.now,
          );
          if (!result.ok) abort(refused(result));

          const before = existing ?? (await insertUnassignedItem(trx, product, wanted, input.now));
          const after = await updateItem(trx, before, result.decision, input.now, {
            sku: emptyToNull(wanted.sku),
          });
          await appendHistory(
            trx,
            { ...input, idempotencyKey: keyOf(wanted) },
            event,
            after,
            result.decision,
          );
          items.push({ item: toItemRecord(after), decision: result.decision });
        }
        return { applied: true, duplicate: false, product: toProductRecord(product), items };
      });
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE.eventKey)) return { applied: false, duplicate: true };
      if (isUniqueViolation(error, UNIQUE.itemSku)) {
        return refused(
          refuse(STORAGE_REFUSALS.skuTaken, 'Another assigned item already has one of these SKUs.'),
        );
      }
      throw error;
    }
  }

  async unassignProduct(input: UnassignProductInput): Promise<UnassignProductOutcome> {
    try {
      return await atomically<UnassignProductOutcome>(this.db, async (trx) => {
        const product = await trx
          .selectFrom('products')
          .selectAll()
          .where('store_id', '=', input.storeId)
          .where('id', '=', input.productId)
          .$if(this.dialect === 'postgres', (q) => q.forUpdate())
          .executeTakeFirst();
        if (product === undefined) {
          return refused(
            refuse(STORAGE_REFUSALS.productNotFound, `No product ${input.productId} in this store.`),
          );
        }
        const rows = await trx
          .selectFrom('items')
          .selectAll()
          .where('store_id', '=', input.storeId)
          .where('product_id', '=', product.id)
          .where('active', '=', toBool(true))
          .orderBy('id')
          .$if(this.dialect === 'postgres', (q) => q.forUpdate())
          .execute();
        const keyOf = (row: ItemRow) => `${input.idempotencyKey}#item:${row.id}`;
        // Checked before "not assigned": a retry of an unassignment must answer duplicate, not refuse.
        if (await isApplied(trx, input.storeId, `${input.idempotencyKey}#product`)) {
          return { applied: false, duplicate: true };
        }
        if (!toBoolean(product.assigned)) {
          return refused(
            refuse(STORAGE_REFUSALS.productNotAssigned, 'The product is not assigned to Backorder.'),
          );
        }
        const rules = input.rules ?? (await loadRules(trx, input.storeId));
        if (rules === null) return refused(storeNotFound(input.storeId));

        const items: { item: ItemRecord; decision: Decision }[] = [];
        const event: ItemEvent = { kind: 'unassigned' };
        for (const row of rows) {
          const result = decide(toCoreItem(row), event, rules, input.now);
          if (!result.ok) abort(refused(result));
          const after = await updateItem(trx, row, result.decision, input.now);
          await appendHistory(trx, { ...input, idempotencyKey: keyOf(row) }, event, after, result.decision);
          items.push({ item: toItemRecord(after), decision: result.decision });
        }
        const updated = await trx
          .updateTable('products')
          .set({
            assigned: toBool(false),
            unassigned_at: toTimestamp(input.now),
            updated_at: toTimestamp(input.now),
          })
          .where('store_id', '=', input.storeId)
          .where('id', '=', product.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await journalProductEvent(trx, input, rows[0], `${input.idempotencyKey}#product`);
        return { applied: true, duplicate: false, product: toProductRecord(updated), items };
      });
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE.eventKey)) return { applied: false, duplicate: true };
      throw error;
    }
  }

  async getItem(storeId: number, itemId: number): Promise<ItemRecord | null> {
    const row = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', itemId)
      .executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async findItemByBcIds(
    storeId: number,
    bcProductId: number,
    bcVariantId: number | null,
  ): Promise<ItemRecord | null> {
    const row = await this.selectByBcIds(this.db, storeId, bcProductId, bcVariantId).executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async findItemBySku(storeId: number, sku: string): Promise<ItemRecord | null> {
    const row = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('sku', '=', sku)
      .where('active', '=', toBool(true))
      .executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async listItems(storeId: number, query: ItemQuery = {}): Promise<ItemRecord[]> {
    const rows = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .$if(query.activeOnly ?? true, (q) => q.where('active', '=', toBool(true)))
      .$if(query.productId !== undefined, (q) => q.where('product_id', '=', query.productId!))
      .$if(query.status !== undefined, (q) => q.where('status', '=', query.status!))
      .$if(query.backInStockDateOnOrBefore !== undefined, (q) =>
        q.where('back_in_stock_date', '<=', query.backInStockDateOnOrBefore!),
      )
      .$if(query.afterId !== undefined, (q) => q.where('id', '>', query.afterId!))
      .orderBy('id')
      .limit(query.limit ?? 500)
      .execute();
    return rows.map(toItemRecord);
  }

  private lockItem(trx: Tx, storeId: number, itemId: number): Promise<ItemRow | undefined> {
    return trx
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', itemId)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
  }

  private lockItemByBcIds(
    trx: Tx,
    storeId: number,
    bcProductId: number,
    bcVariantId: number | null,
  ): Promise<ItemRow | undefined> {
    return this.selectByBcIds(trx, storeId, bcProductId, bcVariantId)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
  }

  private selectByBcIds(db: Kysely<DB>, storeId: number, bcProductId: number, bcVariantId: number | null) {
    return db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('bc_product_id', '=', bcProductId)
      .where(sql<number>`coalesce(bc_variant_id, 0)`, '=', bcVariantId ?? 0);
  }
}

/** Ends a transaction early and rolls it back, answering `outcome` instead. */
class Abort {
  constructor(readonly outcome: unknown) {}
}

function abort(outcome: unknown): never {
  throw new Abort(outcome);
}

async function atomically<T>(db: Kysely<DB>, work: (trx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (error instanceof Abort) return error.outcome as T;
    throw error;
  }
}

function refused(refusal: Refusal): { applied: false; duplicate: false; refusal: Refusal } {
  return { applied: false, duplicate: false, refusal };
}

function storeNotFound(storeId: number): Refusal {
  return refuse(STORAGE_REFUSALS.storeNotFound, `No store ${storeId}.`);
}

function toBoolean(value: boolean | number): boolean {
  return value === true || value === 1;
}

function emptyToNull(sku: string | null): string | null {
  return sku === null || sku.trim() === '' ? null : sku;
}

async function isApplied(trx: Tx, storeId: number, idempotencyKey: string): Promise<boolean> {
  const row = await trx
    .selectFrom('item_events')
    .select('id')
    .where('store_id', '=', storeId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Writes the item's numbers after a decision. Also checks the invariant the ledger rests on —
 * stock after = stock before + the movement — so a bug in the rules can never write drifting stock.
 */
async function updateItem(
  trx: Tx,
  before: ItemRow,
  decision: Decision,
  now: Date,
  extra: { sku?: string | null } = {},
): Promise<ItemRow> {
  const after = decision.item;
  const stock = before.stock + (decision.movement?.delta ?? 0);
  if (after !== null && after.stock !== stock) {
    throw new Error(`Stock not conserved for item ${before.id}: ${before.stock} + movement ≠ ${after.stock}`);
  }
  const numbers =
    after === null
      ? {
          // Unassigned: the ledger's unassignment row has given stock and B back to zero.
          stock,
          backordered: before.backordered + (decision.movement?.backorderedDelta ?? 0),
          block: null,
          status: null,
          active: toBool(false),
        }
      : {
          stock,
          threshold: after.threshold,
          backordered: after.backordered,
          incoming: after.incoming,
          back_in_stock_date: after.backInStockDate,
          block: after.block,
          status: after.status,
          active: toBool(true),
        };
  return trx
    .updateTable('items')
    .set({ ...numbers, ...extra, episode: decision.episode, updated_at: toTimestamp(now) })
    .where('store_id', '=', before.store_id)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Journals the event and appends its ledger row, transition row and effects (outbox). */
async function appendHistory(
  trx: Tx,
  ctx: Context,
  event: ItemEvent,
  item: ItemRow,
  decision: Decision,
): Promise<void> {
  const now = toTimestamp(ctx.now);
  const who = { cause_type: ctx.cause.type, cause_ref: ctx.cause.ref, actor: ctx.actor, created_at: now };
  const { id: eventId } = await trx
    .insertInto('item_events')
    .values({
      store_id: ctx.storeId,
      item_id: item.id,
      idempotency_key: ctx.idempotencyKey,
      kind: event.kind,
      event: toJson(event),
      ...who,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  if (decision.movement !== null) {
    await trx
      .insertInto('ledger')
      .values({
        store_id: ctx.storeId,
        item_id: item.id,
        event_id: eventId,
        idempotency_key: ctx.idempotencyKey,
        kind: decision.movement.kind,
        delta: decision.movement.delta,
        backordered_delta: decision.movement.backorderedDelta,
        stock_after: item.stock,
        backordered_after: item.backordered,
        episode: decision.episode,
        ...who,
      })
      .execute();
  }

  if (decision.changed) {
    await trx
      .insertInto('transitions')
      .values({
        store_id: ctx.storeId,
        item_id: item.id,
        event_id: eventId,
        from_status: decision.from.status,
        from_block: decision.from.block,
        to_status: decision.to.status,
        to_block: decision.to.block,
        reason: decision.reason,
        ...who,
      })
      .execute();
  }

  if (decision.effects.length > 0) {
    await trx
      .insertInto('outbox')
      .values(
        decision.effects.map((effect) => {
          const payload: EffectPayload = {
            effect,
            itemId: item.id,
            productId: item.product_id,
            bcProductId: item.bc_product_id,
            bcVariantId: item.bc_variant_id,
            sku: item.sku,
            from: decision.from,
            to: decision.to,
            reason: decision.reason,
            eventId,
          };
          return {
            store_id: ctx.storeId,
            kind: effect.kind,
            coalesce_key:
              effect.kind === 'setPurchasable' ? `purchasable:item:${item.id}` : `notify:${effect.event}`,
            payload: toJson(payload),
            available_at: now,
            created_at: now,
          };
        }),
      )
      .execute();
  }
}

/**
 * Records a product-wide change (unassignment) in the journal under its own key, so a retry is
 * recognised even when the product had no assigned items left. Journalled against its first item.
 */
async function journalProductEvent(trx: Tx, ctx: Context, firstItem: ItemRow | undefined, key: string) {
  if (firstItem === undefined) return;
  await trx
    .insertInto('item_events')
    .values({
      store_id: ctx.storeId,
      item_id: firstItem.id,
      idempotency_key: key,
      kind: 'unassigned',
      event: toJson({ kind: 'unassigned', scope: 'product', productId: firstItem.product_id }),
      cause_type: ctx.cause.type,
      cause_ref: ctx.cause.ref,
      actor: ctx.actor,
      created_at: toTimestamp(ctx.now),
    })
    .execute();
}

async function upsertAssignedProduct(trx: Tx, input: AssignProductInput): Promise<ProductRow> {
  const now = toTimestamp(input.now);
  const values = {
    name: input.product.name,
    sku: emptyToNull(input.product.sku),
    template_id: input.product.templateId,
    assigned: toBool(true),
    original_settings: toJson(input.product.originalSettings ?? null),
    assigned_at: now,
    unassigned_at: null,
    updated_at: now,
  };
  return trx
    .insertInto('products')
    .values({ store_id: input.storeId, bc_product_id: input.product.bcProductId, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['store_id', 'bc_product_id']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A new item row, unassigned until the assignment decision is written onto it. */
async function insertUnassignedItem(
  trx: Tx,
  product: ProductRow,
  wanted: AssignedItemInput,
  now: Date,
): Promise<ItemRow> {
  return trx
    .insertInto('items')
    .values({
      store_id: product.store_id,
      product_id: product.id,
      bc_product_id: product.bc_product_id,
      bc_variant_id: wanted.bcVariantId,
      sku: emptyToNull(wanted.sku),
      stock: 0,
      threshold: null,
      backordered: 0,
      incoming: 0,
      back_in_stock_date: null,
      block: null,
      status: null,
      episode: 0,
      active: toBool(false),
      created_at: toTimestamp(now),
      updated_at: toTimestamp(now),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Refuses an order line that does not fit the event, before anything is written. */
async function checkOrderLine(trx: Tx, input: ApplyEventInput, item: ItemRow): Promise<Refusal | null> {
  if (input.orderLine === undefined) return null;
  const { event } = input;
  if (event.kind !== 'sold' && event.kind !== 'returned') {
    throw new Error(`An order line goes with a sale or a give-back, not with '${event.kind}'`);
  }
  const line = await trx
    .selectFrom('order_lines')
    .selectAll()
    .where('store_id', '=', input.storeId)
    .where('bc_order_product_id', '=', input.orderLine.bcOrderProductId)
    .executeTakeFirst();
  if (event.kind === 'sold') {
    return line === undefined
      ? null
      : refuse(STORAGE_REFUSALS.orderLineAlreadyRecorded, 'This order line was already recorded.');
  }
  if (line === undefined)
    return refuse(STORAGE_REFUSALS.orderLineNotFound, 'No such order line was recorded.');
  if (line.item_id !== item.id) {
    return refuse(STORAGE_REFUSALS.orderLineWrongItem, 'The order line belongs to another item.');
  }
  if (line.returned_quantity + event.quantity > line.quantity) {
    return refuse(
      STORAGE_REFUSALS.orderLineOverReturned,
      `Cannot give back ${event.quantity} units: ${line.quantity - line.returned_quantity} of the line are left.`,
    );
  }
  return null;
}

async function recordOrderLine(trx: Tx, input: ApplyEventInput, decision: Decision): Promise<void> {
  if (input.orderLine === undefined) return;
  const now = toTimestamp(input.now);
  const { event } = input;
  if (event.kind === 'sold') {
    await trx
      .insertInto('order_lines')
      .values({
        store_id: input.storeId,
        bc_order_id: input.orderLine.bcOrderId,
        bc_order_product_id: input.orderLine.bcOrderProductId,
        item_id: input.itemId,
        quantity: event.quantity,
        backordered: decision.movement?.backorderedDelta ?? 0,
        episode: decision.episode,
        created_at: now,
      })
      .execute();
  } else if (event.kind === 'returned') {
    await trx
      .updateTable('order_lines')
      .set((eb) => ({ returned_quantity: eb('returned_quantity', '+', event.quantity), returned_at: now }))
      .where('store_id', '=', input.storeId)
      .where('bc_order_product_id', '=', input.orderLine.bcOrderProductId)
      .execute();
  }
}
