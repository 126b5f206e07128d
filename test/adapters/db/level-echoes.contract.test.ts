import { expect, it } from 'vitest';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const LATER = new Date(NOW.getTime() + 60_000);

describeEachDatabase('LevelEchoes', (db) => {
  it('takes each remembered write once, by item, method and exact value, only when recent enough', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos, { storeHash: 'other' });
    await repos.levelEchoes.expect(
      store.id,
      [
        { itemId: 1, method: 'relative', value: -3 },
        { itemId: 1, method: 'relative', value: -3 },
        { itemId: 2, method: 'relative', value: 5 },
      ],
      NOW,
    );

    expect(await repos.levelEchoes.take(store.id, { itemId: 1, method: 'relative', value: 3 }, NOW)).toBe(
      false,
    );
    expect(await repos.levelEchoes.take(other.id, { itemId: 1, method: 'relative', value: -3 }, NOW)).toBe(
      false,
    );
    expect(await repos.levelEchoes.take(store.id, { itemId: 1, method: 'relative', value: -3 }, LATER)).toBe(
      false,
    );
    expect(await repos.levelEchoes.take(store.id, { itemId: 1, method: 'relative', value: -3 }, NOW)).toBe(
      true,
    );
    expect(await repos.levelEchoes.take(store.id, { itemId: 1, method: 'relative', value: -3 }, NOW)).toBe(
      true,
    );
    expect(await repos.levelEchoes.take(store.id, { itemId: 1, method: 'relative', value: -3 }, NOW)).toBe(
      false,
    );

    await repos.levelEchoes.expect(store.id, [{ itemId: 1, method: 'absolute', value: 0 }], LATER);
    expect(await repos.levelEchoes.take(store.id, { itemId: 1, method: 'relative', value: 0 }, NOW)).toBe(
      false,
    );
    expect(await repos.levelEchoes.take(store.id, { itemId: 1, method: 'absolute', value: 0 }, NOW)).toBe(
      true,
    );

    expect(await repos.levelEchoes.forgetOlderThan(store.id, LATER)).toBe(1);
    expect(await repos.levelEchoes.take(store.id, { itemId: 2, method: 'relative', value: 5 }, NOW)).toBe(
      false,
    );
  });
});
