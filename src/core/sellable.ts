import type { Item } from './item.js';
import { MAX_UNITS } from './item.js';

/**
 * What "unlimited backorders" (T empty) adds to the units still sellable: more than any order or flash
 * sale can take, and small enough that stock above S plus this stays inside BigCommerce's largest
 * inventory level (2,147,483,647): at most 1,000,000,000 + 1,000,000,000.
 */
export const UNLIMITED_ALLOWANCE = MAX_UNITS;

/**
 * The units a shopper may still buy of an item under the rules (docs/product.md#modes): its stock above
 * S, plus the backorders its episode still allows — T − B, none when a block stops backorders, and
 * UNLIMITED_ALLOWANCE − B without a threshold. Never negative.
 *
 * In the "cap at checkout" mode this is the inventory level BigCommerce holds, so BigCommerce's own
 * checkout refuses the order that would pass T. It moves with the rules exactly: a sale of q units
 * takes q away whichever side of S they fall on (R8 counts the part at or below S into B), so a sale
 * BigCommerce has already counted needs no write; every other change (an edit, a block, a give-back,
 * the end of an episode) moves it by the difference the shell writes.
 */
export function sellableUnits(
  item: Pick<Item, 'stock' | 'threshold' | 'backordered' | 'block'>,
  switchCondition: number,
): number {
  const inStock = Math.max(0, item.stock - switchCondition);
  if (item.block !== null) return inStock;
  // Without a threshold B counts down from the unlimited allowance too, so that a sale takes its units
  // away on both sides of S, as with one.
  const allowance = Math.max(0, (item.threshold ?? UNLIMITED_ALLOWANCE) - item.backordered);
  return inStock + allowance;
}
