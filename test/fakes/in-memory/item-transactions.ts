import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
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
  type OrderLineSaleWrite,
  type Rollback,
  SkuTaken,
} from '../../../src/app/ports/item-transactions.js';
import type { EffectPayload } from '../../../src/app/ports/outbox.js';
import type { ProductRecord } from '../../../src/app/ports/product-repository.js';
import type { ItemRules } from '../../../src/app/ports/settings-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  byId,
  ConstraintViolation,
  check,
  checkStore,
  type InMemoryDatabase,
  type ItemRow,
  type OrderLineRow,
  toJson,
  toTimestamp,
} from './database.js';
import { checkTemplate, findItemByBcIds, toItemRecord, toProductRecord } from './items.js';
import { toOrderLineRecord } from './order-lines.js';
import { loadRules } from './stores.js';

/** The unique keys whose violation the port names (as the Kysely adapter maps them). */
const EVENT_KEY_UNIQUE = 'item_events_store_id_idempotency_key_key';
const ITEM_SKU_UNIQUE = 'items_store_sku_key';
const REQUEST_KEY_UNIQUE = 'request_keys_pkey';

/**
 * The ItemTransactions port in memory. Keeps the port's promises as SQLite does: transactions run one
 * at a time and nothing else runs meanwhile (so every read is as good as a row lock), a Rollback or a
 * throw undoes every write of the transaction, idempotency keys are unique per store (a clash throws
 * IdempotencyKeyTaken) and SKUs unique among a store's assigned items (SkuTaken), and every read and
 * write is of the transaction's store. The rows it writes (products, items, journal, ledger,
 * transitions, outbox, order lines) are the tables the other in-memory ports read.
 */
export class InMemoryItemTransactions implements ItemTransactions {
  constructor(private readonly db: InMemoryDatabase) {}

  async run<T>(storeId: StoreId, work: (tx: ItemTransaction) => Promise<T | Rollback<T>>): Promise<T> {
    try {
      return await this.db.transaction(async () => {
        const tx = new InMemoryItemTransaction(this.db, storeId);
        try {
          return await work(tx);
        } finally {
          tx.close();
        }
      });
    } catch (error) {
      if (
        error instanceof ConstraintViolation &&
        (error.constraint === EVENT_KEY_UNIQUE || error.constraint === REQUEST_KEY_UNIQUE)
      ) {
        throw new IdempotencyKeyTaken();
      }
      if (error instanceof ConstraintViolation && error.constraint === ITEM_SKU_UNIQUE) throw new SkuTaken();
      throw error;
    }
  }
}

class InMemoryItemTransaction implements ItemTransaction {
  private open = true;

  constructor(
    private readonly db: InMemoryDatabase,
    private readonly storeId: StoreId,
  ) {}

  close(): void {
    this.open = false;
  }

  async loadRules(): Promise<ItemRules | null> {
    this.checkOpen();
    return loadRules(this.db, this.storeId);
  }

  async isApplied(idempotencyKey: string): Promise<boolean> {
    this.checkOpen();
    return (
      this.db.itemEvents.find((e) => e.storeId === this.storeId && e.idempotencyKey === idempotencyKey) !==
      undefined
    );
  }

  private recordRequestKey(requestKey: string, fingerprint: string, at: Date): void {
    checkStore(this.db, this.storeId, 'request_keys');
    check(
      this.db.requestKeys.find((k) => k.storeId === this.storeId && k.requestKey === requestKey) ===
        undefined,
      REQUEST_KEY_UNIQUE,
      'duplicate request key',
    );
    this.db.requestKeys.insert({
      storeId: this.storeId,
      requestKey,
      fingerprint,
      createdAt: toTimestamp(at),
    });
  }

  async lockItem(itemId: number): Promise<ItemRecord | null> {
    this.checkOpen();
    const row = this.item(itemId);
    return row === undefined ? null : toItemRecord(row);
  }

  async lockItemForEvent(itemId: number, reads: ItemEventReads): Promise<LockedItemEvent | null> {
    this.checkOpen();
    const row = this.item(itemId);
    if (row === undefined) return null;
    const line = reads.bcOrderProductId === null ? undefined : this.orderLine(reads.bcOrderProductId);
    return {
      item: toItemRecord(row),
      applied:
        this.db.itemEvents.find(
          (e) => e.storeId === this.storeId && e.idempotencyKey === reads.idempotencyKey,
        ) !== undefined,
      requestFingerprint:
        reads.requestKey === null
          ? null
          : (this.db.requestKeys.find((k) => k.storeId === this.storeId && k.requestKey === reads.requestKey)
              ?.fingerprint ?? null),
      rules: loadRules(this.db, this.storeId),
      orderLine: line === undefined ? null : toOrderLineRecord(line),
    };
  }

  async lockItemByBcIds(bcProductId: number, bcVariantId: number | null): Promise<ItemRecord | null> {
    this.checkOpen();
    const row = findItemByBcIds(this.db, this.storeId, bcProductId, bcVariantId);
    return row === undefined ? null : toItemRecord(row);
  }

  async lockItemsOfProduct(
    productId: number,
    options: { readonly activeOnly: boolean },
  ): Promise<ItemRecord[]> {
    this.checkOpen();
    return this.db.items
      .filter(
        (i) => i.storeId === this.storeId && i.productId === productId && (!options.activeOnly || i.active),
      )
      .sort(byId)
      .map(toItemRecord);
  }

  async lockProduct(productId: number): Promise<ProductRecord | null> {
    this.checkOpen();
    const row = this.db.products.find((p) => p.storeId === this.storeId && p.id === productId);
    return row === undefined ? null : toProductRecord(row);
  }

  async saveAssignedProduct(product: AssignedProductWrite): Promise<ProductRecord> {
    this.checkOpen();
    const now = toTimestamp(product.at);
    const values = {
      name: product.name,
      sku: product.sku,
      templateId: product.templateId,
      assigned: true,
      originalSettings: toJson(product.originalSettings ?? null),
      assignedAt: now,
      unassignedAt: null,
      updatedAt: now,
    };
    checkTemplate(this.db, this.storeId, product.templateId);
    const existing = this.db.products.find(
      (p) => p.storeId === this.storeId && p.bcProductId === product.bcProductId,
    );
    if (existing !== undefined) return toProductRecord(this.db.products.update(existing, values));
    checkStore(this.db, this.storeId, 'products');
    return toProductRecord(
      this.db.products.insert({
        id: this.db.products.nextId(),
        storeId: this.storeId,
        bcProductId: product.bcProductId,
        createdAt: now,
        ...values,
      }),
    );
  }

  async markProductUnassigned(productId: number, at: Date): Promise<ProductRecord> {
    this.checkOpen();
    const row = this.db.products.find((p) => p.storeId === this.storeId && p.id === productId);
    if (row === undefined) throw new Error(`No product ${productId} in store ${this.storeId} to update.`);
    return toProductRecord(
      this.db.products.update(row, {
        assigned: false,
        unassignedAt: toTimestamp(at),
        updatedAt: toTimestamp(at),
      }),
    );
  }

  async insertItem(item: NewItemWrite): Promise<ItemRecord> {
    this.checkOpen();
    check(
      this.db.products.find((p) => p.storeId === this.storeId && p.id === item.productId) !== undefined,
      'items_product_fk',
      `No product ${item.productId} in store ${this.storeId}`,
    );
    check(
      findItemByBcIds(this.db, this.storeId, item.bcProductId, item.bcVariantId) === undefined,
      'items_store_bc_ids_key',
      'The store has this BigCommerce item already',
    );
    const row: ItemRow = {
      id: this.db.items.nextId(),
      storeId: this.storeId,
      productId: item.productId,
      bcProductId: item.bcProductId,
      bcVariantId: item.bcVariantId,
      sku: item.sku,
      stock: 0,
      threshold: null,
      backordered: 0,
      incoming: 0,
      backInStockDate: null,
      block: null,
      status: null,
      episode: 0,
      active: false,
      optionValues: null,
      cappedLevel: null,
      nativeBackordered: null,
      createdAt: toTimestamp(item.at),
      updatedAt: toTimestamp(item.at),
    };
    this.checkItem(row);
    return toItemRecord(this.db.items.insert(row));
  }

  async writeItem(itemId: number, numbers: ItemWrite): Promise<ItemRecord> {
    this.checkOpen();
    const before = this.item(itemId);
    if (before === undefined) throw new Error(`No item ${itemId} in store ${this.storeId} to update.`);
    const after: ItemRow = {
      ...before,
      stock: numbers.stock,
      backordered: numbers.backordered,
      block: numbers.block,
      status: numbers.status,
      active: numbers.active,
      episode: numbers.episode,
      ...(numbers.threshold === undefined ? {} : { threshold: numbers.threshold }),
      ...(numbers.incoming === undefined ? {} : { incoming: numbers.incoming }),
      ...(numbers.backInStockDate === undefined ? {} : { backInStockDate: numbers.backInStockDate }),
      ...(numbers.sku === undefined ? {} : { sku: numbers.sku }),
      ...(numbers.optionValues === undefined ? {} : { optionValues: toJson(numbers.optionValues) }),
      ...(numbers.cappedLevel === undefined ? {} : { cappedLevel: numbers.cappedLevel }),
      ...(numbers.nativeBackordered === undefined ? {} : { nativeBackordered: numbers.nativeBackordered }),
      updatedAt: toTimestamp(numbers.at),
    };
    this.checkItem(after);
    return toItemRecord(this.db.items.update(before, after));
  }

  async recordChange(change: ItemChangeRecord): Promise<void> {
    this.checkOpen();
    const now = toTimestamp(change.at);
    const who = {
      causeType: change.cause.type,
      causeRef: change.cause.ref,
      actor: change.actor,
      createdAt: now,
    };
    check(
      this.item(change.itemId) !== undefined,
      'item_events_item_fk',
      `No item ${change.itemId} in store ${this.storeId}`,
    );
    check(
      this.db.itemEvents.find(
        (e) => e.storeId === this.storeId && e.idempotencyKey === change.idempotencyKey,
      ) === undefined,
      EVENT_KEY_UNIQUE,
      `The key ${change.idempotencyKey} is recorded`,
    );
    const eventId = this.db.itemEvents.nextId();
    this.db.itemEvents.insert({
      id: eventId,
      storeId: this.storeId,
      itemId: change.itemId,
      idempotencyKey: change.idempotencyKey,
      kind: change.event.kind,
      event: toJson(change.event),
      ...who,
    });

    if (change.movement !== null) {
      const { movement } = change;
      check(movement.backorderedAfter >= 0, 'ledger_backordered_after_check', 'Negative B in the ledger');
      this.db.ledger.insert({
        id: this.db.ledger.nextId(),
        storeId: this.storeId,
        itemId: change.itemId,
        eventId,
        idempotencyKey: change.idempotencyKey,
        kind: movement.kind,
        delta: movement.delta,
        backorderedDelta: movement.backorderedDelta,
        stockAfter: movement.stockAfter,
        backorderedAfter: movement.backorderedAfter,
        episode: movement.episode,
        ...who,
      });
    }

    if (change.transition !== null) {
      const { from, to, reason } = change.transition;
      this.db.transitions.insert({
        id: this.db.transitions.nextId(),
        storeId: this.storeId,
        itemId: change.itemId,
        eventId,
        fromStatus: from.status,
        fromBlock: from.block,
        toStatus: to.status,
        toBlock: to.block,
        reason,
        ...who,
      });
    }

    for (const effect of change.effects) {
      const payload: EffectPayload = { ...effect.payload, eventId };
      this.db.outbox.insert({
        id: this.db.outbox.nextId(),
        storeId: this.storeId,
        kind: effect.kind,
        coalesceKey: effect.coalesceKey,
        payload: toJson(payload),
        urgent: effect.urgent,
        availableAt: now,
        attempts: 0,
        deliveredAt: null,
        lastError: null,
        createdAt: now,
      });
    }
  }

  async writeItemEvent(write: ItemEventWrite): Promise<ItemRecord> {
    const item = await this.writeItem(write.change.itemId, write.item);
    await this.recordChange(write.change);
    const { orderLine, requestKey } = write;
    if (orderLine?.kind === 'sale') this.recordOrderLineSale(orderLine.line);
    if (orderLine?.kind === 'return') {
      this.recordOrderLineReturn(orderLine.bcOrderProductId, orderLine.quantity, orderLine.at);
    }
    if (requestKey !== null) this.recordRequestKey(requestKey.key, requestKey.fingerprint, requestKey.at);
    return item;
  }

  private recordOrderLineSale(line: OrderLineSaleWrite): void {
    check(
      this.orderLine(line.bcOrderProductId) === undefined,
      'order_lines_store_id_bc_order_product_id_key',
      `Order line ${line.bcOrderProductId} is recorded`,
    );
    check(this.item(line.itemId) !== undefined, 'order_lines_item_fk', `No item ${line.itemId}`);
    const row: OrderLineRow = {
      id: this.db.orderLines.nextId(),
      storeId: this.storeId,
      bcOrderId: line.bcOrderId,
      bcOrderProductId: line.bcOrderProductId,
      itemId: line.itemId,
      quantity: line.quantity,
      backordered: line.backordered,
      episode: line.episode,
      returnedQuantity: 0,
      returnedAt: null,
      createdAt: toTimestamp(line.at),
      customerName: line.customerName,
    };
    checkOrderLine(row);
    this.db.orderLines.insert(row);
  }

  private recordOrderLineReturn(bcOrderProductId: number, quantity: number, at: Date): void {
    const line = this.orderLine(bcOrderProductId);
    if (line === undefined) return;
    const next = { ...line, returnedQuantity: line.returnedQuantity + quantity, returnedAt: toTimestamp(at) };
    checkOrderLine(next);
    this.db.orderLines.update(line, next);
  }

  private item(itemId: number): ItemRow | undefined {
    return this.db.items.find((i) => i.storeId === this.storeId && i.id === itemId);
  }

  private orderLine(bcOrderProductId: number): OrderLineRow | undefined {
    return this.db.orderLines.find(
      (l) => l.storeId === this.storeId && l.bcOrderProductId === bcOrderProductId,
    );
  }

  /** The items table's unique SKU among assigned items and its checks, for a row about to be written. */
  private checkItem(row: ItemRow): void {
    check(
      row.sku === null ||
        !row.active ||
        this.db.items.find(
          (i) => i.storeId === row.storeId && i.id !== row.id && i.active && i.sku === row.sku,
        ) === undefined,
      ITEM_SKU_UNIQUE,
      `Another assigned item has the SKU ${row.sku}`,
    );
    check(row.backordered >= 0, 'items_backordered_check', 'Negative B');
    check(row.incoming >= 0, 'items_incoming_check', 'Negative incoming stock');
    check(row.threshold === null || row.threshold >= 0, 'items_threshold_check', 'Negative threshold');
    check(
      (row.active && row.status !== null) || (!row.active && row.status === null && row.block === null),
      'items_active_status_check',
      'An assigned item has a status; an unassigned one has neither status nor block',
    );
  }

  private checkOpen(): void {
    if (!this.open) throw new Error('The item transaction has ended.');
  }
}

function checkOrderLine(row: OrderLineRow): void {
  check(row.quantity > 0 && row.backordered >= 0, 'order_lines_quantity_check', 'Bad quantities');
  check(
    row.returnedQuantity >= 0 && row.returnedQuantity <= row.quantity,
    'order_lines_returned_check',
    'More given back than sold',
  );
}
