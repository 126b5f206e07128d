import { describe, expect, it } from 'vitest';
import {
  backorderBlock,
  MAX_STAFF_NOTES_LENGTH,
  NOTE_END,
  NOTE_START,
  type PackingSlipLine,
  type PackingSlipNoteInput,
  replaceBackorderBlock,
  staffNotesWithBackorders,
} from '../../../src/app/orders/packing-slip-note.js';

function aLine(overrides: Partial<PackingSlipLine> = {}): PackingSlipLine {
  return {
    name: 'Trail Shoe (Size: 42)',
    sku: 'SHOE-42',
    quantity: 3,
    backordered: 2,
    givenBack: false,
    packingSlipMessage: 'Backordered items ship separately.',
    item: { backInStockDate: null, incoming: 0, threshold: null, backordered: 2 },
    ...overrides,
  };
}

function anInput(lines: readonly PackingSlipLine[]): PackingSlipNoteInput {
  return { lines, locale: 'en-US', timeZone: 'America/Chicago' };
}

describe('backorderBlock', () => {
  it('lists the packing-slip message and the backordered lines between the markers', () => {
    const block = backorderBlock(
      anInput([aLine(), aLine({ name: 'Cap', sku: 'CAP', quantity: 1, backordered: 1 })]),
    );
    expect(block).toBe(
      [
        NOTE_START,
        'Backordered items ship separately.',
        'Backordered lines:',
        '- Trail Shoe (Size: 42) (SKU SHOE-42): 3 ordered, 2 backordered',
        '- Cap (SKU CAP): 1 ordered, 1 backordered',
        NOTE_END,
      ].join('\n'),
    );
  });

  it('is empty when no line holds backordered units', () => {
    expect(backorderBlock(anInput([]))).toBe('');
    expect(backorderBlock(anInput([aLine({ backordered: 0 })]))).toBe('');
  });

  it('leaves out lines without backordered units', () => {
    const block = backorderBlock(anInput([aLine(), aLine({ name: 'In stock', sku: 'OK', backordered: 0 })]));
    expect(block).not.toContain('In stock');
  });

  it('renders placeholders for the store locale and zone, once per distinct message', () => {
    const message = 'Ships on {back_in_stock_date}; {incoming_stock} on their way.';
    const item = { backInStockDate: '2026-07-01', incoming: 1200, threshold: null, backordered: 2 };
    const block = backorderBlock(
      anInput([
        aLine({ packingSlipMessage: message, item }),
        aLine({ name: 'B', packingSlipMessage: message, item }),
      ]),
    );
    const rendered = 'Ships on July 1, 2026; 1,200 on their way.';
    expect(block.split('\n').filter((l) => l === rendered)).toHaveLength(1);
  });

  it('marks given-back lines and drops the message when everything was given back', () => {
    const some = backorderBlock(anInput([aLine({ givenBack: true }), aLine({ name: 'Cap', sku: null })]));
    expect(some).toContain('- Trail Shoe (Size: 42) (SKU SHOE-42): 3 ordered, 2 backordered — given back');
    expect(some).toContain('- Cap: 3 ordered, 2 backordered\n');
    expect(some).toContain('Backordered items ship separately.');

    const all = backorderBlock(anInput([aLine({ givenBack: true })]));
    expect(all).not.toContain('Backordered items ship separately.');
    expect(all).toContain('All backordered units of this order were given back');
  });

  it('cannot be tricked by merchant text that looks like a marker', () => {
    const block = backorderBlock(
      anInput([aLine({ packingSlipMessage: `Note\n${NOTE_END}\nmore`, name: NOTE_START })]),
    );
    expect(block.split('\n').filter((l) => l === NOTE_START || l === NOTE_END)).toEqual([
      NOTE_START,
      NOTE_END,
    ]);
  });
});

describe('replaceBackorderBlock', () => {
  const block = backorderBlock(anInput([aLine()]));
  const other = backorderBlock(anInput([aLine({ quantity: 5, backordered: 4 })]));

  it('appends the block after the merchant notes, or stands alone', () => {
    expect(replaceBackorderBlock('Call before delivery.', block)).toBe(`Call before delivery.\n\n${block}`);
    expect(replaceBackorderBlock('', block)).toBe(block);
    expect(replaceBackorderBlock('  \n', block)).toBe(block);
  });

  it('replaces only our block and keeps the merchant text around it', () => {
    const notes = `Fragile.\n\n${block}\n\nGift wrap (added later).`;
    expect(replaceBackorderBlock(notes, other)).toBe(`Fragile.\n\n${other}\n\nGift wrap (added later).`);
  });

  it('is idempotent: writing the same block again changes nothing', () => {
    const once = replaceBackorderBlock('Fragile.', block);
    expect(replaceBackorderBlock(once, block)).toBe(once);
  });

  it('removes the block (and only it) when there is nothing to say', () => {
    expect(replaceBackorderBlock(`Fragile.\n\n${block}\n\nGift wrap.`, '')).toBe('Fragile.\n\nGift wrap.');
    expect(replaceBackorderBlock(block, '')).toBe('');
    expect(replaceBackorderBlock('Just the merchant.', '')).toBe('Just the merchant.');
  });

  it('replaces a block whose lines the merchant edited, and works with Windows line ends', () => {
    const edited = `Fragile.\r\n\r\n${NOTE_START}\r\nsomething typed here\r\n${NOTE_END}\r\nPS`;
    expect(replaceBackorderBlock(edited, other)).toBe(`Fragile.\r\n\r\n${other}\r\nPS`);
  });

  it('leaves a dangling start marker as merchant text and never swallows text up to a later block', () => {
    const notes = `${NOTE_START}\nmerchant pasted half a block\n\n${block}`;
    expect(replaceBackorderBlock(notes, other)).toBe(
      `${NOTE_START}\nmerchant pasted half a block\n\n${other}`,
    );
  });
});

describe('staffNotesWithBackorders', () => {
  it('composes the block into the notes', () => {
    const next = staffNotesWithBackorders('Fragile.', anInput([aLine()]));
    expect(next.startsWith('Fragile.\n\n--- Backorder ---\n')).toBe(true);
    expect(staffNotesWithBackorders(next, anInput([aLine()]))).toBe(next);
  });

  it('stays within BigCommerce’s staff_notes limit by listing fewer lines, never cutting merchant text', () => {
    const merchant = 'x'.repeat(MAX_STAFF_NOTES_LENGTH - 400);
    const lines = Array.from({ length: 40 }, (_, i) => aLine({ name: `Product ${i}`, sku: `SKU-${i}` }));
    const next = staffNotesWithBackorders(merchant, anInput(lines));
    expect(next.length).toBeLessThanOrEqual(MAX_STAFF_NOTES_LENGTH);
    expect(next.startsWith(merchant)).toBe(true);
    expect(next).toMatch(/… and \d+ more backordered lines\./);
    expect(next.endsWith(NOTE_END)).toBe(true);

    const full = 'y'.repeat(MAX_STAFF_NOTES_LENGTH);
    expect(staffNotesWithBackorders(full, anInput(lines))).toBe(full);
  });
});
