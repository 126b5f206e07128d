import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { createPdfPackingSlipPrinter, paperSizeFor } from '../../../src/adapters/pdf/packing-slip.pdf.js';
import type {
  PackingSlip,
  PackingSlipDocument,
  PackingSlipLine,
} from '../../../src/app/ports/packing-slip-printer.js';

/** The packing slips as printed: their text read back from the PDF as a PDF reader extracts it. */

const PRINTED_AT = new Date('2026-03-05T10:00:00Z');

function aLine(overrides: Partial<PackingSlipLine> = {}): PackingSlipLine {
  return {
    name: 'Trail Jacket',
    options: [],
    sku: 'JKT-M',
    quantity: 1,
    backordered: 0,
    givenBack: false,
    ...overrides,
  };
}

function aSlip(overrides: Partial<PackingSlip> = {}): PackingSlip {
  return {
    orderId: 101,
    placedOn: 'March 5, 2026',
    shipTo: [['Ada Shopper', '1 Main St', 'Austin, Texas 78701', 'United States']],
    lines: [aLine()],
    messages: [],
    ...overrides,
  };
}

function aDocument(overrides: Partial<PackingSlipDocument> = {}): PackingSlipDocument {
  return {
    storeName: 'Demo Outdoor Store',
    locale: 'en-US',
    printedAt: PRINTED_AT,
    slips: [aSlip()],
    ...overrides,
  };
}

async function read(
  pdf: Uint8Array,
): Promise<{ pages: string[]; text: string; info: Record<string, unknown> }> {
  const parser = new PDFParse({ data: pdf.slice() });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return {
      pages: text.pages.map((page) => page.text),
      text: text.text,
      info: info.info as Record<string, unknown>,
    };
  } finally {
    await parser.destroy();
  }
}

/** Extracted text breaks lines and spaces as the layout put them: compare words only. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('packing slips as a PDF', () => {
  const printer = createPdfPackingSlipPrinter();

  it('prints the store, the order, where it ships, its lines with the backordered units, and the messages', async () => {
    const pdf = await printer.print(
      aDocument({
        storeName: 'Sklep Łódź',
        locale: 'pl-PL',
        slips: [
          aSlip({
            orderId: 4711,
            placedOn: '5 marca 2026',
            shipTo: [['Zoë Wójcik', 'ul. Piotrkowska 1', 'Łódź 90-001', 'Polska']],
            lines: [
              aLine({
                name: 'Łódź Ćwikła Ősz',
                options: ['Rozmiar: L', 'Kolor: Żółty'],
                sku: 'LCO-L',
                quantity: 5,
                backordered: 3,
              }),
              aLine({ name: 'Şal Čepice', sku: null, quantity: 2 }),
            ],
            messages: ['Zásilka odešle 12. března 2026, jakmile dorazí zboží.'],
          }),
        ],
      }),
    );

    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { pages, info } = await read(pdf);
    expect(pages).toHaveLength(1);
    const page = words(pages[0]!);
    for (const expected of [
      'Sklep Łódź',
      'Packing slip',
      'Order #4711',
      'Placed 5 marca 2026',
      'Ship to',
      'Zoë Wójcik',
      'ul. Piotrkowska 1',
      'Łódź 90-001',
      'Polska',
      'Łódź Ćwikła Ősz',
      'Rozmiar: L, Kolor: Żółty',
      'LCO-L',
      '3 of 5 backordered',
      'Şal Čepice',
      'About the backordered items',
      'Zásilka odešle 12. března 2026, jakmile dorazí zboží.',
    ]) {
      expect(page).toContain(expected);
    }
    expect(info).toMatchObject({ Title: 'Packing slips — Sklep Łódź', Creator: 'Backorder' });
  });

  it('prints one order per page, in the order given', async () => {
    const pdf = await printer.print(
      aDocument({ slips: [aSlip({ orderId: 102 }), aSlip({ orderId: 101 }), aSlip({ orderId: 250 })] }),
    );
    const { pages } = await read(pdf);
    expect(pages.map((page) => /Order #(\d+)/.exec(page)?.[1])).toEqual(['102', '101', '250']);
  });

  it('continues a long order on more pages, its header and the table’s again on each', async () => {
    const lines = Array.from({ length: 60 }, (_, index) =>
      aLine({ name: `Tent peg ${index + 1}`, sku: `PEG-${index + 1}`, quantity: 4, backordered: index % 2 }),
    );
    const { pages } = await read(await printer.print(aDocument({ slips: [aSlip({ orderId: 77, lines })] })));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(1)) {
      expect(words(page)).toContain('Packing slip (continued)');
      expect(words(page)).toContain('Order #77');
      expect(words(page)).toContain('Backordered');
    }
    const all = words(pages.join(' '));
    for (let n = 1; n <= 60; n++) expect(all).toContain(`PEG-${n} `);
    expect(all).toContain('1 of 4 backordered');
  });

  it('says so when an order ships nowhere, numbers each consignment, and marks given-back units', async () => {
    const { text } = await read(
      await printer.print(
        aDocument({
          storeName: null,
          slips: [
            aSlip({
              orderId: 1,
              shipTo: [],
              lines: [aLine({ quantity: 2, backordered: 2, givenBack: true })],
            }),
            aSlip({
              orderId: 2,
              shipTo: [
                ['Ada Shopper', 'Austin'],
                ['Bo Receiver', 'Dallas'],
              ],
            }),
          ],
        }),
      ),
    );
    const all = words(text);
    expect(all).toContain('No shipping address (a pickup or digital order).');
    expect(all).toContain('2 of 2 backordered (given back)');
    expect(all).toContain('Consignment 1 of 2 Ada Shopper Austin');
    expect(all).toContain('Consignment 2 of 2 Bo Receiver Dallas');
    expect(all).not.toContain('About the backordered items');
  });

  it('draws merchant texts as text: markup and PDF syntax print as written', async () => {
    const hostile = '<script>alert(1)</script> (x) \\ ) /JS';
    const { text } = await read(
      await printer.print(
        aDocument({ slips: [aSlip({ lines: [aLine({ name: hostile })], messages: [hostile] })] }),
      ),
    );
    expect(words(text).split(hostile)).toHaveLength(3);
  });

  it('prints the same slips as the same bytes', async () => {
    const document = aDocument({ slips: [aSlip({ orderId: 5 }), aSlip({ orderId: 6 })] });
    const first = await printer.print(document);
    const second = await printer.print(document);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('uses US Letter where it is the norm and A4 elsewhere', () => {
    expect(paperSizeFor('en-US')).toBe('LETTER');
    expect(paperSizeFor('fr-CA')).toBe('LETTER');
    expect(paperSizeFor('en')).toBe('LETTER');
    expect(paperSizeFor('de-DE')).toBe('A4');
    expect(paperSizeFor('en-GB')).toBe('A4');
    expect(paperSizeFor('pl')).toBe('A4');
    expect(paperSizeFor('not a locale')).toBe('A4');
  });
});
