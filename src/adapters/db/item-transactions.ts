import type { Kysely, Transaction } from 'kysely';
import type { ItemRecord } from '../../app/ports/item-repository.js';
import {
  type AssignedProductWrite,
  IdempotencyKeyTaken,
  type ItemChangeRecord,
  type ItemEventReads,
  type ItemEventWrite,
  type ItemTransaction,
  type ItemTransactions,
  type ItemWrite,
  type LockedItemEvent,
  type NewItemWrite,
  Rollback,
  SkuTaken,
} from '../../app/ports/item-transactions.js';
import type { ProductRecord } from '../../app/ports/product-repository.js';
import type { ItemRules } from '../../app/ports/settings-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Dialect } from './database.js';
import { isUniqueViolation, UNIQUE } from './errors.js';
import { selectItemByBcIds } from './item.repo.js';
import {
  changeStatements,
  selectItemForEvent,
  sqliteItemEventStatements,
  writeItemEventStatement,
} from './item-event-statements.js';
import { type ItemRow, toItemRecord, toProductRecord } from './item-rows.js';
import { toOrderLineRecord } from './order-line.repo.js';
import { fromBool, toBool, toJson, toTimestamp } from './rows.js';
import type { DB } from './schema.js';
import { loadRules, toItemRules } from './store-rules.js';

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
    private readonly postgres: boolean,
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

  async lockItem(itemId: number): Promise<ItemRecord | null> {
    const row = await this.trx
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', this.storeId)
      .where('id', '=', itemId)
      .$if(this.postgres, (q) => q.forUpdate())
      .executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async lockItemForEvent(itemId: number, reads: ItemEventReads): Promise<LockedItemEvent | null> {
    const select = selectItemForEvent(this.postgres, this.storeId, itemId, reads);
    let row = (await this.trx.executeQuery(select)).rows[0];
    if (row === undefined) return null;
    if (!fromBool(row.fresh)) {
      // PostgreSQL: the lock waited for a change of the item that committed after this statement
      // began. The item row is that change's, but the other reads are from the statement's snapshot,
      // from before it (a key it applied, an order line it recorded would be missed). Read again: with
      // the lock held, a new statement sees every change of the item.
      row = (await this.trx.executeQuery(select)).rows[0];
      if (row === undefined)
        throw new Error(`Item ${itemId} of store ${this.storeId} vanished under its lock.`);
    }
    // The row's item columns are an ItemRow's (the others are left unread): no copy without them.
    const { switch_condition, timezone, inventory_mode } = row;
    return {
      item: toItemRecord(row),
      applied: fromBool(row.applied),
      requestFingerprint: row.request_fingerprint,
      rules:
        row.settings_store_id === null ||
        timezone === null ||
        switch_condition === null ||
        inventory_mode === null
          ? null
          : toItemRules({ switch_condition, timezone, inventory_mode }),
      orderLine:
        row.line_id === null
          ? null
          : toOrderLineRecord({
              id: row.line_id,
              store_id: this.storeId,
              bc_order_id: row.line_bc_order_id!,
              bc_order_product_id: row.line_bc_order_product_id!,
              item_id: row.line_item_id!,
              quantity: row.line_quantity!,
              backordered: row.line_backordered!,
              episode: row.line_episode!,
              returned_quantity: row.line_returned_quantity!,
              returned_at: row.line_returned_at,
              created_at: row.line_created_at!,
              customer_name: null,
            }),
    };
  }

  async lockItemByBcIds(bcProductId: number, bcVariantId: number | null): Promise<ItemRecord | null> {
    const row = await selectItemByBcIds(this.trx, this.storeId, bcProductId, bcVariantId)
      .$if(this.postgres, (q) => q.forUpdate())
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
      .$if(this.postgres, (q) => q.forUpdate())
      .execute();
    return rows.map(toItemRecord);
  }

  async lockProduct(productId: number): Promise<ProductRecord | null> {
    const row = await this.trx
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', this.storeId)
      .where('id', '=', productId)
      .$if(this.postgres, (q) => q.forUpdate())
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
    const row = await this.itemUpdate(itemId, numbers).returningAll().executeTakeFirstOrThrow();
    return toItemRecord(row);
  }

  async recordChange(change: ItemChangeRecord): Promise<void> {
    // The same statements as an item event's history on SQLite (item-event-statements.ts).
    const statements = changeStatements(this.postgres, this.storeId, change);
    const event = (await this.trx.executeQuery(statements.event)).rows[0];
    if (event === undefined) throw new Error('The journal row was not inserted.');
    for (const statement of statements.rest(event.id)) await this.trx.executeQuery(statement);
  }

  private itemUpdate(itemId: number, numbers: ItemWrite) {
    return this.trx
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
      .where('id', '=', itemId);
  }

  async writeItemEvent(write: ItemEventWrite): Promise<ItemRecord> {
    if (this.postgres) return this.writeItemEventAtOnce(write);
    // SQLite has no round trips to save: the plain statements, one after the other, as SQL text
    // (item-event-statements.ts) — Kysely's builder cost more than SQLite ran them in.
    const statements = sqliteItemEventStatements(this.storeId, write);
    const item = this.writtenItem(write, (await this.trx.executeQuery(statements.item)).rows[0]);
    const event = (await this.trx.executeQuery(statements.event)).rows[0];
    if (event === undefined) throw new Error('The journal row was not inserted.');
    for (const statement of statements.rest(event.id)) await this.trx.executeQuery(statement);
    return item;
  }

  /** PostgreSQL: the whole change in one statement, one round trip (item-event-statements.ts). */
  private async writeItemEventAtOnce(write: ItemEventWrite): Promise<ItemRecord> {
    const { rows } = await this.trx.executeQuery(writeItemEventStatement(this.storeId, write));
    return this.writtenItem(write, rows[0]);
  }

  private writtenItem(write: ItemEventWrite, row: ItemRow | undefined): ItemRecord {
    if (row === undefined)
      throw new Error(`No item ${write.change.itemId} in store ${this.storeId} to update.`);
    return toItemRecord(row);
  }
}
