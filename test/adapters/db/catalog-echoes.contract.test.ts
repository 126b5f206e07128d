import { expect, it } from 'vitest';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const LATER = new Date(NOW.getTime() + 60_000);

describeEachDatabase('CatalogEchoes', (db) => {
  it('takes each remembered product write once, by store and product, only when recent enough', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos, { storeHash: 'other' });
    await repos.catalogEchoes.expect(store.id, [1, 1, 2], NOW);

    expect(await repos.catalogEchoes.take(store.id, 3, NOW)).toBe(false);
    expect(await repos.catalogEchoes.take(other.id, 1, NOW)).toBe(false);
    expect(await repos.catalogEchoes.take(store.id, 1, LATER)).toBe(false);
    expect(await repos.catalogEchoes.take(store.id, 1, NOW)).toBe(true);
    expect(await repos.catalogEchoes.take(store.id, 1, NOW)).toBe(true);
    expect(await repos.catalogEchoes.take(store.id, 1, NOW)).toBe(false);

    await repos.catalogEchoes.expect(store.id, [2], LATER);
    expect(await repos.catalogEchoes.forgetOlderThan(store.id, LATER)).toBe(1);
    expect(await repos.catalogEchoes.take(store.id, 2, NOW)).toBe(true);
    expect(await repos.catalogEchoes.take(store.id, 2, NOW)).toBe(false);
  });

  it('remembers more writes than one statement can bind', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    await repos.catalogEchoes.expect(
      store.id,
      Array.from({ length: 2_500 }, (_, i) => i + 1),
      NOW,
    );
    expect(await repos.catalogEchoes.take(store.id, 2_500, NOW)).toBe(true);
    expect(await repos.catalogEchoes.forgetOlderThan(store.id, LATER)).toBe(2_499);
  });
});
