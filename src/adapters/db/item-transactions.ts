import type { Kysely, Transaction } from 'kysely';
import type { ItemRecord } from '../../app/ports/item-repository.js';
import {
  type AssignedProductWrite,
  IdempotencyKeyTaken,
  type ItemChangeRecord,
  type ItemTransaction,
  type ItemTransactions,
  type ItemWrite,
  type NewItemWrite,
  type OrderLineSaleWrite,
  Rollback,
  SkuTaken,
} from '../../app/ports/item-transactions.js';
import type { OrderLineRecord } from '../../app/ports/order-line-repository.js';
import type { EffectPayload } from '../../app/ports/outbox.js';
import type { ProductRecord } from '../../app/ports/product-repository.js';
import type { ItemRules } from '../../app/ports/settings-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Dialect } from './database.js';
import { isUniqueViolation, UNIQUE } from './errors.js';
import { selectItemByBcIds } from './item.repo.js';
import { toItemRecord, toProductRecord } from './item-rows.js';
import { toOrderLineRecord } from './order-line.repo.js';
import { toBool, toJson, toTimestamp } from './rows.js';
import type { DB } from './schema.js';
import { loadRules } from './store-rules.js';

type Tx = Transaction<DB>;

/**
 * The ItemTransactions port on Kysely, for SQLite and PostgreSQL: queries and row mapping only; what to
 * write is decided in src/app/items.
 *
 * Locking: every `lock…` read takes the row lock it promises until the transaction ends.
 * - PostgreSQL: `SELECT … FOR UPDATE`; concurrent changes of one item queue on that row lock and each
 *   then reads the committed row. Product-wide changes lock the product row, then its items in id order,
 *   so two changes never wait on each other in a cycle.
 * - SQLite: there is one connection and Kysely hands it to one transaction at a time, and transactions
 *   begin IMMEDIATE (sqlite-dialect.ts), holding the database's single write lock from their first
 *   statement. Transactions therefore run one after another, and the plain read is already the latest
 *   committed state — the same guarantee a row lock gives.
 *
 * Idempotency: each change is journalled in `item_events` under its key, unique per store; a key
 * recorded concurrently by another transaction surfaces as `IdempotencyKeyTaken` after rollback.
 */
export class KyselyItemTransactions implements ItemTransactions {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async run<T>(storeId: StoreId, work: (tx: ItemTransaction) => Promise<T | Rollback<T>>): Promise<T> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const result = await work(new KyselyItemTransaction(trx, storeId, this.dialect === 'postgres'));
        if (result instanceof Rollback) throw new RolledBack(result.value);
        return result;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.value as T;
      if (isUniqueViolation(error, UNIQUE.eventKey) || isUniqueViolation(error, UNIQUE.requestKey)) {
        throw new IdempotencyKeyTaken();
      }
      if (isUniqueViolation(error, UNIQUE.itemSku)) throw new SkuTaken();
      throw error;
    }
  }
}

/** Carries a rollback's answer out of Kysely's transaction (which rolls back on a throw). */
class RolledBack {
  constructor(readonly value: unknown) {}
}

class KyselyItemTransaction implements ItemTransaction {
  constructor(
    private readonly trx: Tx,
    private readonly storeId: StoreId,
    private readonly rowLocks: boolean,
  ) {}

  loadRules(): Promise<ItemRules | null> {
    return loadRules(this.trx, this.storeId);
  }

  async isApplied(idempotencyKey: string): Promise<boolean> {
    const row = await this.trx
      .selectFrom('item_events')
      .select('id')
      .where('store_id', '=', this.storeId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  async findRequestKey(requestKey: string): Promise<string | null> {
    const row = await this.trx
      .selectFrom('request_keys')
      .select('fingerprint')
      .where('store_id', '=', this.storeId)
      .where('request_key', '=', requestKey)
      .executeTakeFirst();
    return row?.fingerprint ?? null;
  }

  async recordRequestKey(requestKey: string, fingerprint: string, at: Date): Promise<void> {
    await this.trx
      .insertInto('request_keys')
      .values({
        store_id: this.storeId,
        request_key: requestKey,
        fingerprint,
        created_at: toTimestamp(at),
      })
      .execute();
  }

  async lockItem(itemId: number): Promise<ItemRecord | null> {
    const row = await this.trx
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', this.storeId)
      .where('id', '=', itemId)
      .$if(this.rowLocks, (q) => q.forUpdate())
      .executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async lockItemByBcIds(bcProductId: number, bcVariantId: number | null): Promise<ItemRecord | null> {
    const row = await selectItemByBcIds(this.trx, this.storeId, bcProductId, bcVariantId)
      .$if(this.rowLocks, (q) => q.forUpdate())
      .executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async lockItemsOfProduct(
    productId: number,
    options: { readonly activeOnly: boolean },
  ): Promise<ItemRecord[]> {
    const rows = await this.trx
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', this.storeId)
      .where('product_id', '=', productId)
      .$if(options.activeOnly, (q) => q.where('active', '=', toBool(true)))
      .orderBy('id')
      .$if(this.rowLocks, (q) => q.forUpdate())
      .execute();
    return rows.map(toItemRecord);
  }

  async lockProduct(productId: number): Promise<ProductRecord | null> {
    const row = await this.trx
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', this.storeId)
      .where('id', '=', productId)
      .$if(this.rowLocks, (q) => q.forUpdate())
      .executeTakeFirst();
    return row === undefined ? null : toProductRecord(row);
  }

  async saveAssignedProduct(product: AssignedProductWrite): Promise<ProductRecord> {
    const now = toTimestamp(product.at);
    const values = {
      name: product.name,
      sku: product.sku,
      template_id: product.templateId,
      assigned: toBool(true),
      original_settings: toJson(product.originalSettings ?? null),
      assigned_at: now,
      unassigned_at: null,
      updated_at: now,
    };
    const row = await this.trx
      .insertInto('products')
      .values({ store_id: this.storeId, bc_product_id: product.bcProductId, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['store_id', 'bc_product_id']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProductRecord(row);
  }

  async markProductUnassigned(productId: number, at: Date): Promise<ProductRecord> {
    const row = await this.trx
      .updateTable('products')
      .set({ assigned: toBool(false), unassigned_at: toTimestamp(at), updated_at: toTimestamp(at) })
      .where('store_id', '=', this.storeId)
      .where('id', '=', productId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProductRecord(row);
  }

  async insertItem(item: NewItemWrite): Promise<ItemRecord> {
    const row = await this.trx
      .insertInto('items')
      .values({
        store_id: this.storeId,
        product_id: item.productId,
        bc_product_id: item.bcProductId,
        bc_variant_id: item.bcVariantId,
        sku: item.sku,
        stock: 0,
        threshold: null,
        backordered: 0,
        incoming: 0,
        back_in_stock_date: null,
        block: null,
        status: null,
        episode: 0,
        active: toBool(false),
        created_at: toTimestamp(item.at),
        updated_at: toTimestamp(item.at),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toItemRecord(row);
  }

  async writeItem(itemId: number, numbers: ItemWrite): Promise<ItemRecord> {
    const row = await this.trx
      .updateTable('items')
      .set({
        stock: numbers.stock,
        backordered: numbers.backordered,
        block: numbers.block,
        status: numbers.status,
        active: toBool(numbers.active),
        episode: numbers.episode,
        ...(numbers.threshold === undefined ? {} : { threshold: numbers.threshold }),
        ...(numbers.incoming === undefined ? {} : { incoming: numbers.incoming }),
        ...(numbers.backInStockDate === undefined ? {} : { back_in_stock_date: numbers.backInStockDate }),
        ...(numbers.sku === undefined ? {} : { sku: numbers.sku }),
        ...(numbers.optionValues === undefined ? {} : { option_values: toJson(numbers.optionValues) }),
        ...(numbers.cappedLevel === undefined ? {} : { capped_level: numbers.cappedLevel }),
        ...(numbers.nativeBackordered === undefined ? {} : { native_backordered: numbers.nativeBackordered }),
        updated_at: toTimestamp(numbers.at),
      })
      .where('store_id', '=', this.storeId)
      .where('id', '=', itemId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toItemRecord(row);
  }

  async recordChange(change: ItemChangeRecord): Promise<void> {
    const now = toTimestamp(change.at);
    const who = {
      cause_type: change.cause.type,
      cause_ref: change.cause.ref,
      actor: change.actor,
      created_at: now,
    };
    const { id: eventId } = await this.trx
      .insertInto('item_events')
      .values({
        store_id: this.storeId,
        item_id: change.itemId,
        idempotency_key: change.idempotencyKey,
        kind: change.event.kind,
        event: toJson(change.event),
        ...who,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    if (change.movement !== null) {
      const { movement } = change;
      await this.trx
        .insertInto('ledger')
        .values({
          store_id: this.storeId,
          item_id: change.itemId,
          event_id: eventId,
          idempotency_key: change.idempotencyKey,
          kind: movement.kind,
          delta: movement.delta,
          backordered_delta: movement.backorderedDelta,
          stock_after: movement.stockAfter,
          backordered_after: movement.backorderedAfter,
          episode: movement.episode,
          ...who,
        })
        .execute();
    }

    if (change.transition !== null) {
      const { from, to, reason } = change.transition;
      await this.trx
        .insertInto('transitions')
        .values({
          store_id: this.storeId,
          item_id: change.itemId,
          event_id: eventId,
          from_status: from.status,
          from_block: from.block,
          to_status: to.status,
          to_block: to.block,
          reason,
          ...who,
        })
        .execute();
    }

    if (change.effects.length > 0) {
      await this.trx
        .insertInto('outbox')
        .values(
          change.effects.map((effect) => {
            const payload: EffectPayload = { ...effect.payload, eventId };
            return {
              store_id: this.storeId,
              kind: effect.kind,
              coalesce_key: effect.coalesceKey,
              urgent: toBool(effect.urgent),
              payload: toJson(payload),
              available_at: now,
              created_at: now,
            };
          }),
        )
        .execute();
    }
  }

  async findOrderLine(bcOrderProductId: number): Promise<OrderLineRecord | null> {
    const row = await this.trx
      .selectFrom('order_lines')
      .selectAll()
      .where('store_id', '=', this.storeId)
      .where('bc_order_product_id', '=', bcOrderProductId)
      .executeTakeFirst();
    return row === undefined ? null : toOrderLineRecord(row);
  }

  async recordOrderLineSale(line: OrderLineSaleWrite): Promise<void> {
    await this.trx
      .insertInto('order_lines')
      .values({
        store_id: this.storeId,
        bc_order_id: line.bcOrderId,
        bc_order_product_id: line.bcOrderProductId,
        item_id: line.itemId,
        quantity: line.quantity,
        backordered: line.backordered,
        episode: line.episode,
        created_at: toTimestamp(line.at),
        customer_name: line.customerName,
      })
      .execute();
  }

  async recordOrderLineReturn(bcOrderProductId: number, quantity: number, at: Date): Promise<void> {
    await this.trx
      .updateTable('order_lines')
      .set((eb) => ({
        returned_quantity: eb('returned_quantity', '+', quantity),
        returned_at: toTimestamp(at),
      }))
      .where('store_id', '=', this.storeId)
      .where('bc_order_product_id', '=', bcOrderProductId)
      .execute();
  }
}
