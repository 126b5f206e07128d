import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type {
  PackingSlip,
  PackingSlipDocument,
  PackingSlipLine,
  PackingSlipPrinter,
} from '../../app/ports/packing-slip-printer.js';

/**
 * Packing slips as a PDF, with pdfkit: one order per page (more when its lines do not fit), the store's
 * name, "Packing slip", the order's number and date, where it ships, a table of its lines with the
 * backordered units marked ("3 of 5 backordered"), and the packing-slip messages under it.
 *
 * DejaVu Sans is embedded (subset) because PDF's standard fonts cover WinAnsi only: a Polish, Czech or
 * Turkish name (ł, ő, č, ş …) would print as gaps. Every text is drawn as text, never interpreted.
 * The document's date is the one given, so the same slips print the same bytes.
 */
export function createPdfPackingSlipPrinter(): PackingSlipPrinter {
  return {
    print: (document) => printPdf(document),
  };
}

const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

let fonts: { readonly regular: Buffer; readonly bold: Buffer } | undefined;

/** Read once, on first use: the files do not change while the app runs. */
function fontFiles(): { readonly regular: Buffer; readonly bold: Buffer } {
  if (fonts === undefined) {
    const dir = path.join(
      path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
      'ttf',
    );
    fonts = {
      regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
    };
  }
  return fonts;
}

const MARGIN = 50;
const GREY = '#555555';
const RULE = '#999999';

/** Regions that print on US Letter; everywhere else uses A4. */
const LETTER_REGIONS = new Set([
  'US',
  'CA',
  'MX',
  'PH',
  'CL',
  'CO',
  'VE',
  'GT',
  'CR',
  'PA',
  'DO',
  'SV',
  'PR',
]);

export function paperSizeFor(locale: string): 'LETTER' | 'A4' {
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).maximize().region;
  } catch {
    region = undefined;
  }
  return region !== undefined && LETTER_REGIONS.has(region) ? 'LETTER' : 'A4';
}

async function printPdf(input: PackingSlipDocument): Promise<Uint8Array> {
  const { regular, bold } = fontFiles();
  const title = input.storeName === null ? 'Packing slips' : `Packing slips — ${input.storeName}`;
  const doc = new PDFDocument({
    size: paperSizeFor(input.locale),
    margin: MARGIN,
    autoFirstPage: false,
    lang: input.locale,
    displayTitle: true,
    info: {
      Title: title,
      Creator: 'Backorder',
      Producer: 'Backorder',
      CreationDate: input.printedAt,
      ModDate: input.printedAt,
    },
  });
  doc.registerFont(FONT.regular, regular);
  doc.registerFont(FONT.bold, bold);

  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const count = new Intl.NumberFormat(safeLocale(input.locale), { maximumFractionDigits: 0 });
  for (const slip of input.slips) new SlipLayout(doc, input.storeName, count).draw(slip);
  doc.end();
  return done;
}

/** Intl refuses a malformed tag: the numbers then read as in English. */
function safeLocale(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en-US';
  } catch {
    return 'en-US';
  }
}

interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'right';
}

/** Draws one order's slip from a new page, adding pages as its lines need them. */
class SlipLayout {
  private readonly left: number;
  private readonly width: number;
  private readonly columns: readonly Column[];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly storeName: string | null,
    private readonly count: Intl.NumberFormat,
  ) {
    this.doc.addPage();
    this.left = this.doc.page.margins.left;
    this.width = this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
    const quantity = 55;
    const backordered = 120;
    const sku = 110;
    this.columns = [
      { header: 'Item', width: this.width - sku - quantity - backordered, align: 'left' },
      { header: 'SKU', width: sku, align: 'left' },
      { header: 'Quantity', width: quantity, align: 'right' },
      { header: 'Backordered', width: backordered, align: 'right' },
    ];
  }

  draw(slip: PackingSlip): void {
    this.header(slip, false);
    this.shipTo(slip.shipTo);
    this.table(slip);
    this.messages(slip.messages);
  }

  private header(slip: PackingSlip, continued: boolean): void {
    const { doc } = this;
    doc.x = this.left;
    doc.y = doc.page.margins.top;
    if (this.storeName !== null) {
      doc.font(FONT.bold).fontSize(14).fillColor('black').text(this.storeName, { width: this.width });
    }
    doc
      .font(FONT.bold)
      .fontSize(20)
      .text(continued ? 'Packing slip (continued)' : 'Packing slip', { width: this.width });
    doc.moveDown(0.2);
    doc.font(FONT.bold).fontSize(12).text(`Order #${slip.orderId}`, { width: this.width });
    doc
      .font(FONT.regular)
      .fontSize(10)
      .fillColor(GREY)
      .text(`Placed ${slip.placedOn}`, { width: this.width });
    doc.fillColor('black').moveDown(1);
  }

  private shipTo(addresses: PackingSlip['shipTo']): void {
    const { doc } = this;
    doc.x = this.left;
    doc.font(FONT.bold).fontSize(11).text('Ship to', { width: this.width });
    doc.font(FONT.regular).fontSize(10);
    if (addresses.length === 0) {
      doc.fillColor(GREY).text('No shipping address (a pickup or digital order).', { width: this.width });
      doc.fillColor('black');
    }
    addresses.forEach((lines, index) => {
      if (addresses.length > 1) {
        doc.font(FONT.bold).text(`Consignment ${index + 1} of ${addresses.length}`, { width: this.width });
        doc.font(FONT.regular);
      }
      for (const line of lines) doc.text(line, { width: this.width });
      if (index < addresses.length - 1) doc.moveDown(0.5);
    });
    doc.moveDown(1.2);
  }

  private table(slip: PackingSlip): void {
    this.tableHeader();
    for (const line of slip.lines) {
      const height = this.rowHeight(line);
      if (this.doc.y + height > this.bottom()) {
        this.doc.addPage();
        this.header(slip, true);
        this.tableHeader();
      }
      this.row(line, height);
    }
    if (slip.lines.length === 0) {
      this.doc.font(FONT.regular).fontSize(10).fillColor(GREY).text('No lines to pack.', this.left);
      this.doc.fillColor('black');
    }
  }

  private tableHeader(): void {
    const { doc } = this;
    const top = doc.y;
    doc.font(FONT.bold).fontSize(10).fillColor('black');
    let x = this.left;
    for (const column of this.columns) {
      doc.text(column.header, x + 2, top, { width: column.width - 4, align: column.align });
      x += column.width;
    }
    const below = top + doc.currentLineHeight(true) + 4;
    this.rule(below, 1);
    doc.y = below + 5;
  }

  private cells(line: PackingSlipLine): { item: string; detail: string; backordered: string } {
    const detail = line.options.join(', ');
    let backordered = '—';
    if (line.backordered > 0) {
      backordered = `${this.count.format(line.backordered)} of ${this.count.format(line.quantity)} backordered`;
      if (line.givenBack) backordered += ' (given back)';
    }
    return { item: line.name, detail, backordered };
  }

  private rowHeight(line: PackingSlipLine): number {
    const { doc } = this;
    const [item, sku, , backordered] = this.columns as [Column, Column, Column, Column];
    const cells = this.cells(line);
    doc.font(FONT.regular).fontSize(10);
    let itemHeight = doc.heightOfString(cells.item, { width: item.width - 4 });
    if (cells.detail !== '') {
      doc.fontSize(9);
      itemHeight += doc.heightOfString(cells.detail, { width: item.width - 4 });
      doc.fontSize(10);
    }
    const skuHeight = doc.heightOfString(line.sku ?? '—', { width: sku.width - 4 });
    doc.font(FONT.bold);
    const backorderedHeight = doc.heightOfString(cells.backordered, { width: backordered.width - 4 });
    return Math.max(itemHeight, skuHeight, backorderedHeight) + 10;
  }

  private row(line: PackingSlipLine, height: number): void {
    const { doc } = this;
    const [item, sku, quantity, backordered] = this.columns as [Column, Column, Column, Column];
    const cells = this.cells(line);
    const top = doc.y;
    let x = this.left;

    doc.font(FONT.regular).fontSize(10).fillColor('black');
    doc.text(cells.item, x + 2, top, { width: item.width - 4 });
    if (cells.detail !== '') {
      doc
        .fontSize(9)
        .fillColor(GREY)
        .text(cells.detail, x + 2, doc.y, { width: item.width - 4 });
      doc.fontSize(10).fillColor('black');
    }
    x += item.width;
    doc.text(line.sku ?? '—', x + 2, top, { width: sku.width - 4 });
    x += sku.width;
    doc.text(this.count.format(line.quantity), x + 2, top, { width: quantity.width - 4, align: 'right' });
    x += quantity.width;
    // The reason for this slip: what the warehouse cannot put in the box yet stands out.
    doc
      .font(line.backordered > 0 ? FONT.bold : FONT.regular)
      .text(cells.backordered, x + 2, top, { width: backordered.width - 4, align: 'right' });

    this.rule(top + height - 5, 0.5);
    doc.x = this.left;
    doc.y = top + height;
  }

  private messages(messages: readonly string[]): void {
    if (messages.length === 0) return;
    const { doc } = this;
    doc.x = this.left;
    doc.moveDown(1);
    if (doc.y + 40 > this.bottom()) doc.addPage();
    doc
      .font(FONT.bold)
      .fontSize(11)
      .fillColor('black')
      .text('About the backordered items', this.left, doc.y, {
        width: this.width,
      });
    doc.font(FONT.regular).fontSize(10);
    for (const message of messages) {
      doc.moveDown(0.4);
      doc.text(message, this.left, doc.y, { width: this.width });
    }
  }

  private rule(y: number, lineWidth: number): void {
    this.doc
      .save()
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(lineWidth)
      .strokeColor(RULE)
      .stroke()
      .restore();
  }

  private bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
}
