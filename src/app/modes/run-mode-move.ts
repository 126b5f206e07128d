import { hasOptionVariants } from '../assignment/catalog-product.js';
import { itemWriteAfterNothing } from '../items/item-history.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import {
  changesFor,
  DEFAULT_DISABLED_MESSAGE,
  merchantOrderMaximum,
  purchasabilityTarget,
  sendChanges,
} from '../outbox/purchasability.js';
import type { Clock } from '../ports/clock.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { ItemTransactions } from '../ports/item-transactions.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { LevelEchoes } from '../ports/level-echoes.js';
import type { ModeMoveRecord, ModeMoveRepository } from '../ports/mode-move-repository.js';
import type { ProductRecord, ProductRepository } from '../ports/product-repository.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { ProductChange, StoreCatalog, StoreProduct } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import type { BackorderSetting, LevelSetting, StoreInventory } from '../ports/store-inventory.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { WebhookInbox } from '../ports/webhook-inbox.js';
import { bookkeepingOf, type ModeTarget, modeTargetOf } from './mode-move-targets.js';

export interface ModeMoveDeps {
  readonly modeMoves: ModeMoveRepository;
  readonly products: Pick<ProductRepository, 'listProducts'>;
  readonly items: Pick<ItemRepository, 'listItems'>;
  readonly itemTransactions: ItemTransactions;
  readonly settings: Pick<SettingsRepository, 'getRules' | 'getSettings' | 'updateSettings'>;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly storeCatalog: Pick<StoreCatalog, 'getProducts' | 'updateProducts' | 'updateVariants'>;
  readonly storeInventory: Pick<StoreInventory, 'setLevels' | 'setBackorderSettings'>;
  readonly levelEchoes: Pick<LevelEchoes, 'expect'>;
  readonly inbox: Pick<WebhookInbox, 'listPending'>;
  readonly jobs: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
  readonly reportError?: (error: unknown, context: string) => void;
}

/** Products moved together: each is closed to shoppers only while its chunk is converted. */
const CHUNK = 10;

/** Thrown to have the job retried: orders placed before the products closed are not processed yet. */
export class OrdersStillArriving extends Error {
  override readonly name = 'OrdersStillArriving';
  readonly code = 'MODE_MOVE.ORDERS_PENDING';
}

/**
 * The `mode-move.run` job: moves the store's assigned products, a chunk at a time in id order after the
 * move's cursor, to the move's mode (docs/product.md#moving-between-modes). For each chunk:
 * 1. purchase is disabled in BigCommerce, so no order lands while its counts change;
 * 2. if order webhooks of the store still wait in the inbox (orders placed before, counted in the old
 *    mode), the job stops and is retried after they are processed (OrdersStillArriving);
 * 3. tracking is set as the new mode needs (off; per variant or per product);
 * 4. the items' bookkeeping is written (cap: the level; native: the quantity backordered), in one
 *    transaction per product, from the items as locked;
 * 5. BigCommerce's counts are written, absolute (nothing can sell meanwhile): cap, the sellable units;
 *    native, on hand and quantity backordered (on hand − backordered = stock) with the limit and safety
 *    stock; each write remembered first, so its webhook is known as the app's;
 * 6. purchase is enabled again as each item's status says.
 * The app's numbers (stock, B, statuses) never change. Every step is absolute, so a chunk repeated
 * after a crash writes the same; the cursor says where to resume.
 */
export async function runModeMove(
  deps: ModeMoveDeps,
  input: { readonly storeId: StoreId; readonly moveId: number },
): Promise<ModeMoveRecord | null> {
  const { storeId } = input;
  const move = await deps.modeMoves.get(storeId, input.moveId);
  if (move === null || move.status !== 'running') return move;
  const rules = await deps.settings.getRules(storeId);
  const store = await deps.stores.getStore(storeId);
  if (rules === null || store === null) {
    await deps.modeMoves.finish(storeId, move.id, 'failed', deps.clock.now(), 'STORE.NOT_FOUND');
    return deps.modeMoves.get(storeId, move.id);
  }
  // A store with native backorders on keeps them from adding to the cap: its limits are set to 0.
  const nativeOn = store.nativeBackorders === true;
  let cursor = move.cursor ?? 0;
  let done = move.doneProducts;
  const problems: string[] = [];
  for (;;) {
    const chunk = await deps.products.listProducts(storeId, {
      assigned: true,
      afterId: cursor,
      limit: CHUNK,
    });
    if (chunk.length === 0) break;
    problems.push(...(await moveChunk(deps, storeId, move, rules.switchCondition, nativeOn, chunk)));
    cursor = chunk[chunk.length - 1]!.id;
    done += chunk.length;
    await deps.modeMoves.advance(storeId, move.id, cursor, done, deps.clock.now());
  }
  await deps.modeMoves.finish(
    storeId,
    move.id,
    'done',
    deps.clock.now(),
    problems.length === 0 ? undefined : problems.slice(0, 20).join('; '),
  );
  await requestDelivery(deps, storeId);
  return deps.modeMoves.get(storeId, move.id);
}

async function moveChunk(
  deps: ModeMoveDeps,
  storeId: StoreId,
  move: ModeMoveRecord,
  switchCondition: number,
  nativeOn: boolean,
  records: readonly ProductRecord[],
): Promise<string[]> {
  const problems: string[] = [];
  const fetched = new Map(
    (
      await deps.storeCatalog.getProducts(
        storeId,
        records.map((r) => r.bcProductId),
      )
    ).map((p) => [p.id, p]),
  );
  const present = records.filter((r) => fetched.has(r.bcProductId));

  // 1. Closed to shoppers while their counts change.
  const refusedClose = await deps.storeCatalog.updateProducts(
    storeId,
    present.map((r) => ({ bcProductId: r.bcProductId, availability: 'disabled' as const })),
  );
  for (const refusal of refusedClose) problems.push(`product ${refusal.id}: ${refusal.reason}`);

  // 2. Orders already placed are counted in the old mode before anything moves.
  const pending = await deps.inbox.listPending(storeId, 500);
  if (pending.some((entry) => entry.scope.startsWith('store/order/'))) {
    throw new OrdersStillArriving(`Orders of store ${storeId} are still being processed; the move waits.`);
  }

  // 3. Tracking as the new mode needs it.
  const tracking: ProductChange[] = [];
  for (const record of present) {
    const product = fetched.get(record.bcProductId)!;
    const wanted = move.to === 'emulated' ? 'none' : hasOptionVariants(product) ? 'variant' : 'product';
    if (product.tracking !== wanted) tracking.push({ bcProductId: product.id, tracking: wanted });
  }
  for (const refusal of await deps.storeCatalog.updateProducts(storeId, tracking)) {
    problems.push(`product ${refusal.id}: ${refusal.reason}`);
  }

  // 4. The items' bookkeeping, from the items as locked.
  const moved: { item: ItemRecord; target: ModeTarget }[] = [];
  for (const record of present) {
    const items = await deps.itemTransactions.run(storeId, async (tx) => {
      const locked = await tx.lockItemsOfProduct(record.id, { activeOnly: true });
      const written: { item: ItemRecord; target: ModeTarget }[] = [];
      for (const item of locked) {
        const target = modeTargetOf(item, move.to, switchCondition);
        const after = await tx.writeItem(item.id, {
          ...itemWriteAfterNothing(item, deps.clock.now()),
          ...bookkeepingOf(target),
        });
        written.push({ item: after, target });
      }
      return written;
    });
    moved.push(...items);
  }

  // 5. BigCommerce's counts, absolute.
  const levels: (LevelSetting & { itemId: number })[] = [];
  const backorderSettings: BackorderSetting[] = [];
  for (const { item, target } of moved) {
    const ref = { itemId: item.id, bcProductId: item.bcProductId, bcVariantId: item.bcVariantId };
    if (target.mode === 'capped') {
      levels.push({ ...ref, level: target.level, ...(nativeOn ? { backordered: 0 } : {}) });
      if (nativeOn) backorderSettings.push({ ...ref, limit: 0, unlimited: false, safetyStock: 0 });
    } else if (target.mode === 'native') {
      levels.push({ ...ref, level: target.onHand, backordered: target.backordered });
      backorderSettings.push({ ...ref, ...target.settings });
    }
  }
  if (levels.length > 0) {
    await deps.levelEchoes.expect(
      storeId,
      levels.map((l) => ({ itemId: l.itemId, method: 'absolute' as const, value: l.level })),
      deps.clock.now(),
    );
    for (const refusal of await deps.storeInventory.setLevels(storeId, levels)) {
      problems.push(`product ${refusal.bcProductId}: ${refusal.reason}`);
    }
  }
  if (backorderSettings.length > 0) {
    for (const refusal of await deps.storeInventory.setBackorderSettings(storeId, backorderSettings)) {
      problems.push(`product ${refusal.bcProductId}: ${refusal.reason}`);
    }
  }

  // 6. Open again, as each item's status says.
  await reopen(
    deps,
    storeId,
    present,
    fetched,
    moved.map((m) => m.item),
  );
  return problems;
}

async function reopen(
  deps: ModeMoveDeps,
  storeId: StoreId,
  records: readonly ProductRecord[],
  fetched: ReadonlyMap<number, StoreProduct>,
  items: readonly ItemRecord[],
): Promise<void> {
  const targets = items.flatMap((item) => {
    const record = records.find((r) => r.id === item.productId);
    const target = purchasabilityTarget(item, true, merchantOrderMaximum(record?.originalSettings ?? null));
    return target === null ? [] : [target];
  });
  const changes = changesFor(targets, DEFAULT_DISABLED_MESSAGE);
  // A product with variants is available as a whole; its variants carry purchasability.
  const products = [
    ...changes.products,
    ...records
      .filter((r) => hasOptionVariants(fetched.get(r.bcProductId)!))
      .map((r) => ({ bcProductId: r.bcProductId, availability: 'available' as const })),
  ];
  const sent = await sendChanges(deps.storeCatalog, storeId, { products, variants: changes.variants });
  for (const [key, failure] of sent.failures) {
    deps.reportError?.(new Error(failure.reason), `reopening ${key} after its mode move`);
  }
}
