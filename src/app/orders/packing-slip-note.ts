import { type MessageContext, renderMessage } from '../../core/messages.js';

/**
 * The staff note of an order holding backordered units (docs/product.md#packing-slip-message): BigCommerce
 * has no API to edit packing slips, so the packing-slip message and the backordered lines go into the
 * order's `staff_notes`, inside markers. Only the text between the markers is ours: the merchant's
 * own notes before and after it are never changed, and writing again replaces just our block.
 *
 * Pure: no I/O. The text is plain text (staff notes are not HTML).
 */

export const NOTE_START = '--- Backorder ---';
export const NOTE_END = '--- /Backorder ---';

/** BigCommerce's limit on `staff_notes` (orders.v2: string ≤ 65535). */
export const MAX_STAFF_NOTES_LENGTH = 65_535;

export interface PackingSlipLine {
  /** As the warehouse knows it: the ordered product's name with its options. */
  readonly name: string;
  readonly sku: string | null;
  readonly quantity: number;
  /** b of the sale: the units of this line that were backorders. */
  readonly backordered: number;
  /** The line's units were given back (order cancelled or refunded). */
  readonly givenBack: boolean;
  /** The packing-slip message of the template of the line's product, with its placeholders. */
  readonly packingSlipMessage: string | null;
  /** The item as it is now, for the placeholders (back-in-stock date, incoming, remaining units). */
  readonly item: MessageContext['item'];
}

export interface PackingSlipNoteInput {
  readonly lines: readonly PackingSlipLine[];
  /** The store's locale and time zone, for dates and numbers in the messages. */
  readonly locale: string;
  readonly timeZone: string;
}

/**
 * Our block for an order, or '' when no line holds backordered units (then the order carries no
 * block at all). Lines without backordered units are left out: the note lists what is owed.
 * `maxLines` caps how many lines are written (the rest are counted), for BigCommerce's length limit.
 */
export function backorderBlock(input: PackingSlipNoteInput, maxLines = Number.POSITIVE_INFINITY): string {
  const lines = input.lines.filter((line) => line.backordered > 0);
  if (lines.length === 0) return '';
  const open = lines.filter((line) => !line.givenBack);

  const text: string[] = [NOTE_START];
  if (open.length === 0) {
    text.push('All backordered units of this order were given back (order cancelled or refunded).');
  } else {
    // One message per distinct text: lines of one template usually render the same message.
    const messages = new Set<string>();
    for (const line of open) {
      if (line.packingSlipMessage === null) continue;
      const rendered = packingSlipMessageText(line.packingSlipMessage, {
        item: line.item,
        locale: input.locale,
        timeZone: input.timeZone,
      });
      if (rendered !== '') messages.add(rendered);
    }
    text.push(...messages);
  }
  text.push('Backordered lines:');
  const shown = lines.slice(0, Math.max(0, maxLines));
  for (const line of shown) text.push(lineText(line));
  const hidden = lines.length - shown.length;
  if (hidden > 0) text.push(`… and ${hidden} more backordered line${hidden === 1 ? '' : 's'}.`);
  text.push(NOTE_END);
  return text.join('\n');
}

/**
 * A packing-slip message as the staff note carries it ('' when it renders to nothing): the one
 * rendering the note and the template preview (preview-template-texts.ts) share.
 */
export function packingSlipMessageText(message: string, context: MessageContext): string {
  return neutralizeMarkers(renderMessage(message, context).trim());
}

function lineText(line: PackingSlipLine): string {
  const name = neutralizeMarkers(oneLine(line.name));
  const sku =
    line.sku === null || line.sku.trim() === '' ? '' : ` (SKU ${neutralizeMarkers(oneLine(line.sku))})`;
  const givenBack = line.givenBack ? ' — given back' : '';
  return `- ${name}${sku}: ${line.quantity} ordered, ${line.backordered} backordered${givenBack}`;
}

/**
 * The staff notes with our block put in place of the old one (or appended after the merchant's
 * text), or removed when `block` is ''. Everything outside the block is kept as it was.
 */
export function replaceBackorderBlock(staffNotes: string, block: string): string {
  const found = findBlock(staffNotes);
  if (found === null) {
    if (block === '') return staffNotes;
    const merchant = staffNotes.replace(/\s+$/, '');
    return merchant === '' ? block : `${merchant}\n\n${block}`;
  }
  const before = staffNotes.slice(0, found.start);
  const after = staffNotes.slice(found.end);
  if (block !== '') return `${before}${block}${after}`;
  const kept = [before.replace(/\s+$/, ''), after.replace(/^\s+/, '')].filter((part) => part !== '');
  return kept.join('\n\n');
}

/**
 * The order's new staff notes: the merchant's text with our block for `input` (see
 * backorderBlock). When everything does not fit BigCommerce's limit, fewer lines are listed; when
 * even the block without lines does not fit, the notes are left as they are (the merchant's text is
 * never cut).
 */
export function staffNotesWithBackorders(staffNotes: string, input: PackingSlipNoteInput): string {
  const full = replaceBackorderBlock(staffNotes, backorderBlock(input));
  if (full.length <= MAX_STAFF_NOTES_LENGTH) return full;
  const count = input.lines.filter((line) => line.backordered > 0).length;
  for (let maxLines = count - 1; maxLines >= 0; maxLines--) {
    const fitted = replaceBackorderBlock(staffNotes, backorderBlock(input, maxLines));
    if (fitted.length <= MAX_STAFF_NOTES_LENGTH) return fitted;
  }
  return staffNotes;
}

/** Where our block is: the last start marker before the first end marker after it, on lines of their own. */
function findBlock(notes: string): { start: number; end: number } | null {
  const starts = [...notes.matchAll(/^--- Backorder ---\r?$/gm)].map((m) => m.index);
  for (const endMatch of notes.matchAll(/^--- \/Backorder ---(?=\r?$)/gm)) {
    const start = starts.filter((s) => s < endMatch.index).at(-1);
    if (start !== undefined) return { start, end: endMatch.index + endMatch[0].length };
  }
  return null;
}

/** Merchant-written text must not be able to fake our markers (it would move our block's bounds). */
function neutralizeMarkers(text: string): string {
  return text.replace(/---(\s*\/?\s*Backorder\s*)---/gi, '--$1--');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
