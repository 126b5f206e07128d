import { decide } from '../../core/decide.js';
import type { Decision } from '../../core/decision.js';
import type { ItemEvent } from '../../core/events.js';
import { type LocalDate, type Refusal, refuse } from '../../core/item.js';
import { sellableUnits } from '../../core/sellable.js';
import { assignedVariantKey } from '../jobs/keys.js';
import type { ItemOptionValue, ItemRecord } from '../ports/item-repository.js';
import {
  IdempotencyKeyTaken,
  type ItemTransactions,
  rollback,
  SkuTaken,
} from '../ports/item-transactions.js';
import type { ProductRecord } from '../ports/product-repository.js';
import { type ChangeContext, changeRecordOf, itemWriteAfter, toCoreItem } from './item-history.js';
import { ITEM_REFUSALS, refused, storeNotFound } from './item-refusals.js';

export interface AssignProductItemsDeps {
  readonly itemTransactions: ItemTransactions;
}

export interface AssignProductInput extends ChangeContext {
  readonly product: {
    readonly bcProductId: number;
    readonly name: string;
    readonly sku: string | null;
    readonly templateId: number | null;
    /** BigCommerce's settings before assignment (inventory tracking, availability, …), restored later. */
    readonly originalSettings: unknown;
  };
  /** Every item of the product (one with `bcVariantId: null` for a product without variants). */
  readonly items: readonly AssignedItemInput[];
}

export interface AssignedItemInput {
  readonly bcVariantId: number | null;
  readonly sku: string | null;
  /** Copied from BigCommerce's inventory level. */
  readonly stock: number;
  /** Stock defaults from the template. */
  readonly threshold: number | null;
  readonly incoming: number;
  readonly backInStockDate: LocalDate | null;
  /** The option values of the item's variant (none for a product without variants); kept when left out. */
  readonly optionValues?: readonly ItemOptionValue[];
  /**
   * Cap at checkout: the level BigCommerce counts for the item now, which the assignment then moves to
   * the item's sellable units by a relative write (orders placed meanwhile keep their effect); null when
   * BigCommerce does not count the item's level the way the mode needs (the caller then writes the level
   * itself, absolute, with the tracking). Ignored in the other modes.
   */
  readonly bigCommerceLevel?: number | null;
  /**
   * Native backorders: BigCommerce's quantity backordered for the item (the stock is on hand minus it);
   * its limit and safety stock are then written from the item's state. Ignored in the other modes.
   */
  readonly storeBackordered?: number;
}

export type AssignProductOutcome =
  | {
      readonly applied: true;
      readonly duplicate: false;
      readonly product: ProductRecord;
      readonly items: readonly { readonly item: ItemRecord; readonly decision: Decision }[];
    }
  | { readonly applied: false; readonly duplicate: true }
  | { readonly applied: false; readonly duplicate: false; readonly refusal: Refusal };

/**
 * Records a product's assignment: the product row (with BigCommerce's original settings) and every
 * item, each through the core's `assigned` event, in one transaction. A re-assigned item keeps its row
 * and continues its episode count. All items or none: one refused item rolls the whole product back.
 */
export async function assignProductItems(
  deps: AssignProductItemsDeps,
  input: AssignProductInput,
): Promise<AssignProductOutcome> {
  if (input.items.length === 0) {
    return refused(refuse(ITEM_REFUSALS.productHasNoItems, 'A product to assign needs at least one item.'));
  }
  const keyOf = (item: AssignedItemInput) => assignedVariantKey(input.idempotencyKey, item.bcVariantId);
  try {
    return await deps.itemTransactions.run<AssignProductOutcome>(input.storeId, async (tx) => {
      const rules = input.rules ?? (await tx.loadRules());
      if (rules === null) return refused(storeNotFound(input.storeId));
      // Saving the product locks its row: two assignments of one product run one after the other.
      const product = await tx.saveAssignedProduct({
        ...input.product,
        sku: emptyToNull(input.product.sku),
        at: input.now,
      });
      if (await tx.isApplied(keyOf(input.items[0]!))) return rollback({ applied: false, duplicate: true });

      const items: { item: ItemRecord; decision: Decision }[] = [];
      for (const wanted of input.items) {
        const existing = await tx.lockItemByBcIds(product.bcProductId, wanted.bcVariantId);
        const event: Extract<ItemEvent, { kind: 'assigned' }> = {
          kind: 'assigned',
          stock: wanted.stock,
          threshold: wanted.threshold,
          incoming: wanted.incoming,
          backInStockDate: wanted.backInStockDate,
          // A re-assigned item continues its episode count, so an old give-back cannot match.
          ...(existing === null ? {} : { lastEpisode: existing.episode }),
        };
        const result = decide(existing === null ? null : toCoreItem(existing), event, rules, input.now);
        if (!result.ok) return rollback(refused(result));

        const before =
          existing ??
          (await tx.insertItem({
            productId: product.id,
            bcProductId: product.bcProductId,
            bcVariantId: wanted.bcVariantId,
            sku: emptyToNull(wanted.sku),
            at: input.now,
          }));
        const after = result.decision.item;
        const sellable =
          rules.inventoryMode === 'capped' && after !== null
            ? sellableUnits(after, rules.switchCondition)
            : null;
        const item = await tx.writeItem(before.id, {
          ...itemWriteAfter(before, result.decision, input.now),
          sku: emptyToNull(wanted.sku),
          ...(wanted.optionValues === undefined ? {} : { optionValues: wanted.optionValues }),
          cappedLevel: sellable,
          nativeBackordered:
            rules.inventoryMode === 'native' && after !== null ? (wanted.storeBackordered ?? 0) : null,
        });
        const levelDelta =
          sellable === null || wanted.bigCommerceLevel === undefined || wanted.bigCommerceLevel === null
            ? 0
            : sellable - wanted.bigCommerceLevel;
        await tx.recordChange(
          changeRecordOf(
            { ...input, idempotencyKey: keyOf(wanted) },
            event,
            item,
            result.decision,
            undefined,
            rules.inventoryMode === 'native' ? { backorderLimit: 'narrows' } : { levelDelta },
          ),
        );
        items.push({ item, decision: result.decision });
      }
      return { applied: true, duplicate: false, product, items };
    });
  } catch (error) {
    if (error instanceof IdempotencyKeyTaken) return { applied: false, duplicate: true };
    if (error instanceof SkuTaken) {
      return refused(refuse(ITEM_REFUSALS.skuTaken, 'Another assigned item already has one of these SKUs.'));
    }
    throw error;
  }
}

function emptyToNull(sku: string | null): string | null {
  return sku === null || sku.trim() === '' ? null : sku;
}
