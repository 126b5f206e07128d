import { REFUSAL_CODES } from '../../core/codes.js';
import type { Refusal } from '../../core/item.js';
import { type NotifyDeps, notify } from '../notifications/notify.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { StoreId } from '../ports/store-id.js';

/**
 * Refusals of an order line's change that come from the item's numbers, not from a bug: the sale or
 * give-back would take the item out of the range of stock-like numbers (R19), or the line's quantity
 * itself is beyond it. Retrying cannot help, so the change is not applied and the merchant is told.
 */
const PROBLEM_CODES = new Set<string>([
  REFUSAL_CODES.stockOutOfRange,
  REFUSAL_CODES.backorderedOutOfRange,
  REFUSAL_CODES.invalidQuantity,
]);

export function isItemProblem(refusal: Refusal): boolean {
  return PROBLEM_CODES.has(refusal.code);
}

export interface ReportLineProblemInput {
  readonly storeId: StoreId;
  readonly refusal: Refusal;
  readonly change: 'sale' | 'return';
  readonly item: Pick<ItemRecord, 'id' | 'bcProductId' | 'bcVariantId' | 'sku'>;
  readonly line: {
    readonly orderId: number;
    readonly orderProductId: number;
    readonly quantity: number;
    readonly name: string | null;
    readonly variant: string | null;
  };
  /** The change's idempotency key: the problem is recorded once per change, however often it is retried. */
  readonly changeKey: string;
}

/**
 * Notifies the merchant (`item_problem`, sent whatever the notification settings say) that an order
 * line's change could not be applied to an item, so its stock must be set right by hand. The webhook
 * that brought the change settles: failing it would retry a change that can never succeed.
 */
export async function reportLineProblem(deps: NotifyDeps, input: ReportLineProblemInput): Promise<void> {
  const { item, line } = input;
  const result = await notify(deps, {
    storeId: input.storeId,
    event: 'item_problem',
    dedupeKey: input.changeKey,
    payload: {
      code: input.refusal.code,
      change: input.change,
      itemId: item.id,
      bcProductId: item.bcProductId,
      bcVariantId: item.bcVariantId,
      sku: item.sku,
      name: line.name,
      variant: line.variant,
      orderId: line.orderId,
      orderProductId: line.orderProductId,
      quantity: line.quantity,
    },
  });
  // The store is gone (uninstalled and purged): there is no one left to tell.
  if (!result.ok && result.code !== 'STORE.NOT_FOUND') throw new Error(`${result.code}: ${result.message}`);
}
