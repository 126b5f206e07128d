import { decide } from '../../core/decide.js';
import type { Item } from '../../core/item.js';
import { sellableUnits } from '../../core/sellable.js';
import { applyItemEvent } from '../items/apply-item-event.js';
import type { ItemChangeDeps } from '../items/item-change.js';
import { settingsReevaluationKey } from '../jobs/keys.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { ItemRules } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';

const PAGE_SIZE = 200;
const CONCURRENCY = 4;

export interface ReevaluateInput {
  readonly storeId: StoreId;
  /** The rules as they are now (after the settings change), with the store's inventory mode. */
  readonly rules: ItemRules;
  /** Names this re-evaluation in idempotency keys: `settings:<ref>:item:<id>`. */
  readonly ref: string;
  readonly actor: string;
  /** Resume after this item id (a re-evaluation's cursor); from the first item when absent. */
  readonly afterId?: number;
  /**
   * Told after each page how far it got (counts since `afterId`). Answering false stops the walk
   * there (the re-evaluation was superseded by a newer switch condition).
   */
  readonly onPage?: (progress: ReevaluatePageProgress) => Promise<boolean>;
}

export interface ReevaluatePageProgress {
  /** The id of the last item of the page. */
  readonly cursor: number;
  /** Assigned (active) items looked at since the start. */
  readonly looked: number;
  /** Items changed since the start. */
  readonly changed: number;
}

/**
 * After the switch condition S changed: every assigned item of the store whose status (or block,
 * episode, B) the rules now see differently gets a `reevaluated` event, page by page in id order. Items
 * the new S does not affect are left alone, so running it again (after a crash, or when S is saved
 * unchanged) only finishes what is left. Returns how many items changed and whether it got to the end.
 */
export async function reevaluateItems(
  deps: ItemChangeDeps,
  input: ReevaluateInput,
): Promise<{ readonly changed: number; readonly looked: number; readonly complete: boolean }> {
  let changed = 0;
  let looked = 0;
  let withEffects = false;
  let complete = true;
  let afterId = input.afterId;
  for (;;) {
    const page = await deps.items.listItems(input.storeId, {
      limit: PAGE_SIZE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    if (page.length === 0) break;
    looked += page.filter((item) => item.active).length;
    const affected = page.filter((item) => isAffected(item, input.rules, deps.clock.now()));
    // Items are independent (one transaction each, on different rows): a few at a time on PostgreSQL.
    for (let start = 0; start < affected.length; start += CONCURRENCY) {
      const outcomes = await Promise.all(
        affected.slice(start, start + CONCURRENCY).map((item) =>
          applyItemEvent(deps, {
            storeId: input.storeId,
            itemId: item.id,
            idempotencyKey: settingsReevaluationKey(input.ref, item.id),
            cause: { type: 'settings_change', ref: `settings:${input.ref}` },
            actor: input.actor,
            now: deps.clock.now(),
            event: { kind: 'reevaluated' },
          }),
        ),
      );
      for (const outcome of outcomes) {
        if (!outcome.applied) continue;
        changed += 1;
        withEffects ||= outcome.outboxWrites > 0;
      }
    }
    afterId = page[page.length - 1]!.id;
    if (input.onPage !== undefined && !(await input.onPage({ cursor: afterId, looked, changed }))) {
      complete = false;
      break;
    }
    if (page.length < PAGE_SIZE) break;
  }
  if (withEffects) await requestDelivery(deps, input.storeId);
  return { changed, looked, complete };
}

/** Whether re-deciding the item under `rules` would change anything stored (checked again, locked, when applied). */
function isAffected(record: ItemRecord, rules: ItemRules, now: Date): boolean {
  if (!record.active || record.status === null) return false;
  const item: Item = {
    stock: record.stock,
    threshold: record.threshold,
    backordered: record.backordered,
    incoming: record.incoming,
    backInStockDate: record.backInStockDate,
    block: record.block,
    status: record.status,
    episode: record.episode,
  };
  const result = decide(item, { kind: 'reevaluated' }, rules, now);
  if (!result.ok || result.decision.item === null) return false;
  const after = result.decision.item;
  // Cap at checkout: S moves the units still sellable of items whose status stays the same too.
  const levelMoves =
    rules.inventoryMode === 'capped' &&
    record.cappedLevel !== null &&
    sellableUnits(after, rules.switchCondition) !== record.cappedLevel;
  // Native backorders: S is every item's safety stock in BigCommerce.
  const safetyMoves = rules.inventoryMode === 'native' && record.nativeBackordered !== null;
  return (
    levelMoves ||
    safetyMoves ||
    result.decision.changed ||
    after.episode !== item.episode ||
    after.backordered !== item.backordered ||
    after.block !== item.block
  );
}
