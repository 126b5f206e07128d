/**
 * Turns packing slips into a printable document (a PDF, src/adapters/pdf/packing-slip.pdf.ts). The slips
 * arrive complete: every text is final (dates written for the store, messages with their placeholders
 * filled in), so the printer only lays them out. Every text is the merchant's or the customer's and is
 * drawn as plain text.
 */
export interface PackingSlipPrinter {
  print(document: PackingSlipDocument): Promise<Uint8Array>;
}

export interface PackingSlipDocument {
  /** The store's name in BigCommerce; null while the app does not know it. */
  readonly storeName: string | null;
  /** The store's locale (BCP-47): the document's language and how numbers read. */
  readonly locale: string;
  /** When the document was made: its metadata, so the same slips print the same bytes. */
  readonly printedAt: Date;
  /** One per order, in the order asked for. */
  readonly slips: readonly PackingSlip[];
}

export interface PackingSlip {
  /** The BigCommerce order number. */
  readonly orderId: number;
  /** When it was placed, as a date of the store's time zone written for its locale ("March 5, 2026"). */
  readonly placedOn: string;
  /** Where it goes: one address per consignment (none for a pickup or digital order), each as lines. */
  readonly shipTo: readonly (readonly string[])[];
  /** What goes in the box, in the order's order. */
  readonly lines: readonly PackingSlipLine[];
  /** The packing-slip messages of its backordered lines, placeholders filled in, each once. */
  readonly messages: readonly string[];
}

export interface PackingSlipLine {
  /** The product's name as the order names it. */
  readonly name: string;
  /** The options the customer chose, as `Size: L`. */
  readonly options: readonly string[];
  readonly sku: string | null;
  readonly quantity: number;
  /** Units of the line sold as backorders (0 when all were in stock). */
  readonly backordered: number;
  /** Its backordered units were given back (order cancelled or refunded). */
  readonly givenBack: boolean;
}
