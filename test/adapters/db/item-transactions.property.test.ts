import fc from 'fast-check';
import { expect, test } from 'vitest';
import { type ApplyEventInput, applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { decide } from '../../../src/core/decide.js';
import type { Item } from '../../../src/core/item.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

/** What can happen to an item in a random history; `replay` re-sends an earlier change under its key. */
type Op =
  | { readonly type: 'sale'; readonly quantity: number }
  | { readonly type: 'return'; readonly pick: number; readonly quantity: number }
  | { readonly type: 'set'; readonly stock: number }
  | { readonly type: 'sync'; readonly stock: number }
  | { readonly type: 'incoming'; readonly incoming: number }
  | { readonly type: 'receive'; readonly quantity: number }
  | { readonly type: 'replay'; readonly pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('sale' as const), quantity: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('return' as const),
      pick: fc.nat(),
      quantity: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('set' as const), stock: fc.integer({ min: -5, max: 12 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('sync' as const), stock: fc.integer({ min: -5, max: 12 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('incoming' as const), incoming: fc.nat({ max: 6 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('receive' as const), quantity: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('replay' as const), pick: fc.nat() }) },
);

const scenario = fc.record({
  switchCondition: fc.nat({ max: 3 }),
  stock: fc.integer({ min: -3, max: 10 }),
  threshold: fc.option(fc.nat({ max: 6 }), { nil: null }),
  ops: fc.array(op, { minLength: 1, maxLength: 25 }),
});

function numbers(item: ItemRecord | Item) {
  const { stock, threshold, backordered, incoming, backInStockDate, block, status, episode } = item;
  return { stock, threshold, backordered, incoming, backInStockDate, block, status, episode };
}

let runs = 0;

describeEachDatabase('Item changes (property)', (db) => {
  test('through the repository: stock = Σ ledger, B never negative, replays change nothing, state = the rules', async () => {
    const { repos } = db();
    await fc.assert(
      fc.asyncProperty(scenario, async ({ switchCondition, stock, threshold, ops }) => {
        runs += 1;
        const store = await aStore(repos, { switchCondition });
        const rules = { switchCondition, timeZone: store.timezone };
        const created = await anAssignedItem(repos, store.id, { stock, threshold });
        // The model: the pure rules applied to the same accepted changes, in memory.
        let model: Item = { ...numbers(created), status: created.status! };
        const applied: ApplyEventInput[] = [];
        const lines: { bcOrderProductId: number; backordered: number; episode: number; left: number }[] = [];

        for (const [n, o] of ops.entries()) {
          const key = `run:${runs}:op:${n}`;
          const base = {
            storeId: store.id,
            itemId: created.id,
            idempotencyKey: key,
            actor: 'test',
            now: NOW,
          };
          let input: ApplyEventInput;
          switch (o.type) {
            case 'replay': {
              if (applied.length === 0) continue;
              const earlier = applied[o.pick % applied.length]!;
              const before = await repos.items.getItem(store.id, created.id);
              // Same key, even with a different event: still the same change, so nothing happens.
              const outcome = await applyItemEvent(repos, {
                ...earlier,
                event: { kind: 'sold', quantity: 1 },
              });
              expect(outcome).toMatchObject({ applied: false, duplicate: true });
              expect(await repos.items.getItem(store.id, created.id)).toEqual(before);
              continue;
            }
            case 'sale':
              input = {
                ...base,
                event: { kind: 'sold', quantity: o.quantity },
                cause: { type: 'order_line', ref: key },
                orderLine: { bcOrderId: n, bcOrderProductId: runs * 1000 + n },
              };
              break;
            case 'return': {
              const open = lines.filter((l) => l.left > 0);
              if (open.length === 0) continue;
              const line = open[o.pick % open.length]!;
              input = {
                ...base,
                event: {
                  kind: 'returned',
                  quantity: Math.min(o.quantity, line.left),
                  backordered: line.backordered,
                  episode: line.episode,
                },
                cause: { type: 'order_line', ref: key },
                orderLine: { bcOrderId: 0, bcOrderProductId: line.bcOrderProductId },
              };
              break;
            }
            case 'set':
              input = {
                ...base,
                event: { kind: 'edited', source: 'import', stock: o.stock },
                cause: { type: 'import_row', ref: key },
              };
              break;
            case 'sync':
              input = {
                ...base,
                event: { kind: 'synced', stock: o.stock },
                cause: { type: 'bigcommerce_sync', ref: null },
              };
              break;
            case 'incoming':
              input = {
                ...base,
                event: { kind: 'edited', source: 'api', incoming: o.incoming },
                cause: { type: 'api_request', ref: null },
              };
              break;
            case 'receive':
              input = {
                ...base,
                event: { kind: 'received', quantity: o.quantity },
                cause: { type: 'admin_action', ref: null },
              };
              break;
          }

          const expected = decide(model, input.event, rules, NOW);
          const outcome = await applyItemEvent(repos, input);
          if (!expected.ok) {
            expect(outcome).toMatchObject({ applied: false, refusal: { code: expected.code } });
          } else {
            if (!outcome.applied) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
            model = expected.decision.item!;
            applied.push(input);
            if (input.event.kind === 'sold') {
              lines.push({
                bcOrderProductId: input.orderLine!.bcOrderProductId,
                backordered: outcome.decision.movement!.backorderedDelta,
                episode: outcome.decision.episode,
                left: input.event.quantity,
              });
            }
            if (input.event.kind === 'returned') {
              const line = lines.find((l) => l.bcOrderProductId === input.orderLine!.bcOrderProductId)!;
              line.left -= input.event.quantity;
            }
          }
          const stored = (await repos.items.getItem(store.id, created.id))!;
          expect(numbers(stored)).toEqual(numbers(model));
          expect(stored.backordered).toBeGreaterThanOrEqual(0);
        }

        const stored = (await repos.items.getItem(store.id, created.id))!;
        const totals = await repos.history.ledgerTotals(store.id, created.id);
        expect(stored.stock).toBe(totals.delta);
        const ledger = await repos.history.listLedger(store.id, { itemId: created.id, limit: 1000 });
        expect(new Set(ledger.map((r) => r.idempotencyKey)).size).toBe(ledger.length);
        expect(ledger.every((r) => r.backorderedAfter >= 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
