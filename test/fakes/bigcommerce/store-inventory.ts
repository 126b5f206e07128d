import type { StoreId } from '../../../src/app/ports/store-id.js';
import type {
  InventoryItemRef,
  LevelChange,
  LevelRefusal,
  LevelSetting,
  StoreInventory,
} from '../../../src/app/ports/store-inventory.js';
import type { InMemoryBigCommerce, InMemoryStore } from './in-memory-store.js';

/**
 * StoreInventory over the fake BigCommerce: levels are the products' and variants' `stockLevel`, as the
 * catalog shows them. A decrease below 0 is refused (`belowZero`), as BigCommerce's relative adjustment
 * refuses one below the safety stock; an absolute level turns tracking on for an untracked product.
 */
export class InMemoryStoreInventory implements StoreInventory {
  /** Every change written, in order (what tests look at). */
  readonly written: ({ readonly storeId: StoreId } & (LevelChange | LevelSetting))[] = [];

  constructor(private readonly bigcommerce: InMemoryBigCommerce) {}

  async adjustLevels(storeId: StoreId, changes: readonly LevelChange[]): Promise<LevelRefusal[]> {
    const store = await this.bigcommerce.reach(storeId, 'adjustLevels');
    const refusals: LevelRefusal[] = [];
    for (const change of changes) {
      const level = levelOf(store, change);
      if (level === null) {
        refusals.push({
          ...refOf(change),
          reason: 'BIGCOMMERCE.UNPROCESSABLE (422): not tracked',
          belowZero: false,
        });
      } else if (level + change.delta < 0) {
        refusals.push({
          ...refOf(change),
          reason: 'BIGCOMMERCE.UNPROCESSABLE (422): below 0',
          belowZero: true,
        });
      } else {
        write(store, change, level + change.delta);
        this.written.push({ storeId, ...change });
      }
    }
    return refusals;
  }

  async setLevels(storeId: StoreId, levels: readonly LevelSetting[]): Promise<LevelRefusal[]> {
    const store = await this.bigcommerce.reach(storeId, 'setLevels');
    const refusals: LevelRefusal[] = [];
    for (const setting of levels) {
      const product = store.product(setting.bcProductId);
      if (product === undefined) {
        refusals.push({ ...refOf(setting), reason: 'BIGCOMMERCE.NOT_FOUND (404)', belowZero: false });
        continue;
      }
      if (product.tracking === 'none') {
        store.applyProductChange({
          bcProductId: product.id,
          tracking: setting.bcVariantId === null ? 'product' : 'variant',
        });
      }
      write(store, setting, setting.level);
      this.written.push({ storeId, ...setting });
    }
    return refusals;
  }
}

function refOf(item: InventoryItemRef): InventoryItemRef {
  return { bcProductId: item.bcProductId, bcVariantId: item.bcVariantId };
}

/** The item's counted level; null when its product does not count it that way. */
function levelOf(store: InMemoryStore, item: InventoryItemRef): number | null {
  const product = store.product(item.bcProductId);
  if (product === undefined) return null;
  if (item.bcVariantId === null) return product.tracking === 'product' ? product.stockLevel : null;
  if (product.tracking !== 'variant') return null;
  return product.variants.find((v) => v.id === item.bcVariantId)?.stockLevel ?? null;
}

function write(store: InMemoryStore, item: InventoryItemRef, level: number): void {
  if (item.bcVariantId === null)
    store.applyProductChange({ bcProductId: item.bcProductId, stockLevel: level });
  else
    store.applyVariantChange({
      bcProductId: item.bcProductId,
      bcVariantId: item.bcVariantId,
      stockLevel: level,
    });
}
