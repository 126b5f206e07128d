import { describe, expect, it } from 'vitest';
import {
  bigCommerceHoldsWords,
  CAPPED_THEME_NOTE,
  currentModeSentence,
  INVENTORY_MODE_WORDS,
  INVENTORY_MODES,
  locationsNote,
  looksLikeEmail,
  MOVE_PREVIEW_EMPTY,
  MOVE_RUNNING_NOTE,
  modeSavedSentence,
  moveButtonLabel,
  moveConfirmHeader,
  moveConfirmSentences,
  movePreviewHeading,
  movePreviewIntro,
  moveProblemsSentence,
  moveProgress,
  nativeBackordersStatus,
  nativeModeUnavailable,
  parseCount,
  parseEmails,
  previewItemName,
  switchConditionMeaning,
} from '../../src/admin/screens/settings/settings-words.js';

describe('the Settings screen’s words (src/admin/screens/settings/settings-words.ts)', () => {
  it('says what the switch condition means for the number typed', () => {
    expect(switchConditionMeaning(0)).toContain('its stock is 0 or less');
    expect(switchConditionMeaning(0)).toContain('as its last unit is sold');
    expect(switchConditionMeaning(1)).toContain('the last 1 unit on hand is sold as backorders too');
    expect(switchConditionMeaning(5)).toContain('the last 5 units on hand are sold as backorders too');
  });

  it('takes whole numbers of 0 or more only', () => {
    expect(parseCount(' 7 ')).toBe(7);
    expect(parseCount('1000000000')).toBe(1_000_000_000);
    for (const bad of ['', '-1', '1.5', '1e3', 'abc', '1000000001', '2147483648'])
      expect(parseCount(bad), bad).toBeNull();
  });

  it('reads recipients one per line (or comma-separated), without blanks or repeats', () => {
    expect(parseEmails('a@x.com\n\n b@x.com, a@x.com;c@x.com')).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
    expect(looksLikeEmail('a@x.com')).toBe(true);
    expect(looksLikeEmail('not-an-address')).toBe(false);
  });

  describe('stock at checkout', () => {
    const at = (iso: string) => `at ${iso}`;
    const checked = '2026-03-10T15:00:00.000Z';

    it('names each mode and what it guarantees: checkout refuses (capped, native), purchase disabled after the order (emulated)', () => {
      expect(INVENTORY_MODES).toEqual(['emulated', 'capped', 'native']);
      expect(INVENTORY_MODE_WORDS.emulated.guarantee).toContain('after the order that reached it');
      expect(INVENTORY_MODE_WORDS.capped.guarantee).toContain(
        'checkout refuses an order that would pass the threshold',
      );
      expect(INVENTORY_MODE_WORDS.native.guarantee).toContain(
        'checkout refuses an order that would pass the threshold',
      );
      expect(currentModeSentence('capped')).toBe('Now: Cap at checkout.');
      expect(modeSavedSentence('native')).toBe('Stock at checkout saved: BigCommerce native backorders.');
    });

    it('says what BigCommerce’s native backorders were found to be, and when', () => {
      expect(nativeBackordersStatus({ enabled: null, checked_at: null, locations: null }, at)).toBe(
        'BigCommerce’s native backorders: not checked yet.',
      );
      expect(nativeBackordersStatus({ enabled: true, checked_at: checked, locations: 1 }, at)).toBe(
        `BigCommerce’s native backorders: on (checked at ${checked}).`,
      );
      expect(nativeBackordersStatus({ enabled: false, checked_at: checked, locations: 1 }, at)).toBe(
        `BigCommerce’s native backorders: not on (checked at ${checked}).`,
      );
    });

    it('offers the native mode only when detected on', () => {
      expect(nativeModeUnavailable({ enabled: true, checked_at: checked, locations: 1 })).toBeNull();
      expect(nativeModeUnavailable({ enabled: false, checked_at: checked, locations: 1 })).toContain(
        'Check again',
      );
      expect(nativeModeUnavailable({ enabled: null, checked_at: null, locations: null })).not.toBeNull();
    });

    it('tells stores with several locations that only the default one is used; the theme note names the setting', () => {
      expect(locationsNote(null)).toBeNull();
      expect(locationsNote(1)).toBeNull();
      expect(locationsNote(2)).toBe(
        'Backorder uses your default location; limits per location are not managed yet.',
      );
      expect(CAPPED_THEME_NOTE).toContain('Stock level display');
      expect(CAPPED_THEME_NOTE).toContain('Don’t show');
    });
    describe('moving the assigned products to another mode', () => {
      const untracked = {
        inventory_tracking: 'none',
        inventory_level: null,
        qty_backordered: null,
        backorder_limit: null,
        unlimited_backorder: null,
        safety_stock: null,
      } as const;

      it('names the move by its products, and says the app’s numbers stay', () => {
        expect(moveButtonLabel(1)).toBe('Move 1 product');
        expect(moveButtonLabel(12)).toBe('Move 12 products');
        expect(movePreviewHeading('capped')).toBe('What moving to “Cap at checkout” changes');
        expect(movePreviewIntro(1)).toContain(
          '1 product is assigned to Backorder, so changing the mode moves it',
        );
        expect(movePreviewIntro(3)).toContain(
          '3 products are assigned to Backorder, so changing the mode moves them',
        );
        expect(movePreviewIntro(3)).toContain('Backorder’s own numbers');
        expect(MOVE_PREVIEW_EMPTY.message).toContain('saved');
      });

      it('names an item by its SKU, or by its ids without one', () => {
        expect(previewItemName({ sku: 'BAG-L', product_id: 6, variant_id: 9 })).toBe('BAG-L');
        expect(previewItemName({ sku: null, product_id: 6, variant_id: null })).toBe('Product 6 (no SKU)');
        expect(previewItemName({ sku: '', product_id: 6, variant_id: 9 })).toBe(
          'Product 6, variant 9 (no SKU)',
        );
      });

      it('says what BigCommerce will hold in each mode: tracking off, the sellable units, or its native counts', () => {
        expect(bigCommerceHoldsWords('emulated', untracked)).toBe(
          'Inventory tracking off: Backorder keeps the stock and disables purchase when needed.',
        );
        expect(
          bigCommerceHoldsWords('capped', { ...untracked, inventory_tracking: 'on', inventory_level: 25 }),
        ).toBe('Inventory tracking on, stock level 25 (the units still sellable).');
        const native = {
          inventory_tracking: 'on',
          inventory_level: 4,
          qty_backordered: 2,
          backorder_limit: 18,
          unlimited_backorder: false,
          safety_stock: 1,
        } as const;
        expect(bigCommerceHoldsWords('native', native)).toBe(
          'Inventory tracking on, 4 on hand, 2 backordered, backorder limit 18, safety stock 1.',
        );
        expect(
          bigCommerceHoldsWords('native', { ...native, backorder_limit: null, unlimited_backorder: true }),
        ).toBe('Inventory tracking on, 4 on hand, 2 backordered, backorders unlimited, safety stock 1.');
      });

      it('says before confirming that products close a chunk at a time and the numbers stay', () => {
        expect(moveConfirmHeader('native')).toBe('Move to “BigCommerce native backorders”?');
        const [what, numbers] = moveConfirmSentences('capped', 3);
        expect(what).toContain('The store switches to “Cap at checkout” now');
        expect(what).toContain('the 3 products 10 at a time');
        expect(what).toContain('closed to shoppers for a moment');
        expect(numbers).toContain('do not change');
        expect(moveConfirmSentences('capped', 1)[0]).toContain('the 1 product 10 at a time');
        expect(MOVE_RUNNING_NOTE).toContain('once the move has finished');
      });

      it('follows a move from its progress to its end', () => {
        const move = { to: 'capped', total_products: 3, done_products: 1 } as const;
        expect(moveProgress({ ...move, status: 'running' })).toEqual({
          heading: 'Moving products to “Cap at checkout”',
          summary: '1 of 3 products moved.',
          percent: 33,
        });
        expect(
          moveProgress({ ...move, status: 'running', total_products: 0, done_products: 0 }).percent,
        ).toBe(100);
        expect(moveProgress({ ...move, status: 'done', done_products: 3 })).toEqual({
          heading: 'Moved to “Cap at checkout”',
          summary: 'Done: 3 products moved. The store runs in “Cap at checkout”.',
          percent: 100,
        });
        expect(moveProgress({ ...move, status: 'failed' })).toMatchObject({
          heading: 'The move to “Cap at checkout” stopped',
          summary: 'The move stopped after 1 of 3 products.',
          percent: 33,
        });
        expect(moveProblemsSentence(null)).toBeNull();
        expect(moveProblemsSentence('product 6: refused')).toBe(
          'BigCommerce refused some changes: product 6: refused',
        );
      });
    });
  });
});
