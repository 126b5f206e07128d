import { expect, test } from 'vitest';
import { type ApplyEventInput, applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { unassignProductItems } from '../../../src/app/items/unassign-product-items.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { anAssignedItem, anAssignment } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase, describeEachSqlDatabase } from './support/databases.js';

let keys = 0;
function change(
  storeId: StoreId,
  itemId: number,
  event: ApplyEventInput['event'],
  key?: string,
): ApplyEventInput {
  keys += 1;
  return {
    storeId,
    itemId,
    event,
    idempotencyKey: key ?? `test:${keys}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:merchant@example.com',
    now: NOW,
  };
}

describeEachDatabase('Item changes (pipeline over ItemTransactions)', (db) => {
  test('assigning a product creates its items with their status, ledger rows, transitions and effects', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const outcome = await assignProductItems(
      repos,
      anAssignment(store.id, {
        items: [
          { stock: 5, threshold: 3 },
          { stock: 0, incoming: 4 },
        ],
      }),
    );
    if (!outcome.applied) throw new Error(JSON.stringify(outcome));

    const [inStock, outOfStock] = outcome.items.map((i) => i.item);
    expect(inStock).toMatchObject({
      stock: 5,
      threshold: 3,
      backordered: 0,
      status: 'in_stock',
      active: true,
    });
    expect(outOfStock).toMatchObject({ stock: 0, incoming: 4, status: 'backorder', active: true });
    expect(outcome.product).toMatchObject({
      assigned: true,
      originalSettings: { inventory_tracking: 'variant' },
    });

    const ledger = await repos.history.listLedger(store.id);
    // Stock 0 moves nothing, so only the first item has an assignment row.
    expect(ledger).toMatchObject([{ itemId: inStock!.id, kind: 'assignment', delta: 5, stockAfter: 5 }]);
    const transitions = await repos.history.listTransitions(store.id);
    expect(transitions.map((t) => [t.itemId, t.from.status, t.to.status]).sort()).toEqual(
      [
        [inStock!.id, null, 'in_stock'],
        [outOfStock!.id, null, 'backorder'],
      ].sort(),
    );
    const effects = outcome.items.flatMap((i) => i.decision.effects);
    const outbox = await repos.outbox.listPending(store.id);
    expect(outbox.map((m) => m.payload.effect)).toEqual(effects);
    expect(outbox.every((m) => [inStock!.id, outOfStock!.id].includes(m.payload.itemId))).toBe(true);
  });

  test('a sale writes the new numbers, its ledger row, the transition and the effects together', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const item = await anAssignedItem(repos, store.id, { stock: 1 });
    const outboxBefore = await db().stored.count('outbox', store.id);

    const outcome = await applyItemEvent(repos, change(store.id, item.id, { kind: 'sold', quantity: 3 }));
    if (!outcome.applied) throw new Error(JSON.stringify(outcome));

    expect(outcome.item).toMatchObject({ stock: -2, backordered: 2, status: 'backorder' });
    expect(await repos.items.getItem(store.id, item.id)).toEqual(outcome.item);
    const [sale] = await repos.history.listLedger(store.id, { itemId: item.id, limit: 1 });
    expect(sale).toMatchObject({
      kind: 'sale',
      delta: -3,
      backorderedDelta: 2,
      stockAfter: -2,
      backorderedAfter: 2,
      episode: outcome.decision.episode,
      causeType: 'admin_action',
      actor: 'admin:merchant@example.com',
    });
    const [transition] = await repos.history.listTransitions(store.id, { itemId: item.id, limit: 1 });
    expect(transition).toMatchObject({
      from: { status: 'in_stock', block: null },
      to: { status: 'backorder', block: null },
      reason: outcome.decision.reason,
    });
    expect(await db().stored.count('outbox', store.id)).toBe(outboxBefore + outcome.decision.effects.length);
  });

  test('the store’s switch condition is read at each change', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 3 });
    const item = await anAssignedItem(repos, store.id, { stock: 5 });

    // 5 → 2 with S = 3: one unit at or below S is a backorder.
    const first = await applyItemEvent(repos, change(store.id, item.id, { kind: 'sold', quantity: 3 }));
    expect(first).toMatchObject({ applied: true, item: { stock: 2, backordered: 1, status: 'backorder' } });

    await repos.settings.updateSettings(store.id, { switchCondition: 0 }, NOW);
    const second = await applyItemEvent(repos, change(store.id, item.id, { kind: 'sold', quantity: 1 }));
    // With S = 0, 2 → 1 backorders nothing, and stock above S ends the episode: B goes back to 0.
    expect(second).toMatchObject({
      applied: true,
      item: { stock: 1, backordered: 0, status: 'in_stock' },
      decision: { backorderedUnits: 0, movement: { kind: 'sale', delta: -1, backorderedDelta: -1 } },
    });
  });

  test('a refusal is returned as a value and writes nothing', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const item = await anAssignedItem(repos, store.id, { stock: 4, incoming: 2 });
    const counts = async () =>
      Promise.all(
        (['ledger', 'transitions', 'item_events', 'outbox'] as const).map((t) =>
          db().stored.count(t, store.id),
        ),
      );
    const before = await counts();

    const outcome = await applyItemEvent(repos, change(store.id, item.id, { kind: 'received', quantity: 5 }));

    expect(outcome).toMatchObject({
      applied: false,
      duplicate: false,
      refusal: { code: 'ITEM.RECEIVE_EXCEEDS_INCOMING' },
    });
    expect(await repos.items.getItem(store.id, item.id)).toEqual(item);
    expect(await counts()).toEqual(before);
  });

  test('the same idempotency key applies once; the second time answers duplicate and changes nothing', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const item = await anAssignedItem(repos, store.id, { stock: 10 });
    const sale = change(store.id, item.id, { kind: 'sold', quantity: 2 }, 'order:1:line:1:sold');

    const first = await applyItemEvent(repos, sale);
    const again = await applyItemEvent(repos, { ...sale, now: new Date(NOW.getTime() + 60_000) });
    // The key identifies the change: a different event under the same key is still the same change.
    const other = await applyItemEvent(repos, { ...sale, event: { kind: 'sold', quantity: 7 } });

    expect(first).toMatchObject({ applied: true, item: { stock: 8 } });
    expect(again).toMatchObject({ applied: false, duplicate: true, item: { stock: 8 } });
    expect(other).toMatchObject({ applied: false, duplicate: true });
    expect(await repos.items.getItem(store.id, item.id)).toMatchObject({ stock: 8 });
    expect(await repos.history.ledgerTotals(store.id, item.id)).toEqual({ delta: 8, rows: 2 });
  });

  test('a client’s request key is recorded with its fingerprint: the same key with another request is refused', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const [one, two] = [
      await anAssignedItem(repos, store.id, { stock: 10 }),
      await anAssignedItem(repos, store.id, { stock: 10 }),
    ];
    const request = (fingerprint: string) => ({ key: 'api:client-key-1', fingerprint });
    const edit = (itemId: number, stock: number, key: string, fingerprint: string) => ({
      ...change(store.id, itemId, { kind: 'edited', source: 'api', stock }, key),
      request: request(fingerprint),
    });

    const first = await applyItemEvent(repos, edit(one.id, 4, 'api:client-key-1:edit:one', 'fp-a'));
    const retry = await applyItemEvent(repos, edit(one.id, 4, 'api:client-key-1:edit:one', 'fp-a'));
    const reused = await applyItemEvent(repos, edit(one.id, 5, 'api:client-key-1:edit:one', 'fp-b'));
    const elsewhere = await applyItemEvent(repos, edit(two.id, 5, 'api:client-key-1:edit:two', 'fp-c'));

    expect(first).toMatchObject({ applied: true, item: { stock: 4 } });
    expect(retry).toMatchObject({ applied: false, duplicate: true, item: { stock: 4 } });
    expect(reused).toMatchObject({ applied: false, refusal: { code: 'IDEMPOTENCY.KEY_REUSED' } });
    expect(elsewhere).toMatchObject({ applied: false, refusal: { code: 'IDEMPOTENCY.KEY_REUSED' } });
    expect(await repos.items.getItem(store.id, two.id)).toMatchObject({ stock: 10 });

    // Keys are per store: another store's client may use the same one.
    const other = await aStore(repos);
    const theirs = await anAssignedItem(repos, other.id, { stock: 1 });
    const inOther = await applyItemEvent(repos, {
      ...change(other.id, theirs.id, { kind: 'edited', source: 'api', stock: 2 }),
      request: request('fp-d'),
    });
    expect(inOther.applied).toBe(true);
  });

  test('a request key taken concurrently on two items: one applies, the other is refused as a reuse', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const items = [
      await anAssignedItem(repos, store.id, { stock: 10 }),
      await anAssignedItem(repos, store.id, { stock: 10 }),
    ];
    const outcomes = await Promise.all(
      items.map((item, i) =>
        applyItemEvent(repos, {
          ...change(store.id, item.id, { kind: 'edited', source: 'api', stock: i }),
          request: { key: 'api:racing-key', fingerprint: `fp-${i}` },
        }),
      ),
    );
    const codes = outcomes.map((o) => (o.applied ? 'applied' : o.duplicate ? 'duplicate' : o.refusal.code));
    expect(codes.sort()).toEqual(['IDEMPOTENCY.KEY_REUSED', 'applied']);
  });

  test('idempotency keys are per store', async () => {
    const { repos } = db();
    const [a, b] = [await aStore(repos), await aStore(repos)];
    const itemA = await anAssignedItem(repos, a.id, { stock: 3 });
    const itemB = await anAssignedItem(repos, b.id, { stock: 3 });

    const inA = await applyItemEvent(
      repos,
      change(a.id, itemA.id, { kind: 'sold', quantity: 1 }, 'order:9:sold'),
    );
    const inB = await applyItemEvent(
      repos,
      change(b.id, itemB.id, { kind: 'sold', quantity: 1 }, 'order:9:sold'),
    );

    expect(inA.applied).toBe(true);
    expect(inB.applied).toBe(true);
  });

  test('a store cannot read or change another store’s items, products, history or outbox', async () => {
    const { repos } = db();
    const [a, b] = [await aStore(repos), await aStore(repos)];
    const assigned = await assignProductItems(
      repos,
      anAssignment(a.id, { items: [{ stock: 2, sku: `A-${a.id}` }] }),
    );
    if (!assigned.applied) throw new Error(JSON.stringify(assigned));
    const itemA = assigned.items[0]!.item;
    await aStore(repos); // noise

    expect(await repos.items.getItem(b.id, itemA.id)).toBeNull();
    expect(await repos.items.findItemBySku(b.id, `A-${a.id}`)).toBeNull();
    expect(await repos.items.findItemByBcIds(b.id, itemA.bcProductId, itemA.bcVariantId)).toBeNull();
    expect(await repos.items.listItems(b.id)).toEqual([]);
    expect(await repos.products.getProduct(b.id, assigned.product.id)).toBeNull();
    expect(await repos.history.listLedger(b.id)).toEqual([]);
    expect(await repos.history.listTransitions(b.id)).toEqual([]);
    expect(await repos.outbox.listPending(b.id)).toEqual([]);
    expect(await repos.outbox.claim(b.id, { now: NOW, leaseUntil: NOW })).toEqual([]);

    const sale = await applyItemEvent(repos, change(b.id, itemA.id, { kind: 'sold', quantity: 1 }));
    expect(sale).toMatchObject({ applied: false, refusal: { code: 'ITEM.NOT_FOUND' } });
    const unassign = await unassignProductItems(repos, {
      ...change(b.id, 0, { kind: 'unassigned' }),
      productId: assigned.product.id,
    });
    expect(unassign).toMatchObject({ applied: false, refusal: { code: 'PRODUCT.NOT_FOUND' } });
    expect(await repos.products.setTemplate(b.id, assigned.product.id, null, NOW)).toBeNull();
    expect(await repos.items.getItem(a.id, itemA.id)).toEqual(itemA);

    // Even a buggy caller cannot link a product to another store's template: the keys include the store.
    const templateB = await repos.templates.createTemplate(b.id, templateInput('B'), NOW);
    if (!templateB.ok) throw new Error(templateB.code);
    await expect(
      repos.products.setTemplate(a.id, assigned.product.id, templateB.template.id, NOW),
    ).rejects.toThrow();
  });

  test('an order line is recorded with the sale’s backordered units and episode, and given back once', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const item = await anAssignedItem(repos, store.id, { stock: 1 });
    const line = { bcOrderId: 500, bcOrderProductId: 9_000 + item.id };

    const sold = await applyItemEvent(repos, {
      ...change(store.id, item.id, { kind: 'sold', quantity: 3 }),
      orderLine: line,
    });
    if (!sold.applied) throw new Error(JSON.stringify(sold));
    const recorded = await repos.orderLines.findOrderLine(store.id, line.bcOrderProductId);
    expect(recorded).toMatchObject({
      itemId: item.id,
      quantity: 3,
      backordered: 2,
      episode: sold.decision.episode,
    });
    expect(await repos.orderLines.listOrderLines(store.id, 500)).toHaveLength(1);

    const soldAgain = await applyItemEvent(repos, {
      ...change(store.id, item.id, { kind: 'sold', quantity: 3 }),
      orderLine: line,
    });
    expect(soldAgain).toMatchObject({ applied: false, refusal: { code: 'ORDER_LINE.ALREADY_RECORDED' } });

    const giveBack = (quantity: number) =>
      applyItemEvent(repos, {
        ...change(store.id, item.id, {
          kind: 'returned',
          quantity,
          backordered: recorded!.backordered,
          episode: recorded!.episode,
        }),
        orderLine: line,
      });
    const returned = await giveBack(3);
    expect(returned).toMatchObject({ applied: true, item: { stock: 1, backordered: 0 } });
    expect(await repos.orderLines.findOrderLine(store.id, line.bcOrderProductId)).toMatchObject({
      returnedQuantity: 3,
      returnedAt: NOW,
    });
    expect(await giveBack(1)).toMatchObject({
      applied: false,
      refusal: { code: 'ORDER_LINE.OVER_RETURNED' },
    });
    expect(await repos.items.getItem(store.id, item.id)).toMatchObject({ stock: 1, backordered: 0 });
  });

  test('unassigning keeps the rows and the history; re-assigning continues the same item and its episodes', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const assignment = anAssignment(store.id, { items: [{ stock: 1 }] });
    const assigned = await assignProductItems(repos, assignment);
    if (!assigned.applied) throw new Error(JSON.stringify(assigned));
    const item = assigned.items[0]!.item;
    const sold = await applyItemEvent(repos, change(store.id, item.id, { kind: 'sold', quantity: 4 }));
    if (!sold.applied) throw new Error(JSON.stringify(sold));

    const unassign = { ...change(store.id, 0, { kind: 'unassigned' }), productId: assigned.product.id };
    const unassigned = await unassignProductItems(repos, unassign);
    expect(unassigned).toMatchObject({ applied: true, product: { assigned: false, unassignedAt: NOW } });
    const gone = await repos.items.getItem(store.id, item.id);
    expect(gone).toMatchObject({ active: false, status: null, block: null, stock: 0, backordered: 0 });
    expect(await repos.items.listItems(store.id)).toEqual([]);
    expect(await repos.items.listItems(store.id, { activeOnly: false })).toHaveLength(1);
    expect(await unassignProductItems(repos, unassign)).toMatchObject({ applied: false, duplicate: true });
    expect(
      await applyItemEvent(repos, change(store.id, item.id, { kind: 'sold', quantity: 1 })),
    ).toMatchObject({
      applied: false,
      refusal: { code: 'ITEM.NOT_ASSIGNED' },
    });

    const again = await assignProductItems(repos, {
      ...assignment,
      idempotencyKey: 'assign:again',
      items: [{ ...assignment.items[0]!, stock: 6 }],
    });
    if (!again.applied) throw new Error(JSON.stringify(again));
    expect(again.items[0]!.item).toMatchObject({ id: item.id, active: true, stock: 6, status: 'in_stock' });
    expect(again.items[0]!.item.episode).toBeGreaterThanOrEqual(sold.item.episode);
    expect(again.product.id).toBe(assigned.product.id);
    // Σ ledger = stock across the whole life of the item.
    expect(await repos.history.ledgerTotals(store.id, item.id)).toEqual({ delta: 6, rows: 4 });
  });

  test('an item keeps the option values of its variant; re-assignment records them again, and none given keeps them', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const values = [
      { optionId: 301, valueId: 3_001 },
      { optionId: 302, valueId: 3_005 },
    ];
    const assignment = anAssignment(store.id, {
      items: [{ optionValues: values }, { bcVariantId: null, optionValues: [] }, {}],
    });
    const assigned = await assignProductItems(repos, assignment);
    if (!assigned.applied) throw new Error(JSON.stringify(assigned));
    const [variant, product, unknown] = assigned.items.map((i) => i.item);
    expect(variant!.optionValues).toEqual(values);
    expect(product!.optionValues).toEqual([]);
    // Not given (as for items assigned before the app recorded them): null, never guessed.
    expect(unknown!.optionValues).toBeNull();
    expect((await repos.items.getItem(store.id, variant!.id))!.optionValues).toEqual(values);
    expect((await repos.items.listItems(store.id)).map((i) => i.optionValues)).toEqual([values, [], null]);

    // A change of the item's numbers leaves them alone.
    const sold = await applyItemEvent(repos, change(store.id, variant!.id, { kind: 'sold', quantity: 1 }));
    expect(sold).toMatchObject({ applied: true, item: { optionValues: values } });

    const unassign = { ...change(store.id, 0, { kind: 'unassigned' }), productId: assigned.product.id };
    expect((await unassignProductItems(repos, unassign)).applied).toBe(true);
    const again = await assignProductItems(repos, {
      ...assignment,
      idempotencyKey: 'assign:options-again',
      items: [
        { ...assignment.items[0]!, optionValues: [{ optionId: 301, valueId: 3_002 }] },
        assignment.items[1]!,
        { ...assignment.items[2]!, optionValues: [{ optionId: 301, valueId: 3_003 }] },
      ],
    });
    if (!again.applied) throw new Error(JSON.stringify(again));
    expect(again.items.map((i) => [i.item.id, i.item.optionValues])).toEqual([
      [variant!.id, [{ optionId: 301, valueId: 3_002 }]],
      [product!.id, []],
      [unknown!.id, [{ optionId: 301, valueId: 3_003 }]],
    ]);
  });

  test('assigning an assigned product is refused and leaves the first assignment untouched', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const first = anAssignment(store.id);
    expect((await assignProductItems(repos, first)).applied).toBe(true);

    const second = await assignProductItems(repos, {
      ...first,
      idempotencyKey: 'assign:second',
      product: { ...first.product, originalSettings: { inventory_tracking: 'none' } },
    });

    expect(second).toMatchObject({ applied: false, refusal: { code: 'ITEM.ALREADY_ASSIGNED' } });
    const product = await repos.products.findProductByBcId(store.id, first.product.bcProductId);
    expect(product?.originalSettings).toEqual(first.product.originalSettings);
    expect(await assignProductItems(repos, first)).toEqual({ applied: false, duplicate: true });
  });

  test('an assignment whose SKU another assigned item has is refused as a whole', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const taken = await anAssignedItem(repos, store.id, { sku: `TAKEN-${store.id}` });

    const outcome = await assignProductItems(
      repos,
      anAssignment(store.id, { items: [{ sku: `FREE-${store.id}` }, { sku: taken.sku }] }),
    );

    expect(outcome).toMatchObject({ applied: false, refusal: { code: 'ITEM.SKU_TAKEN' } });
    expect(await repos.items.findItemBySku(store.id, `FREE-${store.id}`)).toBeNull();
    expect(await repos.products.listProducts(store.id)).toHaveLength(1);
  });

  test('history is append-only: later changes never alter earlier rows', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const item = await anAssignedItem(repos, store.id, { stock: 2, threshold: 1 });
    await applyItemEvent(repos, change(store.id, item.id, { kind: 'sold', quantity: 3 }));
    const ledgerBefore = await repos.history.listLedger(store.id);
    const transitionsBefore = await repos.history.listTransitions(store.id);

    await applyItemEvent(repos, change(store.id, item.id, { kind: 'edited', source: 'admin', stock: 10 }));
    await applyItemEvent(repos, change(store.id, item.id, { kind: 'disabled' }));

    const ledgerAfter = await repos.history.listLedger(store.id);
    const transitionsAfter = await repos.history.listTransitions(store.id);
    expect(ledgerAfter.slice(-ledgerBefore.length)).toEqual(ledgerBefore);
    expect(transitionsAfter.slice(-transitionsBefore.length)).toEqual(transitionsBefore);
    const ids = ledgerAfter.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(ledgerAfter.length).toBeGreaterThan(ledgerBefore.length);
    expect(transitionsAfter.length).toBeGreaterThan(transitionsBefore.length);
  });
});

// SQL only: the database's own triggers refuse an UPDATE of the history tables. No port offers such an
// update, so the in-memory storage has nothing to refuse (its history rows are written once, frozen).
describeEachSqlDatabase('Item history in the database', (db) => {
  test('the database refuses updates of the history', async () => {
    const { repos, handle } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const item = await anAssignedItem(repos, store.id, { stock: 2, threshold: 1 });
    await applyItemEvent(repos, change(store.id, item.id, { kind: 'sold', quantity: 3 }));

    for (const table of ['ledger', 'transitions', 'item_events'] as const) {
      await expect(
        handle.db.updateTable(table).set({ actor: 'forger' }).where('store_id', '=', store.id).execute(),
      ).rejects.toThrow(/append-only/);
    }
  });
});

function templateInput(name: string) {
  return {
    name,
    buttonText: 'Pre-order',
    backorderMessage: 'Ships {date}',
    cartMessage: 'Backordered',
    unavailableMessage: '',
    threshold: null,
    incomingStock: 0,
    backInStockDate: null,
    packingSlipMessage: 'Some items follow later.',
  };
}
