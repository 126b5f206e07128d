import {
  type BackorderSetting,
  type InventoryItemRef,
  inventoryItemKey,
  type LevelChange,
  type LevelReading,
  type LevelRefusal,
  type LevelSetting,
  type StoreInventory,
} from '../../app/ports/store-inventory.js';
import { BIGCOMMERCE_LIMITS, type BigCommerceClient, chunks } from './bigcommerce.client.js';
import { isBigCommerceError } from './bigcommerce.errors.js';
import type { AbsoluteAdjustmentItem, LocationItemSetting } from './bigcommerce.types.js';
import type { StoreClients } from './store-clients.js';

/** BigCommerce's default location: the one the catalog's inventory_level reports (docs/bigcommerce.md). */
const DEFAULT_LOCATION_ID = 1;
const REASON = 'Backorder: units still sellable';

/**
 * StoreInventory over BigCommerce's Inventory API v3 (inventory.v3.yml): relative and absolute
 * adjustments at the default location, 2000 items per request. An item is named by `variant_id` when
 * its product tracks by variant, by `product_id` for a product without variants.
 *
 * BigCommerce refuses a whole adjustment when one item fails (422: a relative change below the safety
 * stock, an item no longer tracked or gone). The items of a refused request are then sent one by one, so
 * one bad item does not hold back the others.
 * A relative request that fails without an answer (timeout, 5xx) may have been applied: it is not
 * re-sent here (the client's `once`), the caller decides.
 */
export function createStoreInventory(clients: StoreClients): StoreInventory {
  return {
    async readLevels(storeId, items) {
      const client = await clients(storeId);
      const readings: LevelReading[] = [];
      const productIds = [...new Set(items.map((i) => i.bcProductId))];
      const wanted = new Set(items.map(inventoryItemKey));
      for (const ids of chunks(productIds, 250)) {
        const found = await client.getInventoryItems({
          'product_id:in': ids,
          'location_id:in': [DEFAULT_LOCATION_ID],
        });
        for (const entry of found) {
          const location = entry.locations.find((l) => l.location_id === DEFAULT_LOCATION_ID);
          if (location === undefined) continue;
          // A product without variants is counted on its base variant: the item is the product.
          const asVariant = {
            bcProductId: entry.identity.product_id,
            bcVariantId: entry.identity.variant_id,
          };
          const ref = wanted.has(inventoryItemKey(asVariant))
            ? asVariant
            : { bcProductId: entry.identity.product_id, bcVariantId: null };
          if (!wanted.has(inventoryItemKey(ref))) continue;
          readings.push({
            ...ref,
            onHand: location.total_inventory_onhand,
            backordered: location.qty_backordered ?? 0,
          });
        }
      }
      return readings;
    },

    async setBackorderSettings(storeId, settings) {
      const client = await clients(storeId);
      const refusals: LevelRefusal[] = [];
      const entryOf = (s: BackorderSetting): LocationItemSetting => ({
        identity: identityOf(s),
        safety_stock: s.safetyStock,
        backorder_limit: s.limit,
        unlimited_backorder: s.unlimited,
      });
      for (const part of chunks(settings, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment)) {
        try {
          await client.updateLocationItems(DEFAULT_LOCATION_ID, part.map(entryOf));
        } catch (error) {
          if (!isRefusal(error)) throw error;
          for (const setting of part) {
            try {
              await client.updateLocationItems(DEFAULT_LOCATION_ID, [entryOf(setting)]);
            } catch (single) {
              if (!isRefusal(single)) throw single;
              refusals.push(refusalOf(setting, single));
            }
          }
        }
      }
      return refusals;
    },

    async adjustLevels(storeId, changes) {
      const client = await clients(storeId);
      const refusals: LevelRefusal[] = [];
      for (const part of chunks(changes, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment)) {
        try {
          await client.adjustInventoryRelative({ reason: REASON, items: part.map(relativeItem) });
        } catch (error) {
          if (!isRefusal(error)) throw error;
          for (const change of part) {
            const refusal = await adjustOne(client, change);
            if (refusal !== null) refusals.push(refusal);
          }
        }
      }
      return refusals;
    },

    async setLevels(storeId, levels) {
      const client = await clients(storeId);
      const refusals: LevelRefusal[] = [];
      for (const part of chunks(levels, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment)) {
        try {
          await client.adjustInventoryAbsolute({ reason: REASON, items: part.map(absoluteItem) });
        } catch (error) {
          if (!isRefusal(error)) throw error;
          for (const setting of part) {
            try {
              await client.adjustInventoryAbsolute({ reason: REASON, items: [absoluteItem(setting)] });
            } catch (single) {
              if (!isRefusal(single)) throw single;
              refusals.push(refusalOf(setting, single));
            }
          }
        }
      }
      return refusals;
    },
  };
}

async function adjustOne(client: BigCommerceClient, change: LevelChange): Promise<LevelRefusal | null> {
  try {
    await client.adjustInventoryRelative({ reason: REASON, items: [relativeItem(change)] });
    return null;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // "Relative adjustment that would take stock below safety stock errors; stock unchanged"
    // (docs/bigcommerce.md): a refused decrease is read as one the level could not take.
    return refusalOf(change, error, change.delta < 0 && isBigCommerceError(error) && error.status === 422);
  }
}

function identityOf(item: InventoryItemRef): { variant_id: number } | { product_id: number } {
  return item.bcVariantId === null ? { product_id: item.bcProductId } : { variant_id: item.bcVariantId };
}

function relativeItem(change: LevelChange): AbsoluteAdjustmentItem {
  return {
    location_id: DEFAULT_LOCATION_ID,
    quantity: change.delta,
    ...identityOf(change),
    ...(change.backorderedDelta ? { qty_backordered: change.backorderedDelta } : {}),
  };
}

function absoluteItem(setting: LevelSetting): AbsoluteAdjustmentItem {
  return {
    location_id: DEFAULT_LOCATION_ID,
    quantity: setting.level,
    ...identityOf(setting),
    ...(setting.backordered === undefined ? {} : { qty_backordered: setting.backordered }),
  };
}

/** BigCommerce answered, and refused: nothing was applied (an outage or a 429 is not a refusal). */
function isRefusal(error: unknown): boolean {
  return (
    isBigCommerceError(error) &&
    error.status !== null &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429
  );
}

function refusalOf(item: InventoryItemRef, error: unknown, belowZero = false): LevelRefusal {
  const reason = isBigCommerceError(error)
    ? `${error.code} (${error.status}): ${error.title}`
    : String(error);
  return { bcProductId: item.bcProductId, bcVariantId: item.bcVariantId, reason, belowZero };
}
