import { Rollback } from '../../../src/app/ports/item-transactions.js';
import type { ModeMoveRecord } from '../../../src/app/ports/mode-move-repository.js';
import type { ReevaluationRecord } from '../../../src/app/ports/reevaluation-repository.js';
import type { InventoryMode } from '../../../src/app/ports/settings-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';

/**
 * The tables of the in-memory storage, kept as the database keeps them: immutable rows, timestamps as
 * ISO-8601 text and JSON as text (so every read builds fresh records, and a value that does not survive
 * JSON in the database does not survive it here either), ids from a per-table sequence that a rollback
 * does not rewind (as SQLite's AUTOINCREMENT and PostgreSQL's identity columns).
 *
 * Every operation runs alone, in the order it was asked for, like statements and transactions on the
 * app's single SQLite connection; a failed operation leaves nothing behind. The repositories in this
 * folder copy the Kysely adapters' queries (src/adapters/db) one by one, and the contract suite in
 * test/adapters/db holds both to the same assertions.
 */
export class InMemoryDatabase {
  readonly stores = new Table<StoreRow>(this);
  readonly settings = new Table<SettingsRow>(this);
  readonly templates = new Table<TemplateRow>(this);
  readonly products = new Table<ProductRow>(this);
  readonly items = new Table<ItemRow>(this);
  readonly itemEvents = new Table<ItemEventRow>(this);
  readonly ledger = new Table<LedgerRow>(this);
  readonly transitions = new Table<TransitionRow>(this);
  readonly orderLines = new Table<OrderLineRow>(this);
  readonly webhookInbox = new Table<WebhookInboxRow>(this);
  readonly outbox = new Table<OutboxRow>(this);
  readonly levelEchoes = new Table<LevelEchoRow>(this);
  readonly catalogEchoes = new Table<CatalogEchoRow>(this);
  readonly modeMoves = new Table<ModeMoveRecord & { readonly id: number }>(this);
  readonly reevaluations = new Table<ReevaluationRecord & { readonly id: number }>(this);
  readonly notifications = new Table<NotificationRow>(this);
  readonly apiKeys = new Table<ApiKeyRow>(this);
  readonly storeUsers = new Table<StoreUserRow>(this);
  readonly assignmentRuns = new Table<AssignmentRunRow>(this);
  readonly assignmentRunItems = new Table<AssignmentRunItemRow>(this);
  readonly requestKeys = new Table<RequestKeyRow>(this);
  readonly signedRequestUses = new Table<SignedRequestUseRow>(this);
  readonly storeUserRemovals = new Table<StoreUserRemovalRow>(this);
  readonly importRuns = new Table<ImportRunRow>(this);
  readonly importRows = new Table<ImportRowRow>(this);
  readonly importProblems = new Table<ImportProblemRow>(this);

  #queue: Promise<unknown> = Promise.resolve();
  /** Inverse of every write of the operation running now, newest last; null between operations. */
  #undo: (() => void)[] | null = null;

  /** One statement, or a short transaction of several (a synchronous `operation`: nothing interleaves). */
  execute<T>(operation: () => T): Promise<T> {
    return this.#enqueue(async () => {
      this.#undo = [];
      try {
        const result = operation();
        this.#undo = null;
        return result;
      } catch (error) {
        this.#rollBack();
        throw error;
      }
    });
  }

  /**
   * A transaction that spans awaits (the item transactions): nothing else runs until it ends. It commits
   * when `work` resolves, and undoes its writes when `work` resolves with a Rollback or throws. As on
   * SQLite's single connection, `work` must not call the storage ports: they would wait for it to end.
   */
  transaction<T>(work: () => Promise<T | Rollback<T>>): Promise<T> {
    return this.#enqueue(async () => {
      this.#undo = [];
      try {
        const result = await work();
        if (result instanceof Rollback) {
          this.#rollBack();
          return result.value;
        }
        this.#undo = null;
        return result;
      } catch (error) {
        this.#rollBack();
        throw error;
      }
    });
  }

  /** The store's journal (one row per recorded change, under its idempotency key), oldest first. */
  journal(storeId: StoreId): Promise<readonly ItemEventRow[]> {
    return this.execute(() => this.itemEvents.filter((e) => e.storeId === storeId));
  }

  /** Called by the tables before each write. */
  recordUndo(undo: () => void): void {
    if (this.#undo === null) throw new Error('In-memory storage written outside an operation.');
    this.#undo.push(undo);
  }

  #rollBack(): void {
    const undo = this.#undo ?? [];
    this.#undo = null;
    for (let i = undo.length - 1; i >= 0; i -= 1) undo[i]!();
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task);
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** The database refused a write: a unique key, a foreign key or a check constraint (named as in the migrations). */
export class ConstraintViolation extends Error {
  override readonly name = 'ConstraintViolation';
  constructor(
    readonly constraint: string,
    message: string,
  ) {
    super(`${message} (${constraint})`);
  }
}

/** Throws a ConstraintViolation unless `holds`. */
export function check(holds: boolean, constraint: string, message: string): void {
  if (!holds) throw new ConstraintViolation(constraint, message);
}

/** Rows in id (insertion) order; every write goes through the database's undo log. */
export class Table<Row extends object> {
  #rows: Row[] = [];
  #nextId = 1;

  constructor(private readonly database: InMemoryDatabase) {}

  /** The next identity value; never handed out twice, even when the insert is rolled back. */
  nextId(): number {
    const id = this.#nextId;
    this.#nextId += 1;
    return id;
  }

  rows(): readonly Row[] {
    return this.#rows;
  }

  find(predicate: (row: Row) => boolean): Row | undefined {
    return this.#rows.find(predicate);
  }

  filter(predicate: (row: Row) => boolean): Row[] {
    return this.#rows.filter(predicate);
  }

  insert(row: Row): Row {
    const stored = Object.freeze({ ...row });
    this.database.recordUndo(() => {
      this.#rows.pop();
    });
    this.#rows.push(stored);
    return stored;
  }

  update(row: Row, changes: Partial<Row>): Row {
    const index = this.#indexOf(row);
    const stored = Object.freeze({ ...row, ...changes });
    this.database.recordUndo(() => {
      this.#rows[index] = row;
    });
    this.#rows[index] = stored;
    return stored;
  }

  delete(row: Row): void {
    const index = this.#indexOf(row);
    this.database.recordUndo(() => {
      this.#rows.splice(index, 0, row);
    });
    this.#rows.splice(index, 1);
  }

  #indexOf(row: Row): number {
    const index = this.#rows.indexOf(row);
    if (index === -1) throw new Error('In-memory storage: the row is not (any more) in its table.');
    return index;
  }
}

/** Timestamps as stored: ISO-8601 UTC text, which orders as the instants do. */
export type Timestamp = string;
/** JSON as stored: its text. */
export type Json = string;

export function toTimestamp(date: Date): Timestamp {
  return date.toISOString();
}

export function toDate(value: Timestamp): Date {
  return new Date(value);
}

export function toDateOrNull(value: Timestamp | null): Date | null {
  return value === null ? null : new Date(value);
}

export function toJson(value: unknown): Json {
  return JSON.stringify(value);
}

export function fromJson<T>(text: Json): T {
  return JSON.parse(text) as T;
}

export interface StoreRow {
  readonly id: number;
  readonly storeHash: string;
  readonly status: 'installed' | 'uninstalled';
  readonly accessTokenEncrypted: string | null;
  readonly scope: string;
  readonly timezone: string;
  readonly locale: string;
  readonly webhookSecretHash: string | null;
  readonly installedAt: Timestamp;
  readonly uninstalledAt: Timestamp | null;
  readonly updatedAt: Timestamp;
  readonly datesCheckedThrough: string | null;
  readonly name: string | null;
  readonly nativeBackorders: boolean | null;
  readonly nativeBackordersCheckedAt: Timestamp | null;
  readonly locations: number | null;
}

export interface SettingsRow {
  readonly storeId: StoreId;
  readonly switchCondition: number;
  readonly restockOnCancel: boolean;
  readonly keepTrackingOff: boolean;
  readonly notificationEmails: Json;
  readonly notifyEvents: Json;
  readonly inventoryMode: InventoryMode;
  readonly updatedAt: Timestamp;
}

export interface TemplateRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly name: string;
  readonly isDefault: boolean;
  readonly buttonText: string;
  readonly backorderMessage: string;
  readonly cartMessage: string;
  readonly unavailableMessage: string;
  readonly threshold: number | null;
  readonly incomingStock: number;
  readonly backInStockDate: string | null;
  readonly packingSlipMessage: string;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

export interface ProductRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly bcProductId: number;
  readonly name: string;
  readonly sku: string | null;
  readonly templateId: number | null;
  readonly assigned: boolean;
  readonly originalSettings: Json | null;
  readonly assignedAt: Timestamp | null;
  readonly unassignedAt: Timestamp | null;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

export interface ItemRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly productId: number;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  readonly sku: string | null;
  readonly stock: number;
  readonly threshold: number | null;
  readonly backordered: number;
  readonly incoming: number;
  readonly backInStockDate: string | null;
  readonly block: 'threshold' | 'date' | 'manual' | null;
  readonly status: 'in_stock' | 'backorder' | 'unavailable' | null;
  readonly episode: number;
  readonly active: boolean;
  readonly optionValues: Json | null;
  readonly cappedLevel: number | null;
  readonly nativeBackordered: number | null;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

/** The journal: one row per change, under its idempotency key. */
export interface ItemEventRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly itemId: number;
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly event: Json;
  readonly causeType: string;
  readonly causeRef: string | null;
  readonly actor: string;
  readonly createdAt: Timestamp;
}

export interface LedgerRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly itemId: number;
  readonly eventId: number;
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly delta: number;
  readonly backorderedDelta: number;
  readonly stockAfter: number;
  readonly backorderedAfter: number;
  readonly episode: number;
  readonly causeType: string;
  readonly causeRef: string | null;
  readonly actor: string;
  readonly createdAt: Timestamp;
}

export interface TransitionRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly itemId: number;
  readonly eventId: number;
  readonly fromStatus: string | null;
  readonly fromBlock: string | null;
  readonly toStatus: string | null;
  readonly toBlock: string | null;
  readonly reason: string;
  readonly actor: string;
  readonly causeType: string;
  readonly causeRef: string | null;
  readonly createdAt: Timestamp;
}

export interface OrderLineRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly bcOrderId: number;
  readonly bcOrderProductId: number;
  readonly itemId: number;
  readonly quantity: number;
  readonly backordered: number;
  readonly episode: number;
  readonly returnedQuantity: number;
  readonly returnedAt: Timestamp | null;
  readonly createdAt: Timestamp;
  readonly customerName: string | null;
}

export interface WebhookInboxRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly eventHash: string;
  readonly scope: string;
  readonly payload: Json;
  readonly receivedAt: Timestamp;
  readonly processedAt: Timestamp | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

export interface CatalogEchoRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly bcProductId: number;
  readonly createdAt: Timestamp;
}

export interface LevelEchoRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly itemId: number;
  readonly method: 'relative' | 'absolute';
  readonly value: number;
  readonly createdAt: Timestamp;
}

export interface OutboxRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly kind: string;
  readonly coalesceKey: string | null;
  readonly payload: Json;
  readonly urgent: boolean;
  readonly availableAt: Timestamp;
  readonly attempts: number;
  readonly deliveredAt: Timestamp | null;
  readonly lastError: string | null;
  readonly createdAt: Timestamp;
}

export interface NotificationRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly event: string;
  readonly itemId: number | null;
  readonly payload: Json;
  readonly dedupeKey: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Timestamp;
  readonly sentAt: Timestamp | null;
  readonly batchKey: string | null;
  readonly claimedUntil: Timestamp | null;
  readonly outcome: string | null;
}

export interface ApiKeyRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly name: string;
  readonly prefix: string;
  readonly keyHash: string;
  readonly createdAt: Timestamp;
  readonly lastUsedAt: Timestamp | null;
  readonly revokedAt: Timestamp | null;
}

export interface StoreUserRow {
  readonly storeId: StoreId;
  readonly bcUserId: number;
  readonly email: string;
  readonly isOwner: boolean;
  readonly createdAt: Timestamp;
  readonly lastSeenAt: Timestamp;
}

export interface AssignmentRunRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly status: 'pending' | 'running' | 'done' | 'failed';
  readonly templateId: number | null;
  readonly filter: Json | null;
  readonly stockDefaults: Json | null;
  readonly resolved: boolean;
  readonly actor: string;
  readonly error: string | null;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
  readonly finishedAt: Timestamp | null;
}

export interface AssignmentRunItemRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly runId: number;
  readonly bcProductId: number;
  readonly status: 'pending' | 'assigned' | 'skipped' | 'failed';
  readonly code: string | null;
  readonly message: string | null;
  readonly productName: string | null;
  readonly productSku: string | null;
  readonly itemCount: number;
  readonly warnings: Json;
  readonly updatedAt: Timestamp;
}

/** The store must exist (every table's `store_id` references `stores`). */
export function checkStore(database: InMemoryDatabase, storeId: StoreId, table: string): void {
  check(
    database.stores.find((s) => s.id === storeId) !== undefined,
    `${table}_store_fk`,
    `No store ${storeId}`,
  );
}

/** Ordering by id, newest first or oldest first. */
export const byId = (a: { readonly id: number }, b: { readonly id: number }) => a.id - b.id;
export const byIdDescending = (a: { readonly id: number }, b: { readonly id: number }) => b.id - a.id;

/** SQL's `<`, `<=`, `min` over text as SQLite compares it (by code point). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A client's Idempotency-Key with its request's fingerprint (migration 0014). */
export interface RequestKeyRow {
  readonly storeId: StoreId;
  readonly requestKey: string;
  readonly fingerprint: string;
  readonly createdAt: Timestamp;
}

/** A signed request accepted, by its jti, until it expires (migration 0014). */
export interface SignedRequestUseRow {
  readonly storeId: StoreId;
  readonly jti: string;
  readonly expiresAt: Timestamp;
  readonly usedAt: Timestamp;
}

/** A user BigCommerce removed from the app, and when (migration 0014). */
export interface StoreUserRemovalRow {
  readonly storeId: StoreId;
  readonly bcUserId: number;
  readonly removedAt: Timestamp;
}

/** An import run (migrations 0001 and 0017). */
export interface ImportRunRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly status: 'validating' | 'validated' | 'applying' | 'done' | 'failed';
  readonly fileName: string;
  readonly actor: string;
  readonly format: 'csv' | 'xlsx' | null;
  readonly encoding: string | null;
  readonly fileHash: string | null;
  readonly requestKey: string | null;
  readonly totalRows: number;
  readonly validRows: number;
  readonly errorRows: number;
  readonly unchangedRows: number;
  readonly appliedRows: number;
  readonly summary: Json | null;
  readonly applyValidRows: boolean | null;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
  readonly appliedAt: Timestamp | null;
  readonly finishedAt: Timestamp | null;
}

/** A staged valid row of an import (migration 0017); `…Given` says whether the file gave the value. */
export interface ImportRowRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly runId: number;
  readonly line: number;
  readonly sku: string;
  readonly itemId: number;
  readonly stock: number | null;
  readonly stockGiven: boolean;
  readonly threshold: number | null;
  readonly thresholdGiven: boolean;
  readonly incoming: number | null;
  readonly incomingGiven: boolean;
  readonly backInStockDate: string | null;
  readonly backInStockDateGiven: boolean;
  readonly outcome: 'pending' | 'applied' | 'refused' | 'unchanged';
  readonly appliedAt: Timestamp | null;
}

/** A problem of an import (migration 0017). */
export interface ImportProblemRow {
  readonly id: number;
  readonly storeId: StoreId;
  readonly runId: number;
  readonly line: number;
  readonly column: string | null;
  readonly sku: string | null;
  readonly value: string | null;
  readonly code: string;
  readonly message: string;
}
