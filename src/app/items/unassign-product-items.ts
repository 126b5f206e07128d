import { decide } from '../../core/decide.js';
import type { Decision } from '../../core/decision.js';
import type { ItemEvent } from '../../core/events.js';
import { type Refusal, refuse } from '../../core/item.js';
import { unassignedItemKey, unassignedProductKey } from '../jobs/keys.js';
import type { ItemRecord } from '../ports/item-repository.js';
import { IdempotencyKeyTaken, type ItemTransactions, rollback } from '../ports/item-transactions.js';
import type { ProductRecord } from '../ports/product-repository.js';
import { type ChangeContext, changeRecordOf, itemWriteAfter, toCoreItem } from './item-history.js';
import { ITEM_REFUSALS, refused, storeNotFound } from './item-refusals.js';

export interface UnassignProductItemsDeps {
  readonly itemTransactions: ItemTransactions;
}

export interface UnassignProductInput extends ChangeContext {
  readonly productId: number;
  /**
   * Cap at checkout: no level write goes to the outbox — the product was deleted in BigCommerce, or the
   * caller writes the levels itself (absolute, restoring the product's original tracking).
   */
  readonly skipLevelWrites?: boolean;
}

export type UnassignProductOutcome =
  | {
      readonly applied: true;
      readonly duplicate: false;
      readonly product: ProductRecord;
      readonly items: readonly { readonly item: ItemRecord; readonly decision: Decision }[];
    }
  | { readonly applied: false; readonly duplicate: true }
  | { readonly applied: false; readonly duplicate: false; readonly refusal: Refusal };

/**
 * Records a product's unassignment: every assigned item through the core's `unassigned` event (stock and
 * B given back to zero in the ledger), and the product marked unassigned, in one transaction. The
 * product-wide change is journalled under its own key, so a retry is recognised even when no assigned
 * item was left.
 *
 * Cap at checkout: BigCommerce's level stops being the synthetic sellable units and becomes the item's
 * real on-hand count again — a relative write of max(0, stock) − the level the app wrote, through the
 * outbox (relative, so a sale BigCommerce takes meanwhile is kept) — and the item holds no capped level.
 */
export async function unassignProductItems(
  deps: UnassignProductItemsDeps,
  input: UnassignProductInput,
): Promise<UnassignProductOutcome> {
  const productKey = unassignedProductKey(input.idempotencyKey);
  try {
    return await deps.itemTransactions.run<UnassignProductOutcome>(input.storeId, async (tx) => {
      const product = await tx.lockProduct(input.productId);
      if (product === null) {
        return refused(refuse(ITEM_REFUSALS.productNotFound, `No product ${input.productId} in this store.`));
      }
      const assignedItems = await tx.lockItemsOfProduct(product.id, { activeOnly: true });
      // Checked before "not assigned": a retry of an unassignment must answer duplicate, not refuse.
      if (await tx.isApplied(productKey)) return { applied: false, duplicate: true };
      if (!product.assigned) {
        return refused(refuse(ITEM_REFUSALS.productNotAssigned, 'The product is not assigned to Backorder.'));
      }
      const rules = input.rules ?? (await tx.loadRules());
      if (rules === null) return refused(storeNotFound(input.storeId));

      const items: { item: ItemRecord; decision: Decision }[] = [];
      const event: ItemEvent = { kind: 'unassigned' };
      for (const before of assignedItems) {
        const result = decide(toCoreItem(before), event, rules, input.now);
        if (!result.ok) return rollback(refused(result));
        const capped = before.cappedLevel !== null;
        const item = await tx.writeItem(before.id, {
          ...itemWriteAfter(before, result.decision, input.now),
          ...(capped ? { cappedLevel: null } : {}),
          // Native backorders: BigCommerce's counts are real ones already; the app stops keeping them.
          ...(before.nativeBackordered !== null ? { nativeBackordered: null } : {}),
        });
        const levelDelta =
          capped && input.skipLevelWrites !== true
            ? Math.max(0, before.stock) - (before.cappedLevel ?? 0)
            : 0;
        await tx.recordChange(
          changeRecordOf(
            { ...input, idempotencyKey: unassignedItemKey(input.idempotencyKey, before.id) },
            event,
            item,
            result.decision,
            undefined,
            { levelDelta },
          ),
        );
        items.push({ item, decision: result.decision });
      }
      const unassigned = await tx.markProductUnassigned(product.id, input.now);
      const first = assignedItems[0];
      if (first !== undefined) {
        // The journal is per item: the product-wide row goes with its first item.
        await tx.recordChange({
          itemId: first.id,
          idempotencyKey: productKey,
          event: { kind: 'unassigned', scope: 'product', productId: product.id },
          cause: input.cause,
          actor: input.actor,
          at: input.now,
          movement: null,
          transition: null,
          effects: [],
        });
      }
      return { applied: true, duplicate: false, product: unassigned, items };
    });
  } catch (error) {
    if (error instanceof IdempotencyKeyTaken) return { applied: false, duplicate: true };
    throw error;
  }
}
