import { describe, expect, it } from 'vitest';
import { backorderedUnits } from '../../src/core/backordered-units.js';
import { decide } from '../../src/core/decide.js';
import type { Decision } from '../../src/core/decision.js';
import type { ItemEvent } from '../../src/core/events.js';
import { type Item, MAX_UNITS, type StoreRules } from '../../src/core/item.js';
import { storefrontView } from '../../src/core/messages.js';
import { anItem, FUTURE, NOW, PAST, storeRules, TODAY } from '../builders/item.builder.js';

/** Each title starts with the id of the rule it checks (docs/product.md#rules, src/core/rulebook.ts). */

function apply(item: Item | null, event: ItemEvent, rules: StoreRules = storeRules(), now = NOW): Decision {
  const result = decide(item, event, rules, now);
  if (!result.ok) throw new Error(`expected a decision, got ${result.code}`);
  return result.decision;
}

function refusal(item: Item | null, event: ItemEvent, rules: StoreRules = storeRules()): string | null {
  const result = decide(item, event, rules, NOW);
  return result.ok ? null : result.code;
}

describe('status', () => {
  it('R1 stock above S is in_stock, whatever the block', () => {
    expect(
      apply(anItem({ stock: 6 }), { kind: 'dayStarted' }, storeRules({ switchCondition: 5 })).to.status,
    ).toBe('in_stock');
    expect(
      apply(anItem({ stock: 6, block: 'manual' }), { kind: 'dayStarted' }, storeRules({ switchCondition: 5 }))
        .to,
    ).toEqual({ status: 'in_stock', block: 'manual' });
  });

  it('R2 stock at or below S without a block is backorder', () => {
    expect(
      apply(anItem({ stock: 5 }, 5), { kind: 'dayStarted' }, storeRules({ switchCondition: 5 })).to.status,
    ).toBe('backorder');
  });

  it('R3 stock at or below S with a block is unavailable', () => {
    expect(apply(anItem({ stock: 0, block: 'manual' }), { kind: 'dayStarted' }).to.status).toBe(
      'unavailable',
    );
  });
});

describe('episodes', () => {
  it('R4 stock rising above S ends the episode: B resets to 0 and a threshold block clears', () => {
    const item = anItem({ stock: -4, backordered: 4, threshold: 4, block: 'threshold', episode: 3 });
    const d = apply(item, { kind: 'edited', source: 'import', stock: 2 });
    expect(d.item).toMatchObject({ stock: 2, backordered: 0, block: null, status: 'in_stock', episode: 3 });
    expect(d.reason).toBe('episode_ended');
  });

  it('R4 the end of the episode records B going to 0 in the ledger, with the movement that caused it', () => {
    const item = anItem({ stock: -4, backordered: 4, threshold: 4, block: 'threshold', episode: 3 });
    expect(apply(item, { kind: 'edited', source: 'import', stock: 2 }).movement).toEqual({
      kind: 'set',
      delta: 6,
      backorderedDelta: -4,
    });
  });

  it('R4 an episode ended by a change of S alone is a movement of its own: no stock, −B', () => {
    const item = anItem({ stock: 2, backordered: 3, episode: 1 }, 5);
    const d = apply(item, { kind: 'reevaluated' }, storeRules({ switchCondition: 1 }));
    expect(d.item).toMatchObject({ stock: 2, backordered: 0, status: 'in_stock' });
    expect(d.movement).toEqual({ kind: 'episode_end', delta: 0, backorderedDelta: -3 });
  });

  it('R4 a sale that ends an episode (S was lowered) backorders nothing and records the reset of B', () => {
    const item = anItem({ stock: 2, backordered: 1, status: 'backorder', episode: 1 });
    const d = apply(item, { kind: 'sold', quantity: 1 });
    expect(d.item).toMatchObject({ stock: 1, backordered: 0, status: 'in_stock' });
    expect(d.backorderedUnits).toBe(0);
    expect(d.movement).toEqual({ kind: 'sale', delta: -1, backorderedDelta: -1 });
  });

  it('R4 a manual or date block survives the end of the episode', () => {
    expect(
      apply(anItem({ stock: -1, backordered: 1, block: 'manual' }), { kind: 'synced', stock: 9 }).item,
    ).toMatchObject({
      block: 'manual',
      backordered: 0,
    });
  });

  it('R5 falling to S starts a new episode; staying out of stock does not', () => {
    const first = apply(anItem({ stock: 1, episode: 4 }), { kind: 'sold', quantity: 2 });
    expect(first.episode).toBe(5);
    const second = apply(first.item, { kind: 'sold', quantity: 1 });
    expect(second.episode).toBe(5);
  });

  it('R5 an item assigned out of stock starts its first episode', () => {
    const d = apply(null, {
      kind: 'assigned',
      stock: 0,
      threshold: null,
      incoming: 0,
      backInStockDate: null,
    });
    expect(d.item).toMatchObject({ episode: 1, status: 'backorder' });
  });
});

describe('back-in-stock date', () => {
  it('R6 the date block is set when the store-local date reaches D', () => {
    const item = anItem({ stock: -1, backordered: 1, backInStockDate: TODAY, episode: 1 });
    const d = apply(item, { kind: 'dayStarted' });
    expect(d.to).toEqual({ status: 'unavailable', block: 'date' });
    expect(d.reason).toBe('date_reached');
  });

  it('R6 "today" is the date in the store time zone, not in UTC', () => {
    const item = anItem({ stock: 0, backInStockDate: '2026-06-16', episode: 1 });
    // 03:00 UTC on the 16th is still the 15th in Chicago (UTC−5), but already the 16th in Berlin.
    const lateEvening = new Date('2026-06-16T03:00:00Z');
    expect(
      apply(item, { kind: 'dayStarted' }, storeRules({ timeZone: 'America/Chicago' }), lateEvening).to.block,
    ).toBe(null);
    expect(
      apply(item, { kind: 'dayStarted' }, storeRules({ timeZone: 'Europe/Berlin' }), lateEvening).to.block,
    ).toBe('date');
  });

  it('R6 any event touching the item checks the date, not only the scheduler', () => {
    const item = anItem({ stock: -1, backordered: 1, backInStockDate: PAST, episode: 1 });
    expect(apply(item, { kind: 'sold', quantity: 1 }).to).toEqual({ status: 'unavailable', block: 'date' });
  });

  it('R6 the date block replaces a threshold block, which would clear with the episode', () => {
    const item = anItem({
      stock: -2,
      backordered: 2,
      threshold: 2,
      block: 'threshold',
      backInStockDate: TODAY,
    });
    expect(apply(item, { kind: 'dayStarted' }).to.block).toBe('date');
  });
});

describe('threshold', () => {
  it('R7 reaching T while out of stock sets the threshold block', () => {
    const item = anItem({ stock: -2, backordered: 2, threshold: 3, episode: 1 });
    const d = apply(item, { kind: 'sold', quantity: 1 });
    expect(d.item).toMatchObject({ backordered: 3, block: 'threshold', status: 'unavailable' });
    expect(d.reason).toBe('threshold_reached');
  });

  it('R7 an empty threshold never blocks', () => {
    expect(
      apply(anItem({ stock: -100, backordered: 100, episode: 1 }), { kind: 'sold', quantity: 1000 }).to
        .status,
    ).toBe('backorder');
  });

  it('R7 a threshold of 0 means the item is unavailable as soon as it is out of stock', () => {
    expect(apply(anItem({ stock: 1, threshold: 0 }), { kind: 'sold', quantity: 1 }).to).toEqual({
      status: 'unavailable',
      block: 'threshold',
    });
  });

  it('R7 lowering T to B or below blocks at once', () => {
    const item = anItem({ stock: -2, backordered: 2, threshold: 5, episode: 1 });
    expect(apply(item, { kind: 'edited', source: 'api', threshold: 2 }).to.block).toBe('threshold');
  });
});

describe('sales', () => {
  it('R8 backordered units follow b = max(0, S−(s−q)) − max(0, S−s)', () => {
    expect(backorderedUnits(0, 2, 5)).toBe(3);
    expect(backorderedUnits(0, -1, 2)).toBe(2);
    expect(backorderedUnits(0, 5, 5)).toBe(0);
    expect(backorderedUnits(5, 10, 7)).toBe(2);
    expect(backorderedUnits(5, 5, 1)).toBe(1);
    expect(backorderedUnits(5, 6, 1)).toBe(0);
  });

  it('R8 a sale moves stock by −q and B by b, and records b on the movement', () => {
    const d = apply(anItem({ stock: 2 }), { kind: 'sold', quantity: 5 });
    expect(d.movement).toEqual({ kind: 'sale', delta: -5, backorderedDelta: 3 });
    expect(d.item).toMatchObject({ stock: -3, backordered: 3 });
  });

  it('R8 with S = 3 the units at or below 3 are backorders', () => {
    const d = apply(
      anItem({ stock: 5 }, 3),
      { kind: 'sold', quantity: 4 },
      storeRules({ switchCondition: 3 }),
    );
    expect(d.movement?.backorderedDelta).toBe(2);
    expect(d.item).toMatchObject({ stock: 1, backordered: 2, status: 'backorder' });
  });
});

describe('give-back', () => {
  it('R9 a returned line gives its units to stock and its b to B', () => {
    const item = anItem({ stock: -3, backordered: 3, episode: 2 });
    const d = apply(item, { kind: 'returned', quantity: 2, backordered: 2, episode: 2 });
    expect(d.item).toMatchObject({ stock: -1, backordered: 1 });
    expect(d.movement).toEqual({ kind: 'return', delta: 2, backorderedDelta: -2 });
  });

  it('R9 a line from an earlier episode gives back stock but not B', () => {
    const item = anItem({ stock: -1, backordered: 1, episode: 3 });
    const d = apply(item, { kind: 'returned', quantity: 2, backordered: 2, episode: 2 });
    expect(d.item).toMatchObject({ stock: 1, backordered: 0, status: 'in_stock' });
    // Nothing of the old sale's b comes back; the −1 is this episode's B, reset as stock rises above S (R4).
    expect(d.movement).toEqual({ kind: 'return', delta: 2, backorderedDelta: -1 });
  });

  it('R9 a give-back does not lift a threshold block while still out of stock', () => {
    const item = anItem({ stock: -3, backordered: 3, threshold: 3, block: 'threshold', episode: 1 });
    expect(apply(item, { kind: 'returned', quantity: 1, backordered: 1, episode: 1 }).to.block).toBe(
      'threshold',
    );
  });
});

describe('manual enable and disable', () => {
  it('R10 enable is refused while the threshold is reached, and works after T is raised', () => {
    const item = anItem({ stock: -3, backordered: 3, threshold: 3, block: 'threshold', episode: 1 });
    expect(refusal(item, { kind: 'enabled' })).toBe('BACKORDER.THRESHOLD_REACHED');
    const raised = apply(item, { kind: 'edited', source: 'admin', threshold: 5 });
    expect(raised.to.block).toBe('threshold');
    const enabled = apply(raised.item, { kind: 'enabled' });
    expect(enabled.to).toEqual({ status: 'backorder', block: null });
    expect(enabled.reason).toBe('enabled_by_merchant');
  });

  it('R10 enable is refused while the back-in-stock date has passed', () => {
    const item = anItem({ stock: 0, backInStockDate: PAST, block: 'date' });
    expect(refusal(item, { kind: 'enabled' })).toBe('BACKORDER.DATE_PASSED');
    const later = apply(item, { kind: 'edited', source: 'admin', backInStockDate: FUTURE });
    expect(apply(later.item, { kind: 'enabled' }).to).toEqual({ status: 'backorder', block: null });
  });

  it('R10 enable on an item with no block is refused as already enabled', () => {
    expect(refusal(anItem({ stock: 0 }), { kind: 'enabled' })).toBe('BACKORDER.ALREADY_ENABLED');
  });

  it('R11 disable sets the manual block, which sales, restocks and dates do not clear', () => {
    let item = apply(anItem({ stock: 0 }), { kind: 'disabled' }).item as Item;
    expect(item.block).toBe('manual');
    for (const event of [
      { kind: 'sold', quantity: 1 },
      { kind: 'synced', stock: 10 },
      { kind: 'edited', source: 'import', backInStockDate: FUTURE },
      { kind: 'dayStarted' },
    ] as ItemEvent[]) {
      item = apply(item, event).item as Item;
      expect(item.block).toBe('manual');
    }
    expect(refusal(item, { kind: 'disabled' })).toBe('BACKORDER.ALREADY_DISABLED');
  });
});

describe('date block clearing', () => {
  const dateBlocked = anItem({ stock: -1, backordered: 1, backInStockDate: PAST, block: 'date', episode: 1 });

  it('R12 importing a later date lifts the date block automatically', () => {
    expect(apply(dateBlocked, { kind: 'edited', source: 'import', backInStockDate: FUTURE }).to).toEqual({
      status: 'backorder',
      block: null,
    });
  });

  it('R12 the API clearing the date lifts the date block', () => {
    expect(apply(dateBlocked, { kind: 'edited', source: 'api', backInStockDate: null }).to.block).toBe(null);
  });

  it('R12 importing a date that is already reached keeps the date block', () => {
    expect(apply(dateBlocked, { kind: 'edited', source: 'import', backInStockDate: TODAY }).to.block).toBe(
      'date',
    );
  });

  it('R12 a merchant setting a later date must then enable by hand', () => {
    const later = apply(dateBlocked, { kind: 'edited', source: 'admin', backInStockDate: FUTURE });
    expect(later.to.block).toBe('date');
    expect(apply(later.item, { kind: 'enabled' }).to.block).toBe(null);
  });

  it('R12 an import that leaves the date alone keeps the date block', () => {
    expect(apply(dateBlocked, { kind: 'edited', source: 'import', stock: -1 }).to.block).toBe('date');
  });
});

describe('effects', () => {
  it('R13 in_stock → backorder notifies "backorder enabled" and writes nothing to BigCommerce', () => {
    expect(apply(anItem({ stock: 1 }), { kind: 'sold', quantity: 1 }).effects).toEqual([
      { kind: 'notify', event: 'backorder_enabled', reason: null },
    ]);
  });

  it('R13 backorder → unavailable disables purchase and notifies with the reason', () => {
    const item = anItem({ stock: -1, backordered: 1, threshold: 2, episode: 1 });
    expect(apply(item, { kind: 'sold', quantity: 1 }).effects).toEqual([
      { kind: 'setPurchasable', purchasable: false },
      { kind: 'notify', event: 'backorder_disabled', reason: 'threshold' },
    ]);
  });

  it('R13 unavailable → in_stock enables purchase', () => {
    const blocked = anItem({
      stock: -1,
      backordered: 1,
      threshold: 1,
      block: 'threshold',
      incoming: 3,
      episode: 1,
    });
    expect(apply(blocked, { kind: 'received', quantity: 3 }).effects).toEqual([
      { kind: 'setPurchasable', purchasable: true },
    ]);
    const manual = anItem({ stock: -1, backordered: 1, block: 'manual', episode: 1 });
    expect(apply(manual, { kind: 'synced', stock: 5 }).effects).toEqual([
      { kind: 'setPurchasable', purchasable: true },
    ]);
  });

  it('R13 unavailable → backorder enables purchase and notifies "backorder enabled"', () => {
    const item = anItem({ stock: -1, backordered: 1, block: 'manual', episode: 1 });
    expect(apply(item, { kind: 'enabled' }).effects).toEqual([
      { kind: 'setPurchasable', purchasable: true },
      { kind: 'notify', event: 'backorder_enabled', reason: null },
    ]);
  });

  it('R13 a block change without a status change is logged but has no effects', () => {
    const d = apply(anItem({ stock: 5 }), { kind: 'disabled' });
    expect(d.changed).toBe(true);
    expect(d.effects).toEqual([]);
  });

  it('R13 no change, no transition', () => {
    const d = apply(anItem({ stock: 5 }), { kind: 'sold', quantity: 1 });
    expect(d.changed).toBe(false);
    expect(d.effects).toEqual([]);
  });
});

describe('stock movements', () => {
  it('R14 receiving moves units from incoming into stock', () => {
    const d = apply(anItem({ stock: -2, backordered: 2, incoming: 10, episode: 1 }), {
      kind: 'received',
      quantity: 6,
    });
    expect(d.item).toMatchObject({ stock: 4, incoming: 4, backordered: 0, status: 'in_stock' });
    // The receipt ends the episode (R4): its movement carries the reset of B.
    expect(d.movement).toEqual({ kind: 'receive', delta: 6, backorderedDelta: -2 });
  });

  it('R14 receiving more than is incoming is refused', () => {
    expect(refusal(anItem({ incoming: 2 }), { kind: 'received', quantity: 3 })).toBe(
      'ITEM.RECEIVE_EXCEEDS_INCOMING',
    );
  });

  it('R15 setting stock is a movement of new − old, by its source', () => {
    expect(apply(anItem({ stock: 7 }), { kind: 'edited', source: 'api', stock: 3 }).movement).toEqual({
      kind: 'set',
      delta: -4,
      backorderedDelta: 0,
    });
    expect(apply(anItem({ stock: 7 }), { kind: 'synced', stock: 12 }).movement).toEqual({
      kind: 'sync',
      delta: 5,
      backorderedDelta: 0,
    });
    expect(apply(anItem({ stock: 7 }), { kind: 'edited', source: 'admin', stock: 7 }).movement).toBeNull();
  });

  it('R16 a sequence of events moves stock exactly by the sum of its movements', () => {
    const events: ItemEvent[] = [
      { kind: 'sold', quantity: 4 },
      { kind: 'edited', source: 'import', stock: 1, incoming: 5 },
      { kind: 'sold', quantity: 3 },
      { kind: 'received', quantity: 5 },
      { kind: 'synced', stock: 2 },
    ];
    let item = anItem({ stock: 3 });
    let sum = 0;
    for (const event of events) {
      const d = apply(item, event);
      sum += d.movement?.delta ?? 0;
      item = d.item as Item;
    }
    expect(item.stock).toBe(3 + sum);
  });
});

describe('assignment', () => {
  it('R17 assignment copies stock and defaults and writes purchasability once', () => {
    const d = apply(null, {
      kind: 'assigned',
      stock: 4,
      threshold: 10,
      incoming: 2,
      backInStockDate: FUTURE,
    });
    expect(d.item).toMatchObject({
      stock: 4,
      threshold: 10,
      incoming: 2,
      backInStockDate: FUTURE,
      backordered: 0,
    });
    expect(d.movement).toEqual({ kind: 'assignment', delta: 4, backorderedDelta: 0 });
    expect(d.effects).toEqual([{ kind: 'setPurchasable', purchasable: true }]);
    expect(d.from).toEqual({ status: null, block: null });
  });

  it('R17 assignment with a date already reached starts date-blocked', () => {
    const d = apply(null, {
      kind: 'assigned',
      stock: 0,
      threshold: null,
      incoming: 0,
      backInStockDate: PAST,
    });
    expect(d.to).toEqual({ status: 'unavailable', block: 'date' });
    expect(d.effects).toEqual([{ kind: 'setPurchasable', purchasable: false }]);
  });

  it('R17 re-assignment continues the episode count', () => {
    const d = apply(null, {
      kind: 'assigned',
      stock: 0,
      threshold: null,
      incoming: 0,
      backInStockDate: null,
      lastEpisode: 6,
    });
    expect(d.episode).toBe(7);
  });

  it('R17 unassignment disables purchase and closes the ledger at zero', () => {
    const d = apply(anItem({ stock: 7 }), { kind: 'unassigned' });
    expect(d.item).toBeNull();
    expect(d.to).toEqual({ status: null, block: null });
    expect(d.movement).toEqual({ kind: 'unassignment', delta: -7, backorderedDelta: 0 });
    expect(d.effects).toEqual([{ kind: 'setPurchasable', purchasable: false }]);
  });

  it('R17 events other than assignment are refused for an unassigned item', () => {
    expect(refusal(null, { kind: 'sold', quantity: 1 })).toBe('ITEM.NOT_ASSIGNED');
  });
});

describe('storefront', () => {
  const texts = {
    buttonText: 'Backorder now',
    message: 'Ships {back_in_stock_date}[, only {remaining_units} left]',
    cartMessage: 'Backordered',
    unavailableMessage: 'Sold out[ until {back_in_stock_date}]',
  };
  const view = (item: Item) => storefrontView(item, texts, 'en-US', 'America/Chicago');

  it('R18 only an item in backorder shows the backorder texts', () => {
    expect(view(anItem({ stock: 3 })).texts).toBeNull();
    expect(view(anItem({ stock: 0, block: 'manual' })).texts).toBeNull();
    expect(view(anItem({ stock: 0, backInStockDate: '2026-07-01' })).texts).toEqual({
      buttonText: 'Backorder now',
      message: 'Ships July 1, 2026',
      cartMessage: 'Backordered',
    });
  });

  it('R18 an unavailable item shows only the unavailable message; other items none', () => {
    expect(view(anItem({ stock: 0, block: 'date', backInStockDate: '2026-06-10' }))).toEqual({
      status: 'unavailable',
      purchasable: false,
      texts: null,
      unavailableMessage: 'Sold out until June 10, 2026',
      remainingUnits: null,
    });
    expect(view(anItem({ stock: 0, block: 'manual' })).unavailableMessage).toBe('Sold out');
    expect(view(anItem({ stock: 3 })).unavailableMessage).toBeNull();
    expect(view(anItem({ stock: -1 })).unavailableMessage).toBeNull();
  });

  it('R18 an item in backorder with a threshold caps an order at its remaining units T − B', () => {
    expect(
      view(anItem({ stock: -3, backordered: 3, threshold: 5, backInStockDate: '2026-07-01' })),
    ).toMatchObject({
      status: 'backorder',
      remainingUnits: 2,
      texts: { message: 'Ships July 1, 2026, only 2 left' },
    });
    // No threshold: nothing to cap. In stock or unavailable: the storefront caps nothing either.
    expect(view(anItem({ stock: -3, backordered: 3 })).remainingUnits).toBeNull();
    expect(view(anItem({ stock: 4, threshold: 5 })).remainingUnits).toBeNull();
  });
});

describe('refusals', () => {
  it.each([
    [{ kind: 'sold', quantity: 0 }, 'ITEM.INVALID_QUANTITY'],
    [{ kind: 'sold', quantity: 1.5 }, 'ITEM.INVALID_QUANTITY'],
    [{ kind: 'received', quantity: -1 }, 'ITEM.INVALID_QUANTITY'],
    [{ kind: 'returned', quantity: 1, backordered: -1, episode: 0 }, 'ITEM.INVALID_QUANTITY'],
    [{ kind: 'edited', source: 'api', stock: Number.NaN }, 'ITEM.INVALID_STOCK'],
    [{ kind: 'synced', stock: 3_000_000_000 }, 'ITEM.INVALID_STOCK'],
    [{ kind: 'edited', source: 'api', threshold: -1 }, 'ITEM.INVALID_THRESHOLD'],
    [{ kind: 'edited', source: 'import', incoming: -3 }, 'ITEM.INVALID_INCOMING'],
    [{ kind: 'edited', source: 'import', backInStockDate: '2026-02-30' }, 'ITEM.INVALID_DATE'],
    [{ kind: 'edited', source: 'import', backInStockDate: '06/01/2026' }, 'ITEM.INVALID_DATE'],
  ] as [ItemEvent, string][])('R19 %j is refused with %s', (event, code) => {
    expect(refusal(anItem(), event)).toBe(code);
  });

  it('R19 numbers are bounded: |stock|, T, I, B and quantities at most MAX_UNITS (one billion)', () => {
    expect(MAX_UNITS).toBe(1_000_000_000);
    expect(refusal(anItem(), { kind: 'edited', source: 'api', stock: MAX_UNITS + 1 })).toBe(
      'ITEM.INVALID_STOCK',
    );
    expect(refusal(anItem(), { kind: 'edited', source: 'api', stock: -MAX_UNITS })).toBeNull();
    expect(refusal(anItem(), { kind: 'edited', source: 'api', threshold: MAX_UNITS + 1 })).toBe(
      'ITEM.INVALID_THRESHOLD',
    );
    expect(refusal(anItem(), { kind: 'edited', source: 'api', incoming: MAX_UNITS + 1 })).toBe(
      'ITEM.INVALID_INCOMING',
    );
    expect(refusal(anItem(), { kind: 'sold', quantity: MAX_UNITS + 1 })).toBe('ITEM.INVALID_QUANTITY');
  });

  it.each([
    [
      'a receipt above the range',
      anItem({ stock: MAX_UNITS - 5, incoming: 10 }),
      { kind: 'received', quantity: 10 },
    ],
    ['a sale below the range', anItem({ stock: -MAX_UNITS + 1 }), { kind: 'sold', quantity: 2 }],
    [
      'a give-back above the range',
      anItem({ stock: MAX_UNITS }),
      { kind: 'returned', quantity: 1, backordered: 0, episode: 0 },
    ],
  ] as [string, Item, ItemEvent][])(
    'R19 %s is refused with ITEM.STOCK_OUT_OF_RANGE and changes nothing',
    (_what, item, event) => {
      expect(refusal(item, event)).toBe('ITEM.STOCK_OUT_OF_RANGE');
    },
  );

  it('R19 an item stored out of range (by an older version) can be set right, and its other events apply', () => {
    const legacy = anItem({ stock: 4_294_966_647 });
    expect(refusal(legacy, { kind: 'dayStarted' })).toBeNull();
    expect(refusal(legacy, { kind: 'disabled' })).toBeNull();
    expect(refusal(legacy, { kind: 'edited', source: 'api', stock: 5 })).toBeNull();
    expect(refusal(legacy, { kind: 'sold', quantity: 1 })).toBe('ITEM.STOCK_OUT_OF_RANGE');
  });

  it('R19 a sale that would take B beyond the range is refused with ITEM.BACKORDERED_OUT_OF_RANGE', () => {
    // B can outgrow −stock when stock was set back up within an episode (still at or below S).
    const item = anItem({ stock: 0, backordered: MAX_UNITS - 1 });
    expect(refusal(item, { kind: 'sold', quantity: 2 })).toBe('ITEM.BACKORDERED_OUT_OF_RANGE');
    expect(refusal(item, { kind: 'sold', quantity: 1 })).toBeNull();
  });

  it('R19 a bad switch condition or time zone is refused', () => {
    expect(refusal(anItem(), { kind: 'dayStarted' }, storeRules({ switchCondition: -1 }))).toBe(
      'STORE.INVALID_SWITCH_CONDITION',
    );
    expect(refusal(anItem(), { kind: 'dayStarted' }, storeRules({ timeZone: 'Mars/Olympus' }))).toBe(
      'STORE.INVALID_TIME_ZONE',
    );
  });
});
