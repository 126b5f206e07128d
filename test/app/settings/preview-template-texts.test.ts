import { describe, expect, it } from 'vitest';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { previewTemplateTexts } from '../../../src/app/settings/templates/preview-template-texts.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';

/** The preview on the in-memory storage; its HTTP tests are test/http/api-v1/template-preview.test.ts. */
describe('previewTemplateTexts', () => {
  const sample = { backInStockDate: '2026-07-01', incomingStock: 3, threshold: 5, backordered: 5 };

  it('renders in the store’s locale and time zone, and falls back to en-US for a locale Intl rejects', async () => {
    const repos = createInMemoryRepositories();
    const store = await aStore(repos, { timezone: 'Pacific/Auckland' });
    await repos.stores.updateProfile(store.id, { locale: 'not a locale!' }, NOW);
    const result = await previewTemplateTexts(repos, {
      storeId: store.id,
      texts: { backorderMessage: 'On {back_in_stock_date}[, {remaining_units} left]' },
      samples: [sample],
    });
    expect(result).toMatchObject({
      ok: true,
      locale: 'en-US',
      timeZone: 'Pacific/Auckland',
      problems: [],
      previews: [{ backorderMessage: 'On July 1, 2026, 0 left', remainingUnits: 0, buttonText: null }],
    });
  });

  it('refuses a store it does not know', async () => {
    const repos = createInMemoryRepositories();
    const result = await previewTemplateTexts(repos, {
      storeId: 999_999 as StoreId,
      texts: {},
      samples: [sample],
    });
    expect(result).toMatchObject({ ok: false, code: 'STORE.NOT_FOUND' });
  });
});
