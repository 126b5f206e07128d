import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import type { ItemEvent } from '../../../src/core/events.js';
import { NOW } from '../../builders/item.builder.js';
import { assigned, event, rules } from '../../builders/item-event.arbitraries.js';
import { aStore } from '../../builders/store.builder.js';
import { createInMemoryRepositories, InMemoryDatabase } from '../../fakes/in-memory/index.js';

const context = { cause: { type: 'admin_action', ref: null }, actor: 'admin:test', now: NOW } as const;

/** A numbered change; the same number is the same idempotency key, so a repeat is a replay. */
const keyed = fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), event), { maxLength: 30 });

describe('the item pipeline (applyItemEvent)', () => {
  it('R16 replaying an already-applied change changes nothing: same item, no new history', async () => {
    await fc.assert(
      fc.asyncProperty(assigned, keyed, rules, async (start, steps, r) => {
        const db = new InMemoryDatabase();
        const deps = createInMemoryRepositories(db);
        const { id: STORE } = await aStore(deps, {
          switchCondition: r.switchCondition,
          timezone: r.timeZone,
        });
        const history = () => db.journal(STORE);
        const assignment = await assignProductItems(deps, {
          ...context,
          storeId: STORE,
          idempotencyKey: 'assign',
          product: { bcProductId: 7, name: 'P', sku: null, templateId: null, originalSettings: null },
          items: [{ bcVariantId: null, sku: 'SKU-1', ...withoutKind(start) }],
        });
        if (!assignment.applied) return; // refused assignments are the core's tests
        const itemId = assignment.items[0]!.item.id;

        const applied = new Set<string>();
        for (const [n, e] of steps) {
          if (e.kind === 'assigned') continue;
          const key = `change:${n}`;
          const change = { ...context, storeId: STORE, itemId, idempotencyKey: key, event: e };
          const before = await deps.items.getItem(STORE, itemId);
          const historyBefore = (await history()).length;

          const first = await applyItemEvent(deps, change);
          if (applied.has(key)) {
            expect(first).toEqual({ applied: false, duplicate: true, item: before });
          } else if (first.applied) {
            applied.add(key);
          } else {
            // A refusal records nothing and changes nothing.
            expect(await deps.items.getItem(STORE, itemId)).toEqual(before);
          }
          const afterFirst = await deps.items.getItem(STORE, itemId);
          const historyAfterFirst = (await history()).length;
          if (!first.applied) expect(historyAfterFirst).toBe(historyBefore);

          const replay = await applyItemEvent(deps, change);
          expect(await deps.items.getItem(STORE, itemId)).toEqual(afterFirst);
          expect(await history()).toHaveLength(historyAfterFirst);
          if (applied.has(key)) expect(replay).toMatchObject({ applied: false, duplicate: true });
        }
      }),
      { numRuns: 200 },
    );
  });
});

function withoutKind(start: Extract<ItemEvent, { kind: 'assigned' }>) {
  const { kind: _kind, ...numbers } = start;
  return numbers;
}
