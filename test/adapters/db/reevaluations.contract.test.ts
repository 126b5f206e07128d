import { expect, it } from 'vitest';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const LATER = new Date(NOW.getTime() + 60_000);

describeEachDatabase('ReevaluationRepository', (db) => {
  it('records a re-evaluation, its progress by cursor while it runs, and how it ended', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos);
    const first = await repos.reevaluations.create({
      storeId: store.id,
      switchCondition: 4,
      ref: '123:s=4',
      totalItems: 3,
      actor: 'admin:a@example.com',
      now: NOW,
    });
    expect(first).toMatchObject({
      switchCondition: 4,
      ref: '123:s=4',
      status: 'running',
      totalItems: 3,
      doneItems: 0,
      changedItems: 0,
      cursor: null,
      finishedAt: null,
    });
    expect(
      await repos.reevaluations.advance(
        store.id,
        first.id,
        { cursor: 17, doneItems: 2, changedItems: 1 },
        LATER,
      ),
    ).toBe(true);
    expect(await repos.reevaluations.get(other.id, first.id)).toBeNull();
    expect(
      await repos.reevaluations.advance(
        other.id,
        first.id,
        { cursor: 99, doneItems: 9, changedItems: 9 },
        LATER,
      ),
    ).toBe(false);
    await repos.reevaluations.finish(store.id, first.id, 'superseded', LATER);
    // Ended: neither progress nor another end changes it.
    expect(
      await repos.reevaluations.advance(
        store.id,
        first.id,
        { cursor: 20, doneItems: 3, changedItems: 1 },
        LATER,
      ),
    ).toBe(false);
    await repos.reevaluations.finish(store.id, first.id, 'done', LATER);
    expect(await repos.reevaluations.get(store.id, first.id)).toMatchObject({
      status: 'superseded',
      doneItems: 2,
      changedItems: 1,
      cursor: 17,
      updatedAt: LATER,
      finishedAt: LATER,
    });
    const second = await repos.reevaluations.create({
      storeId: store.id,
      switchCondition: 0,
      ref: '456:s=0',
      totalItems: 3,
      actor: 'system',
      now: LATER,
    });
    await repos.reevaluations.finish(store.id, second.id, 'failed', LATER, 'boom');
    expect(await repos.reevaluations.latest(store.id)).toMatchObject({
      id: second.id,
      status: 'failed',
      error: 'boom',
    });
    expect(await repos.reevaluations.latest(other.id)).toBeNull();
  });
});
