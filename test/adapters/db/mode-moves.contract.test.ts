import { expect, it } from 'vitest';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const LATER = new Date(NOW.getTime() + 60_000);

describeEachDatabase('ModeMoveRepository', (db) => {
  it('records a move, its progress by cursor and how it ended; the newest is the latest', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos);
    const first = await repos.modeMoves.create({
      storeId: store.id,
      from: 'emulated',
      to: 'native',
      totalProducts: 3,
      actor: 'admin:a@example.com',
      now: NOW,
    });
    expect(first).toMatchObject({
      from: 'emulated',
      to: 'native',
      status: 'running',
      totalProducts: 3,
      doneProducts: 0,
      cursor: null,
      finishedAt: null,
    });
    await repos.modeMoves.advance(store.id, first.id, 17, 2, LATER);
    await repos.modeMoves.finish(store.id, first.id, 'done', LATER);
    expect(await repos.modeMoves.get(store.id, first.id)).toMatchObject({
      status: 'done',
      doneProducts: 2,
      cursor: 17,
      finishedAt: LATER,
    });
    expect(await repos.modeMoves.get(other.id, first.id)).toBeNull();
    const second = await repos.modeMoves.create({
      storeId: store.id,
      from: 'native',
      to: 'emulated',
      totalProducts: 3,
      actor: 'system',
      now: LATER,
    });
    await repos.modeMoves.finish(store.id, second.id, 'failed', LATER, 'boom');
    expect(await repos.modeMoves.latest(store.id)).toMatchObject({
      id: second.id,
      status: 'failed',
      error: 'boom',
    });
    expect(await repos.modeMoves.latest(other.id)).toBeNull();
  });
});
