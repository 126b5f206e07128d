import type { StoreId } from '../../../src/app/ports/store-id.js';
import type {
  BackorderSetting,
  InventoryItemRef,
  LevelChange,
  LevelReading,
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

  /** Native backorders per item (`product:{id}` / `variant:{id}`): what BigCommerce would hold. */
  readonly backorders = new Map<string, { backordered: number; setting: BackorderSetting | null }>();

  constructor(private readonly bigcommerce: InMemoryBigCommerce) {}

  #moveBackordered(item: InventoryItemRef, by: number): void {
    const entry = this.backorders.get(keyOf(item)) ?? { backordered: 0, setting: null };
    this.backorders.set(keyOf(item), { ...entry, backordered: entry.backordered + by });
  }

  async readLevels(storeId: StoreId, items: readonly InventoryItemRef[]): Promise<LevelReading[]> {
    const store = await this.bigcommerce.reach(storeId, 'readLevels');
    return items.flatMap((item) => {
      const onHand = levelOf(store, item);
      return onHand === null
        ? []
        : [{ ...refOf(item), onHand, backordered: this.backorders.get(keyOf(item))?.backordered ?? 0 }];
    });
  }

  async setBackorderSettings(
    storeId: StoreId,
    settings: readonly BackorderSetting[],
  ): Promise<LevelRefusal[]> {
    await this.bigcommerce.reach(storeId, 'setBackorderSettings');
    for (const setting of settings) {
      const entry = this.backorders.get(keyOf(setting)) ?? { backordered: 0, setting: null };
      this.backorders.set(keyOf(setting), { ...entry, setting });
    }
    return [];
  }

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
        if (change.backorderedDelta) this.#moveBackordered(change, change.backorderedDelta);
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
      if (setting.backordered !== undefined) {
        this.#moveBackordered(
          setting,
          setting.backordered - (this.backorders.get(keyOf(setting))?.backordered ?? 0),
        );
      }
      this.written.push({ storeId, ...setting });
    }
    return refusals;
  }
}

function keyOf(item: InventoryItemRef): string {
  return item.bcVariantId === null ? `product:${item.bcProductId}` : `variant:${item.bcVariantId}`;
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
