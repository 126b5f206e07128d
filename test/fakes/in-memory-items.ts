import type { ItemQuery, ItemRecord, ItemRepository } from '../../src/app/ports/item-repository.js';
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
} from '../../src/app/ports/item-transactions.js';
import type { OrderLineRecord } from '../../src/app/ports/order-line-repository.js';
import type { ProductRecord } from '../../src/app/ports/product-repository.js';
import type { StoreRules } from '../../src/core/item.js';

/** What the fake keeps; whole-state copies make rollback exact. */
interface State {
  rules: Map<number, StoreRules>;
  items: ItemRecord[];
  products: ProductRecord[];
  orderLines: OrderLineRecord[];
  /** Journal rows (with their history), in the order they were recorded. */
  changes: (ItemChangeRecord & { readonly storeId: number; readonly eventId: number })[];
  nextId: number;
}

/**
 * The item ports in memory (ItemRepository and ItemTransactions), for fast use-case tests. Keeps the
 * guarantees the port promises: transactions run one at a time (as SQLite's), a rollback or a throw
 * restores the state as it was, idempotency keys are unique per store and SKUs unique among a store's
 * assigned items. The Kysely adapter is held to the same behaviour by test/adapters/db.
 */
export class InMemoryItems implements ItemRepository, ItemTransactions {
  private state: State = {
    rules: new Map(),
    items: [],
    products: [],
    orderLines: [],
    changes: [],
    nextId: 1,
  };
  private queue: Promise<unknown> = Promise.resolve();

  /** A store the items may belong to, with its rules (S 0, Chicago unless given). */
  addStore(storeId: number, rules: Partial<StoreRules> = {}): void {
    this.state.rules.set(storeId, { switchCondition: 0, timeZone: 'America/Chicago', ...rules });
  }

  /** Everything recorded for the store, oldest first: journal rows with their ledger, transition, effects. */
  history(storeId: number): readonly (ItemChangeRecord & { readonly eventId: number })[] {
    return this.state.changes.filter((c) => c.storeId === storeId);
  }

  orderLinesOf(storeId: number): readonly OrderLineRecord[] {
    return this.state.orderLines.filter((l) => l.storeId === storeId);
  }

  run<T>(storeId: number, work: (tx: ItemTransaction) => Promise<T | Rollback<T>>): Promise<T> {
    const result = this.queue.then(() => this.runNow(storeId, work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runNow<T>(storeId: number, work: (tx: ItemTransaction) => Promise<T | Rollback<T>>) {
    const saved = structuredClone(this.state);
    try {
      const result = await work(new InMemoryTransaction(this.state, storeId));
      if (result instanceof Rollback) {
        this.state = saved;
        return result.value;
      }
      return result;
    } catch (error) {
      this.state = saved;
      throw error;
    }
  }

  async getItem(storeId: number, itemId: number): Promise<ItemRecord | null> {
    return this.state.items.find((i) => i.storeId === storeId && i.id === itemId) ?? null;
  }

  async findItemByBcIds(storeId: number, bcProductId: number, bcVariantId: number | null) {
    return (
      this.state.items.find(
        (i) => i.storeId === storeId && i.bcProductId === bcProductId && i.bcVariantId === bcVariantId,
      ) ?? null
    );
  }

  async findItemBySku(storeId: number, sku: string): Promise<ItemRecord | null> {
    return this.state.items.find((i) => i.storeId === storeId && i.active && i.sku === sku) ?? null;
  }

  async listItems(storeId: number, query: ItemQuery = {}): Promise<ItemRecord[]> {
    return this.state.items
      .filter(
        (i) =>
          i.storeId === storeId &&
          (!(query.activeOnly ?? true) || i.active) &&
          (query.productId === undefined || i.productId === query.productId) &&
          (query.status === undefined || i.status === query.status) &&
          (query.backInStockDateOnOrBefore === undefined ||
            (i.backInStockDate !== null && i.backInStockDate <= query.backInStockDateOnOrBefore)) &&
          (query.afterId === undefined || i.id > query.afterId),
      )
      .sort((a, b) => a.id - b.id)
      .slice(0, query.limit ?? 500);
  }
}

class InMemoryTransaction implements ItemTransaction {
  constructor(
    private readonly state: State,
    private readonly storeId: number,
  ) {}

  async loadRules(): Promise<StoreRules | null> {
    return this.state.rules.get(this.storeId) ?? null;
  }

  async isApplied(idempotencyKey: string): Promise<boolean> {
    return this.state.changes.some((c) => c.storeId === this.storeId && c.idempotencyKey === idempotencyKey);
  }

  async lockItem(itemId: number): Promise<ItemRecord | null> {
    return this.state.items.find((i) => i.storeId === this.storeId && i.id === itemId) ?? null;
  }

  async lockItemByBcIds(bcProductId: number, bcVariantId: number | null): Promise<ItemRecord | null> {
    return (
      this.state.items.find(
        (i) => i.storeId === this.storeId && i.bcProductId === bcProductId && i.bcVariantId === bcVariantId,
      ) ?? null
    );
  }

  async lockItemsOfProduct(productId: number, options: { readonly activeOnly: boolean }) {
    return this.state.items
      .filter(
        (i) => i.storeId === this.storeId && i.productId === productId && (!options.activeOnly || i.active),
      )
      .sort((a, b) => a.id - b.id);
  }

  async lockProduct(productId: number): Promise<ProductRecord | null> {
    return this.state.products.find((p) => p.storeId === this.storeId && p.id === productId) ?? null;
  }

  async saveAssignedProduct(product: AssignedProductWrite): Promise<ProductRecord> {
    const existing = this.state.products.find(
      (p) => p.storeId === this.storeId && p.bcProductId === product.bcProductId,
    );
    const saved: ProductRecord = {
      id: existing?.id ?? this.state.nextId++,
      storeId: this.storeId,
      bcProductId: product.bcProductId,
      name: product.name,
      sku: product.sku,
      templateId: product.templateId,
      assigned: true,
      originalSettings: product.originalSettings ?? null,
      assignedAt: product.at,
      unassignedAt: null,
      createdAt: existing?.createdAt ?? product.at,
      updatedAt: product.at,
    };
    this.replace(this.state.products, existing, saved);
    return saved;
  }

  async markProductUnassigned(productId: number, at: Date): Promise<ProductRecord> {
    const product = await this.lockProduct(productId);
    if (product === null) throw new Error(`no product ${productId}`);
    const saved = { ...product, assigned: false, unassignedAt: at, updatedAt: at };
    this.replace(this.state.products, product, saved);
    return saved;
  }

  async insertItem(item: NewItemWrite): Promise<ItemRecord> {
    const record: ItemRecord = {
      id: this.state.nextId++,
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
      createdAt: item.at,
      updatedAt: item.at,
    };
    this.state.items.push(record);
    return record;
  }

  async writeItem(itemId: number, numbers: ItemWrite): Promise<ItemRecord> {
    const before = await this.lockItem(itemId);
    if (before === null) throw new Error(`no item ${itemId}`);
    const { at, ...fields } = numbers;
    const after: ItemRecord = { ...before, ...fields, updatedAt: at };
    const clash = this.state.items.some(
      (i) =>
        i.storeId === this.storeId &&
        i.id !== itemId &&
        i.active &&
        after.active &&
        i.sku !== null &&
        i.sku === after.sku,
    );
    if (clash) throw new SkuTaken();
    this.replace(this.state.items, before, after);
    return after;
  }

  async recordChange(change: ItemChangeRecord): Promise<void> {
    if (await this.isApplied(change.idempotencyKey)) throw new IdempotencyKeyTaken();
    this.state.changes.push({ ...change, storeId: this.storeId, eventId: this.state.nextId++ });
  }

  async findOrderLine(bcOrderProductId: number): Promise<OrderLineRecord | null> {
    return (
      this.state.orderLines.find(
        (l) => l.storeId === this.storeId && l.bcOrderProductId === bcOrderProductId,
      ) ?? null
    );
  }

  async recordOrderLineSale(line: OrderLineSaleWrite): Promise<void> {
    const { at, ...fields } = line;
    this.state.orderLines.push({
      id: this.state.nextId++,
      storeId: this.storeId,
      ...fields,
      returnedQuantity: 0,
      returnedAt: null,
      createdAt: at,
    });
  }

  async recordOrderLineReturn(bcOrderProductId: number, quantity: number, at: Date): Promise<void> {
    const line = await this.findOrderLine(bcOrderProductId);
    if (line === null) return;
    this.replace(this.state.orderLines, line, {
      ...line,
      returnedQuantity: line.returnedQuantity + quantity,
      returnedAt: at,
    });
  }

  private replace<T>(rows: T[], old: T | undefined, next: T): void {
    const index = old === undefined ? -1 : rows.indexOf(old);
    if (index === -1) rows.push(next);
    else rows[index] = next;
  }
}
