import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../../../src/app/lifecycle/install-store.js';
import { renderMessage } from '../../../src/core/messages.js';
import { anItem } from '../../builders/item.builder.js';

const TEXTS = {
  buttonText: DEFAULT_TEMPLATE.buttonText,
  backorderMessage: DEFAULT_TEMPLATE.backorderMessage,
  cartMessage: DEFAULT_TEMPLATE.cartMessage,
  packingSlipMessage: DEFAULT_TEMPLATE.packingSlipMessage,
};

/** Every combination of empty and set values the placeholders read. */
const COMBINATIONS = [null, '2026-07-04'].flatMap((backInStockDate) =>
  [0, 25].flatMap((incoming) =>
    [null, 10].flatMap((threshold) =>
      [0, 3].map((backordered) => ({ backInStockDate, incoming, threshold, backordered })),
    ),
  ),
);

/** What a sentence with a hole left by an empty value looks like. */
const READS_WRONG = [/\{|\}|\[|\]/, / [.,;:!?]/, /, *\./, / {2}/, /^ | $/, /expected\s*[.,]?$/];

describe('the default template', () => {
  it.each(COMBINATIONS)('reads well with %o', (numbers) => {
    const context = { item: anItem({ stock: -1, ...numbers }), locale: 'en-US', timeZone: 'America/Chicago' };
    for (const [field, text] of Object.entries(TEXTS)) {
      const rendered = renderMessage(text, context);
      expect(rendered.length, field).toBeGreaterThan(0);
      for (const wrong of READS_WRONG) expect(rendered, `${field}: ${rendered}`).not.toMatch(wrong);
    }
  });

  it('says the back-in-stock date when there is one, and nothing about it when there is none', () => {
    const context = (backInStockDate: string | null) => ({
      item: anItem({ stock: -1, backInStockDate }),
      locale: 'en-US',
      timeZone: 'America/Chicago',
    });
    expect(renderMessage(DEFAULT_TEMPLATE.backorderMessage, context('2026-07-04'))).toBe(
      'On backorder: this item ships when it is back in stock, expected July 4, 2026.',
    );
    expect(renderMessage(DEFAULT_TEMPLATE.backorderMessage, context(null))).toBe(
      'On backorder: this item ships when it is back in stock.',
    );
  });
});
