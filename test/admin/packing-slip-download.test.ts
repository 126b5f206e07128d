import { describe, expect, it } from 'vitest';
import { fileNameOf, printLabel } from '../../src/admin/screens/orders/packing-slip-download.js';

describe('packing slip downloads', () => {
  it('names the file as the server did, the exact UTF-8 name first', () => {
    expect(
      fileNameOf(
        `attachment; filename="packing-slip-101.pdf"; filename*=UTF-8''packing-slip-101.pdf`,
        'x.pdf',
      ),
    ).toBe('packing-slip-101.pdf');
    expect(
      fileNameOf(`attachment; filename="Best_nde.pdf"; filename*=UTF-8''Best%C3%A4nde.pdf`, 'x.pdf'),
    ).toBe('Bestände.pdf');
    expect(fileNameOf('attachment; filename="slips.pdf"', 'x.pdf')).toBe('slips.pdf');
    expect(fileNameOf(`attachment; filename*=UTF-8''%E0%A4%A.pdf; filename="plain.pdf"`, 'x.pdf')).toBe(
      'plain.pdf',
    );
    expect(fileNameOf('attachment', 'packing-slips.pdf')).toBe('packing-slips.pdf');
    expect(fileNameOf(null, 'packing-slips.pdf')).toBe('packing-slips.pdf');
  });

  it('says how many slips a print makes', () => {
    expect(printLabel(0)).toBe('Print packing slips');
    expect(printLabel(1)).toBe('Print 1 packing slip');
    expect(printLabel(12)).toBe('Print 12 packing slips');
  });
});
