import { describe, expect, it } from 'vitest';
import { printLabel } from '../../src/admin/screens/orders/packing-slip-download.js';

describe('packing slip downloads', () => {
  it('says how many slips a print makes', () => {
    expect(printLabel(0)).toBe('Print packing slips');
    expect(printLabel(1)).toBe('Print 1 packing slip');
    expect(printLabel(12)).toBe('Print 12 packing slips');
  });
});
