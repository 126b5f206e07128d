import { describe, expect, it } from 'vitest';
import {
  CAPPED_THEME_NOTE,
  currentModeSentence,
  INVENTORY_MODE_WORDS,
  INVENTORY_MODES,
  locationsNote,
  looksLikeEmail,
  modeSavedSentence,
  nativeBackordersStatus,
  nativeModeUnavailable,
  parseCount,
  parseEmails,
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
  });
});
