import type { ItemRepository } from '../ports/item-repository.js';
import type { OrderLineRepository } from '../ports/order-line-repository.js';
import type { ProductRepository } from '../ports/product-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreOrderLine, StoreOrders, StoreOrderWithLines } from '../ports/store-orders.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { TemplateRecord, TemplateRepository } from '../ports/template-repository.js';
import { type PackingSlipLine, staffNotesWithBackorders } from './packing-slip-note.js';

export interface WriteStaffNoteDeps {
  readonly stores: StoreRepository;
  readonly items: ItemRepository;
  readonly products: ProductRepository;
  readonly templates: TemplateRepository;
  readonly orderLines: OrderLineRepository;
  readonly storeOrders: Pick<StoreOrders, 'writeStaffNotes'>;
}

export interface WriteStaffNoteInput {
  readonly storeId: StoreId;
  /** The order as this processing read it from BigCommerce: its staff notes, its lines (names, options). */
  readonly order: StoreOrderWithLines;
}

export type WriteStaffNoteOutcome =
  | { readonly written: true }
  /** `unchanged`: the note already says it; `no_backorders`: no line holds backordered units. */
  | { readonly written: false; readonly reason: 'unchanged' | 'no_backorders' | 'order_not_found' };

/**
 * Puts the packing-slip message and the backordered lines of an order into its staff notes
 * (packing-slip-note.ts), keeping the merchant's own notes. Idempotent: the note is computed from
 * what is recorded (order lines, items, templates) and written only when the text changes, changing
 * nothing else on the order (StoreOrders.writeStaffNotes).
 *
 * The notes are those of the order as read at the start of this processing (never read a second time:
 * one call per order). BigCommerce's v2 API has no conditional update, so a merchant's edit of the
 * notes between that read and this write would be overwritten; the window is the processing of one
 * order (milliseconds), or at most OrderPrefetch's `maxAgeMs` for an order read ahead in a storm, and
 * a new order's notes are rarely edited in its first seconds. Re-reading right before the write only
 * narrowed that window, it never closed it.
 */
export async function writeStaffNote(
  deps: WriteStaffNoteDeps,
  input: WriteStaffNoteInput,
): Promise<WriteStaffNoteOutcome> {
  const { storeId, order } = input;
  const orderId = order.id;
  const lines = await deps.orderLines.listOrderLines(storeId, orderId);
  // Lines keep their backordered units when given back, so an order that once carried a block still
  // qualifies here and gets its block updated rather than forgotten.
  const backordered = lines.filter((line) => line.backordered > 0);
  if (backordered.length === 0) return { written: false, reason: 'no_backorders' };

  const store = await deps.stores.getStore(storeId);
  if (store === null)
    throw new Error(`Store ${storeId} not found while writing the staff note of order ${orderId}`);

  const { staffNotes, lines: orderLines } = order;

  const templates = new TemplateCache(deps.templates, storeId);
  const noteLines: PackingSlipLine[] = [];
  for (const line of backordered) {
    const item = await deps.items.getItem(storeId, line.itemId);
    if (item === null) continue;
    const product = await deps.products.getProduct(storeId, item.productId);
    const template = await templates.forTemplateId(product?.templateId ?? null);
    const ordered = orderLines.find((l) => l.id === line.bcOrderProductId);
    noteLines.push({
      name: ordered ? orderedName(ordered) : (product?.name ?? `Product ${item.bcProductId}`),
      sku: ordered?.sku || item.sku,
      quantity: line.quantity,
      backordered: line.backordered,
      givenBack: line.returnedQuantity >= line.quantity,
      packingSlipMessage: template?.packingSlipMessage ?? null,
      item,
    });
  }

  const next = staffNotesWithBackorders(staffNotes, {
    lines: noteLines,
    locale: store.locale,
    timeZone: store.timezone,
  });
  if (next === staffNotes) return { written: false, reason: 'unchanged' };
  if (!(await deps.storeOrders.writeStaffNotes(storeId, orderId, next))) {
    return { written: false, reason: 'order_not_found' };
  }
  return { written: true };
}

/** "T-Shirt (Size: L, Colour: Blue)": what the warehouse picks. */
function orderedName(line: StoreOrderLine): string {
  const options = line.options.map((o) => `${o.name}: ${o.value}`).filter((text) => text.trim() !== ':');
  return options.length === 0 ? line.name : `${line.name} (${options.join(', ')})`;
}

/**
 * A product without a template of its own follows the store's default template. Shared with the
 * printable packing slip (print-packing-slips.ts), so both carry the same message for a line.
 */
export class TemplateCache {
  private readonly cache = new Map<number | 'default', TemplateRecord | null>();

  constructor(
    private readonly templates: Pick<TemplateRepository, 'getTemplate' | 'getDefaultTemplate'>,
    private readonly storeId: StoreId,
  ) {}

  async forTemplateId(templateId: number | null): Promise<TemplateRecord | null> {
    const key = templateId ?? 'default';
    if (!this.cache.has(key)) {
      const found =
        templateId === null
          ? await this.templates.getDefaultTemplate(this.storeId)
          : ((await this.templates.getTemplate(this.storeId, templateId)) ??
            (await this.templates.getDefaultTemplate(this.storeId)));
      this.cache.set(key, found);
    }
    return this.cache.get(key) ?? null;
  }
}
