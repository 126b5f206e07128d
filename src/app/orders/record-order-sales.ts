import { REFUSAL_CODES } from '../../core/codes.js';
import { applyItemEvent } from '../items/apply-item-event.js';
import { ITEM_REFUSALS } from '../items/item-refusals.js';
import { orderSaleKey } from '../jobs/keys.js';
import type { NotifyDeps } from '../notifications/notify.js';
import { type ItemRecord, type ItemRepository, itemVariantLabel } from '../ports/item-repository.js';
import type { ItemTransactions } from '../ports/item-transactions.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreOrderLine } from '../ports/store-orders.js';
import { ORDER_LINE_REFUSALS } from './order-line-rules.js';
import { isItemProblem, reportLineProblem } from './report-line-problem.js';

export interface RecordOrderSalesDeps extends NotifyDeps {
  readonly items: ItemRepository;
  readonly itemTransactions: ItemTransactions;
}

export interface RecordOrderSalesInput {
  readonly storeId: StoreId;
  readonly orderId: number;
  /** The order's lines as BigCommerce has them now. */
  readonly lines: readonly StoreOrderLine[];
  readonly now: Date;
  /** Who placed the order, recorded with its lines (StoreOrder.customerName). */
  readonly customerName?: string | null;
}

export interface RecordOrderSalesOutcome {
  /** Lines of assigned items sold now. */
  readonly sold: number;
  /** Lines already recorded by an earlier run (a retry, a redelivery, the other order webhook). */
  readonly alreadyRecorded: number;
  /** Lines whose sale the item's numbers refused (out of range): not recorded, the merchant notified. */
  readonly problems: number;
  /** Outbox messages the sales wrote (purchasability and per-order maximum writes, notifications). */
  readonly effects: number;
}

/** The actor recorded with changes that BigCommerce (an order, a webhook) caused. */
export const BIGCOMMERCE_ACTOR = 'bigcommerce';

/** The cause the history names for changes of one order line (a reference, not a key). */
export const orderLineRef = (orderId: number, orderProductId: number) =>
  `order:${orderId}:line:${orderProductId}`;

/** The order and line an `orderLineRef` names; null for any other text. */
export function parseOrderLineRef(ref: string): { orderId: number; orderProductId: number } | null {
  const match = /^order:(\d{1,15}):line:(\d{1,15})$/.exec(ref);
  return match === null ? null : { orderId: Number(match[1]), orderProductId: Number(match[2]) };
}

/**
 * Applies the sale of every line of an order whose product is assigned to Backorder. The key of each
 * sale is derived from the order line, so running this again (a retried job, a redelivered webhook,
 * the status webhook arriving first) records nothing twice. Lines of products the app does not track
 * (unassigned, custom lines, gift certificates) are left alone.
 */
export async function recordOrderSales(
  deps: RecordOrderSalesDeps,
  input: RecordOrderSalesInput,
): Promise<RecordOrderSalesOutcome> {
  const { storeId, orderId, now } = input;
  let sold = 0;
  let alreadyRecorded = 0;
  let problems = 0;
  let effects = 0;
  for (const line of input.lines) {
    if (line.quantity <= 0) continue;
    const item = await trackedItemOf(deps.items, storeId, line);
    if (item === null) continue;
    const saleKey = orderSaleKey(orderId, line.id);
    const outcome = await applyItemEvent(deps, {
      storeId,
      itemId: item.id,
      event: { kind: 'sold', quantity: line.quantity },
      idempotencyKey: saleKey,
      cause: { type: 'order_line', ref: orderLineRef(orderId, line.id) },
      actor: BIGCOMMERCE_ACTOR,
      now,
      orderLine: {
        bcOrderId: orderId,
        bcOrderProductId: line.id,
        customerName: input.customerName ?? null,
        // Native backorders: what BigCommerce itself backordered of the line.
        storeBackordered: line.quantityBackordered ?? null,
      },
    });
    if (outcome.applied) {
      sold += 1;
      effects += outcome.outboxWrites;
    } else if (outcome.duplicate || outcome.refusal.code === ORDER_LINE_REFUSALS.alreadyRecorded) {
      alreadyRecorded += 1;
    } else if (isItemProblem(outcome.refusal)) {
      problems += 1;
      await reportLineProblem(deps, {
        storeId,
        refusal: outcome.refusal,
        change: 'sale',
        item,
        line: {
          orderId,
          orderProductId: line.id,
          quantity: line.quantity,
          name: line.name,
          variant: itemVariantLabel(item),
        },
        changeKey: saleKey,
      });
    } else if (!UNTRACKED.has(outcome.refusal.code)) {
      // Any other refusal means a sale BigCommerce accepted could not be recorded: a bug, not a rule.
      throw new Error(
        `Sale of order ${orderId} line ${line.id} refused: ${outcome.refusal.code} ${outcome.refusal.message}`,
      );
    }
  }
  return { sold, alreadyRecorded, problems, effects };
}

/** Refusals meaning the item stopped being tracked between the look-up and the sale (unassigned). */
const UNTRACKED = new Set<string>([REFUSAL_CODES.notAssigned, ITEM_REFUSALS.itemNotFound]);

/**
 * The assigned item an order line sold, or null. A product without variants is its own item
 * (`bcVariantId` null) even though BigCommerce names its base variant on the line; a product with
 * variants has one item per variant.
 */
async function trackedItemOf(
  items: ItemRepository,
  storeId: StoreId,
  line: StoreOrderLine,
): Promise<ItemRecord | null> {
  if (line.bcProductId === null || line.kind === 'giftCertificate') return null;
  const product = await items.findItemByBcIds(storeId, line.bcProductId, null);
  if (product?.active) return product;
  if (line.bcVariantId === null) return null;
  const variant = await items.findItemByBcIds(storeId, line.bcProductId, line.bcVariantId);
  return variant?.active ? variant : null;
}
