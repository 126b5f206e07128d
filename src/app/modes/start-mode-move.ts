import { type Result, refuse } from '../../core/item.js';
import { enqueue } from '../jobs/enqueue.js';
import type { ModeMoveRecord } from '../ports/mode-move-repository.js';
import { type InventoryMode, isInventoryMode } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { MODE_MOVE_CODES } from './mode-move-codes.js';
import type { ModeMoveDeps } from './run-mode-move.js';

export interface StartModeMoveInput {
  readonly storeId: StoreId;
  readonly to: unknown;
  readonly actor: string;
}

/**
 * Starts moving the store's assigned items to another inventory mode (docs/product.md#moving-between-modes):
 * refused when the store is in that mode already, a move is running, or native backorders are asked
 * for and not on in BigCommerce. The store's mode switches at once — changes from now on follow the new
 * mode for each item as soon as its product is moved (until then its own bookkeeping is empty, and
 * nothing of the new mode is written for it) — and the `mode-move.run` job moves the products.
 */
export async function startModeMove(
  deps: ModeMoveDeps,
  input: StartModeMoveInput,
): Promise<Result<{ readonly move: ModeMoveRecord }, string>> {
  const { storeId } = input;
  if (!isInventoryMode(input.to)) {
    return refuse(MODE_MOVE_CODES.invalidMode, 'The mode is one of emulated, capped and native.');
  }
  const to: InventoryMode = input.to;
  const settings = await deps.settings.getSettings(storeId);
  const store = await deps.stores.getStore(storeId);
  if (settings === null || store === null)
    return refuse(MODE_MOVE_CODES.storeNotFound, `No store ${storeId}.`);
  if (settings.inventoryMode === to) {
    return refuse(MODE_MOVE_CODES.sameMode, `The store is in the ${to} mode already.`);
  }
  if (to === 'native' && store.nativeBackorders !== true) {
    return refuse(
      MODE_MOVE_CODES.nativeOff,
      'BigCommerce’s native backorders are not on for this store (check again in Settings once they are).',
    );
  }
  const latest = await deps.modeMoves.latest(storeId);
  if (latest?.status === 'running') {
    return refuse(
      MODE_MOVE_CODES.alreadyRunning,
      'A move of this store is still running; wait for it to end.',
    );
  }
  let total = 0;
  for (let afterId: number | undefined; ; ) {
    const page = await deps.products.listProducts(storeId, {
      assigned: true,
      limit: 500,
      ...(afterId === undefined ? {} : { afterId }),
    });
    total += page.length;
    if (page.length < 500) break;
    afterId = page[page.length - 1]!.id;
  }
  const now = deps.clock.now();
  const move = await deps.modeMoves.create({
    storeId,
    from: settings.inventoryMode,
    to,
    totalProducts: total,
    actor: input.actor,
    now,
  });
  await deps.settings.updateSettings(storeId, { inventoryMode: to }, now);
  await enqueue(deps.jobs, 'mode-move.run', { storeId, moveId: move.id });
  return { ok: true, move };
}
