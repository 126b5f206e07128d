import { describe, expect, it } from 'vitest';
import {
  looksLikeEmail,
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
});
