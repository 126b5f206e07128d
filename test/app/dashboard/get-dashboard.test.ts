import { describe, expect, it } from 'vitest';
import { getDashboard } from '../../../src/app/dashboard/get-dashboard.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';

describe('getDashboard', () => {
  it('looks 7 store-local days ahead from tomorrow, in the store’s time zone', async () => {
    const repos = createInMemoryRepositories();
    const store = await aStore(repos, { timezone: 'Pacific/Auckland' });
    // NOW (12:00 UTC on Mar 10) is 01:00 on Mar 11 in Auckland.
    const dueToday = await anAssignedItem(repos, store.id, { backInStockDate: '2025-03-11' });
    const dueTomorrow = await anAssignedItem(repos, store.id, { backInStockDate: '2025-03-12' });
    const dueInAWeek = await anAssignedItem(repos, store.id, { backInStockDate: '2025-03-18' });
    await anAssignedItem(repos, store.id, { backInStockDate: '2025-03-19' });

    const dashboard = await getDashboard({ ...repos, clock: fixedClock(NOW) }, { storeId: store.id });
    if (!dashboard.ok) throw new Error(dashboard.message);
    expect(dashboard.today).toBe('2025-03-11');
    expect(dashboard.dueSoon).toMatchObject({ from: '2025-03-12', to: '2025-03-18', total: 2 });
    expect(dashboard.dueSoon.items.map((i) => i.label.itemId)).toEqual([dueTomorrow.id, dueInAWeek.id]);
    // The date reached today blocked its item at once.
    expect(dashboard.needsAttention.items.map((i) => i.label.itemId)).toEqual([dueToday.id]);
    expect(dashboard.counts).toMatchObject({ assigned: 4, byBlock: { date: 1 } });
    expect(dashboard.recentActivity).toHaveLength(4);
    expect(dashboard.recentActivity.every((e) => e.kind === 'transition')).toBe(true);
  });

  it('refuses a store it does not know', async () => {
    const repos = createInMemoryRepositories();
    expect(
      await getDashboard({ ...repos, clock: fixedClock(NOW) }, { storeId: asStoreId(42) }),
    ).toMatchObject({ ok: false, code: 'STORE.NOT_FOUND' });
  });
});
