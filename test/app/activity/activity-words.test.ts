import { describe, expect, it } from 'vitest';
import * as screen from '../../../src/admin/screens/activity/activity-words.js';
import { actorWords, causeWords, describeActivity } from '../../../src/app/activity/activity-words.js';
import { type ActivityEntry, CAUSE_TYPES, MOVEMENT_KINDS } from '../../../src/app/ports/activity-log.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { BLOCKS, STATUSES } from '../../../src/core/item.js';
import { activityEntryJson } from '../../../src/http/api-v1/activity-json.js';

/**
 * The activity export writes the history in the Activity screen's words. The admin app cannot import the
 * server's module, so both are held here to the same sentences, for every kind of entry.
 */
const base = {
  id: 1,
  eventId: 1,
  at: new Date('2025-03-10T12:00:00Z'),
  item: {
    itemId: 1,
    storeId: asStoreId(1),
    productName: 'Trail Jacket',
    variantLabel: 'Size: M',
    sku: 'JKT-M',
    bcProductId: 6,
    bcVariantId: 61,
  },
  actor: 'bigcommerce',
};

function entries(): ActivityEntry[] {
  const all: ActivityEntry[] = [];
  for (const kind of MOVEMENT_KINDS) {
    for (const [delta, backorderedDelta] of [
      [-3, 2],
      [-1, 0],
      [2, -1],
      [1, 0],
      [0, -4],
    ] as const) {
      for (const cause of [
        { causeType: 'order_line' as const, causeRef: 'order:123:line:9' },
        { causeType: 'api_request' as const, causeRef: null },
      ]) {
        all.push({
          ...base,
          ...cause,
          kind: 'movement',
          movement: { kind, delta, backorderedDelta, stockAfter: 7, backorderedAfter: 2 },
        });
      }
    }
  }
  const views = [
    { status: null, block: null },
    ...STATUSES.flatMap((status) => [null, ...BLOCKS].map((block) => ({ status, block }))),
  ];
  for (const from of views) {
    for (const to of views) {
      for (const reason of ['order_placed', 'threshold_reached', 'something_new']) {
        all.push({
          ...base,
          kind: 'transition',
          causeType: 'scheduler',
          causeRef: null,
          transition: { from, to, reason },
        });
      }
    }
  }
  for (const causeType of CAUSE_TYPES) {
    all.push({ ...all[0]!, causeType, causeRef: null });
  }
  return all;
}

describe('the activity’s words on the server', () => {
  it('say what the Activity screen says, for every kind of movement, status change and cause', () => {
    const list = entries();
    expect(list.length).toBeGreaterThan(100);
    for (const entry of list) {
      const json = activityEntryJson(entry);
      expect(describeActivity(entry)).toBe(screen.describeActivity(json));
      expect(causeWords(entry)).toBe(screen.causeWords(json.cause));
    }
  });

  it('name who did it as the screen does', () => {
    for (const actor of ['bigcommerce', 'system', 'admin:ann@example.com', 'api-key:abc123', 'other']) {
      expect(actorWords(actor)).toBe(screen.actorWords(actor));
    }
  });
});
