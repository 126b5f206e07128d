import { sql } from 'kysely';
import { expect, test } from 'vitest';
import {
  type ApplyEventInput,
  applyItemEvent,
  applyItemEventIn,
} from '../../../src/app/items/apply-item-event.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachSqlDatabase, type SqlTestDatabase } from './support/databases.js';

function saleOf(storeId: StoreId, itemId: number, line: number): ApplyEventInput {
  return {
    storeId,
    itemId,
    event: { kind: 'sold', quantity: 2 },
    idempotencyKey: `order:${line}:line:${line}:sale`,
    cause: { type: 'order_line', ref: String(line) },
    actor: 'bigcommerce',
    now: NOW,
    orderLine: { bcOrderId: line, bcOrderProductId: line },
  };
}

/** A give-back of one unit of a sale that backordered none, in the item's episode. */
function returnOf(storeId: StoreId, itemId: number, line: number, episode: number): ApplyEventInput {
  return {
    ...saleOf(storeId, itemId, line),
    event: { kind: 'returned', quantity: 1, backordered: 0, episode },
    idempotencyKey: `order:${line}:line:${line}:return`,
  };
}

/** BEGIN, COMMIT, or the first word of a statement (`select`, `with`, `update`, `insert`). */
function kinds(statements: readonly string[]): string[] {
  return statements.map((text) => {
    const words = text
      .replace(/^\/\*.*?\*\/\s*/, '')
      .trim()
      .toLowerCase()
      .split(/\s+/);
    return words[0] === 'begin' ? 'begin' : (words[0] ?? '');
  });
}

/** Resolves once a connection of `db` waits for a lock (PostgreSQL), polling pg_stat_activity. */
async function someoneWaitsForALock(db: SqlTestDatabase): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity
      where application_name = ${db.applicationName} and wait_event_type = 'Lock'`.execute(db.handle.db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('No connection waited for the lock.');
}

describeEachSqlDatabase('The stock path in statements', (db) => {
  test('a sale of an order line reads everything it checks with the lock, in one statement; on PostgreSQL it writes in one more', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const item = await anAssignedItem(repos, store.id, { stock: 1 });

    // Stock 1, 2 sold: a ledger row, a transition to backorder and its effects, and the order line.
    const { value: outcome, statements } = await db().recordStatements(() =>
      applyItemEvent(repos, saleOf(store.id, item.id, 7001)),
    );

    expect(outcome).toMatchObject({
      applied: true,
      item: { stock: -1, backordered: 1, status: 'backorder' },
    });
    if (!outcome.applied) throw new Error('not applied');
    expect(outcome.decision.changed).toBe(true);
    expect(outcome.outboxWrites).toBeGreaterThan(0);
    if (db().name === 'postgres') {
      // The raw transaction of a sale at the least (BEGIN, lock, UPDATE, INSERT, COMMIT) is 5.
      expect(kinds(statements)).toEqual(['begin', 'select', 'with', 'commit']);
      expect(statements[1]).toMatch(/for update of i$/);
    } else {
      // No round trips to save on SQLite: one read, then the rows one statement each.
      expect(kinds(statements).filter((kind) => kind === 'select')).toHaveLength(1);
    }
    const line = await repos.orderLines.findOrderLine(store.id, 7001);
    expect(line).toMatchObject({ itemId: item.id, quantity: 2, backordered: 1 });
    expect(await db().stored.count('ledger', store.id)).toBe(2);
    expect(await db().stored.count('transitions', store.id)).toBe(2);
    const outbox = await repos.outbox.listPending(store.id);
    const journal = await db().stored.journal(store.id);
    expect(journal.at(-1)).toMatchObject({ idempotencyKey: 'order:7001:line:7001:sale', kind: 'sold' });
    expect(outbox.length).toBeGreaterThanOrEqual(outcome.outboxWrites);
  });

  test('a duplicate is answered from the one read: begin, read, commit', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const item = await anAssignedItem(repos, store.id, { stock: 5 });
    await applyItemEvent(repos, saleOf(store.id, item.id, 7002));

    const { value: again, statements } = await db().recordStatements(() =>
      applyItemEvent(repos, saleOf(store.id, item.id, 7002)),
    );

    expect(again).toMatchObject({ applied: false, duplicate: true, item: { stock: 3 } });
    expect(kinds(statements).filter((kind) => kind !== 'begin' && kind !== 'commit')).toEqual(['select']);
  });

  test('a change that waited for the item’s lock reads what the change before it committed (order line, key)', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const item = await anAssignedItem(repos, store.id, { stock: 5 });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => {};
    const saleLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });

    // The sale holds the item's lock until released; the give-back of its line waits for it.
    const sale = repos.itemTransactions.run(store.id, async (tx) => {
      const outcome = await applyItemEventIn(tx, saleOf(store.id, item.id, 7003));
      locked();
      await held;
      return outcome;
    });
    await saleLocked;
    const giveBack = applyItemEvent(repos, returnOf(store.id, item.id, 7003, item.episode));
    const again = applyItemEvent(repos, saleOf(store.id, item.id, 7003));
    // PostgreSQL: both wait on the row lock, their statement's snapshot taken before the sale commits.
    if (db().name === 'postgres') await someoneWaitsForALock(db());
    release();

    expect(await sale).toMatchObject({ applied: true });
    expect(await giveBack).toMatchObject({ applied: true });
    expect(await again).toMatchObject({ applied: false, duplicate: true });
    expect(await repos.orderLines.findOrderLine(store.id, 7003)).toMatchObject({
      quantity: 2,
      returnedQuantity: 1,
    });
    expect(await repos.items.getItem(store.id, item.id)).toMatchObject({ stock: 4 });
  });
});
