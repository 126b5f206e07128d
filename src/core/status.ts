import type { Block, Item, Status } from './item.js';
import { STATUS_RULES } from './transitions.js';

/** R1–R3: the status the shopper sees, from stock, the switch condition S and the block. */
export function statusFrom(stock: number, switchCondition: number, block: Block | null): Status {
  const rule = STATUS_RULES.find((r) => r.matches(stock, switchCondition, block));
  // The last row matches everything; reaching past it would be a bug in the table.
  if (rule === undefined) throw new Error('STATUS_RULES has no catch-all row');
  return rule.status;
}

export function statusOf(item: Pick<Item, 'stock' | 'block'>, switchCondition: number): Status {
  return statusFrom(item.stock, switchCondition, item.block);
}

/** Whether BigCommerce should let shoppers buy it. */
export function isPurchasable(status: Status): boolean {
  return status !== 'unavailable';
}

/** Whether the storefront shows the backorder button, message and cart message (never in stock). */
export function showsBackorderTexts(status: Status): boolean {
  return status === 'backorder';
}
