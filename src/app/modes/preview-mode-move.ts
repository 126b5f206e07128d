import { type Result, refuse } from '../../core/item.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { ModeMoveRecord, ModeMoveRepository } from '../ports/mode-move-repository.js';
import {
  type InventoryMode,
  isInventoryMode,
  type SettingsRepository,
} from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { MODE_MOVE_CODES } from './mode-move-codes.js';
import { type ModeTarget, modeTargetOf } from './mode-move-targets.js';

export interface PreviewModeMoveDeps {
  readonly items: Pick<ItemRepository, 'listItems'>;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
  readonly stores: Pick<StoreRepository, 'getStore'>;
}

export interface PreviewModeMoveInput {
  readonly storeId: StoreId;
  readonly to: unknown;
  /** At most 200 (default 50). */
  readonly limit?: number;
  /** Keyset: items with an id greater than this. */
  readonly afterId?: number;
}

export interface ModeMovePreview {
  readonly from: InventoryMode;
  readonly to: InventoryMode;
  /** Each assigned item with what BigCommerce will hold for it once moved (its numbers stay). */
  readonly items: readonly { readonly item: ItemRecord; readonly target: ModeTarget }[];
  /** The id to ask for the next page after; null on the last page. */
  readonly nextAfterId: number | null;
}

/**
 * What a move to `to` would write, item by item (docs/product.md#moving-between-modes): nothing is
 * written. Refused as a move would be: the same mode, or native backorders not on.
 */
export async function previewModeMove(
  deps: PreviewModeMoveDeps,
  input: PreviewModeMoveInput,
): Promise<Result<{ readonly preview: ModeMovePreview }, string>> {
  if (!isInventoryMode(input.to)) {
    return refuse(MODE_MOVE_CODES.invalidMode, 'The mode is one of emulated, capped and native.');
  }
  const to = input.to;
  const settings = await deps.settings.getSettings(input.storeId);
  const store = await deps.stores.getStore(input.storeId);
  if (settings === null || store === null) {
    return refuse(MODE_MOVE_CODES.storeNotFound, `No store ${input.storeId}.`);
  }
  if (settings.inventoryMode === to) {
    return refuse(MODE_MOVE_CODES.sameMode, `The store is in the ${to} mode already.`);
  }
  if (to === 'native' && store.nativeBackorders !== true) {
    return refuse(MODE_MOVE_CODES.nativeOff, 'BigCommerce’s native backorders are not on for this store.');
  }
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const page = await deps.items.listItems(input.storeId, {
    limit: limit + 1,
    ...(input.afterId === undefined ? {} : { afterId: input.afterId }),
  });
  const shown = page.slice(0, limit);
  return {
    ok: true,
    preview: {
      from: settings.inventoryMode,
      to,
      items: shown.map((item) => ({ item, target: modeTargetOf(item, to, settings.switchCondition) })),
      nextAfterId: page.length > limit ? (shown[shown.length - 1]?.id ?? null) : null,
    },
  };
}

/** A store's move by id, or its latest (`'latest'`). */
export async function getModeMove(
  deps: { readonly modeMoves: Pick<ModeMoveRepository, 'get' | 'latest'> },
  input: { readonly storeId: StoreId; readonly moveId: number | 'latest' },
): Promise<Result<{ readonly move: ModeMoveRecord }, string>> {
  const move =
    input.moveId === 'latest'
      ? await deps.modeMoves.latest(input.storeId)
      : await deps.modeMoves.get(input.storeId, input.moveId);
  return move === null ? refuse(MODE_MOVE_CODES.notFound, 'No such move of this store.') : { ok: true, move };
}
