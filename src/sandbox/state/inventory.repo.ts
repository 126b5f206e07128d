import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_INVENTORY, parseInput } from './catalog.schemas.js';
import type { VariantView } from './catalog.types.js';
import type { ProductRepo } from './product.repo.js';
import { done, type Refusal, type Result, refuse } from './results.js';
import type { SandboxDb } from './sandbox-db.js';
import type { StockCell, StockCells, TrackedCell } from './stock-cells.js';
import { abort, isoDate, type Tx, type UnitOfWork } from './unit-of-work.js';
import type { VariantRepo } from './variant.repo.js';

/** The sandbox has one location, BigCommerce's default (id 1); the Catalog API's inventory_level is its stock. */
export const DEFAULT_LOCATION = {
  id: 1,
  code: 'BC-LOCATION-1',
  label: 'Default location',
  description: 'The default location of the store',
  type_id: 'PHYSICAL',
  enabled: true,
  storefront_visibility: true,
  managed_by_external_source: false,
} as const;

export const MAX_ADJUSTMENT_ITEMS = 2000;

const identity = z
  .object({
    sku: z.string().min(1).optional(),
    variant_id: z.number().int().positive().optional(),
    product_id: z.number().int().positive().optional(),
  })
  .refine((i) => [i.sku, i.variant_id, i.product_id].filter((v) => v !== undefined).length === 1, {
    message: 'Exactly one of sku, variant_id or product_id identifies an item',
  });

const adjustmentItem = (quantity: z.ZodNumber, qtyBackordered: z.ZodNumber) =>
  z
    .object({
      location_id: z.number().int().positive(),
      sku: z.string().min(1).optional(),
      variant_id: z.number().int().positive().optional(),
      product_id: z.number().int().positive().optional(),
      quantity,
      // Native backorders (beta guide): absolute adjustments set it, relative ones change it.
      qty_backordered: qtyBackordered.optional(),
    })
    .refine((i) => [i.sku, i.variant_id, i.product_id].filter((v) => v !== undefined).length === 1, {
      message: 'Exactly one of sku, variant_id or product_id identifies an item',
    });

const absoluteSchema = z.object({
  reason: z.string().max(255).optional(),
  items: z
    .array(
      adjustmentItem(z.number().int().min(0).max(MAX_INVENTORY), z.number().int().min(0).max(MAX_INVENTORY)),
    )
    .min(1),
});
const relativeSchema = z.object({
  reason: z.string().max(255).optional(),
  items: z.array(adjustmentItem(z.number().int(), z.number().int())).min(1),
});
const settingsSchema = z.object({
  settings: z
    .array(
      z
        .object({
          identity,
          safety_stock: z.number().int().min(0).optional(),
          is_in_stock: z.boolean().optional(),
          warning_level: z.number().int().min(0).optional(),
          bin_picking_number: z.string().max(255).optional(),
          // Native backorders (beta guide): the limit is set here, per item and location.
          backorder_limit: z.number().int().min(0).max(MAX_INVENTORY).optional(),
          unlimited_backorder: z.boolean().optional(),
        })
        .refine(
          (s) =>
            s.safety_stock !== undefined ||
            s.is_in_stock !== undefined ||
            s.warning_level !== undefined ||
            s.bin_picking_number !== undefined ||
            s.backorder_limit !== undefined ||
            s.unlimited_backorder !== undefined,
          {
            message: 'At least one setting must be specified: warning_level, is_in_stock or safety_stock',
            path: ['settings'],
          },
        ),
    )
    .min(1)
    .max(MAX_ADJUSTMENT_ITEMS),
});

export type AbsoluteAdjustment = z.input<typeof absoluteSchema>;
export type RelativeAdjustment = z.input<typeof relativeSchema>;
export type LocationSettingsUpdate = z.input<typeof settingsSchema>;

export interface InventorySettings {
  safety_stock: number;
  is_in_stock: boolean;
  warning_level: number;
  bin_picking_number: string;
}

/**
 * Native backorders (beta) of one item at one location: the backorder limit (or unlimited) set through
 * `PUT /inventory/locations/{id}/items`, and the quantity backordered, which orders past on hand raise
 * and adjustments set or change (docs.bigcommerce.com/developer/docs/admin/catalog-and-inventory/backorders-beta).
 */
export interface BackorderState {
  readonly backorder_limit: number;
  readonly unlimited_backorder: boolean;
  readonly qty_backordered: number;
}

const NO_BACKORDERS: BackorderState = { backorder_limit: 0, unlimited_backorder: false, qty_backordered: 0 };

/** What an item can still take on backorder: null when unlimited. */
export function availableForBackorder(b: BackorderState): number | null {
  return b.unlimited_backorder ? null : Math.max(0, b.backorder_limit - b.qty_backordered);
}

/**
 * What an order may take of an item: `onHand` (A, on hand minus safety stock; Infinity when not tracked)
 * and `forBackorder` (R: Infinity when unlimited, 0 when the store has native backorders off).
 */
export interface SellableStock {
  readonly onHand: number;
  readonly forBackorder: number;
}

/** The fields native backorders add to a location entry, and to its settings (only while on). */
type BackorderFields = { qty_backordered?: number; available_for_backorder?: number | null };
type BackorderSettings = { backorder_limit?: number; unlimited_backorder?: boolean };

export interface InventoryItemView {
  identity: { sku: string; variant_id: number; product_id: number; sku_id?: number };
  locations: ({
    location_id: number;
    location_code: string;
    location_name: string;
    available_to_sell: number;
    total_inventory_onhand: number;
    location_enabled: boolean;
    settings: InventorySettings & BackorderSettings;
  } & BackorderFields)[];
}

export interface LocationItemView extends BackorderFields {
  identity: { sku: string; variant_id: number; product_id: number };
  available_to_sell: number;
  total_inventory_onhand: number;
  settings: InventorySettings & BackorderSettings;
}

export interface InventoryItemQuery {
  readonly skuIn?: readonly string[];
  readonly variantIdIn?: readonly number[];
  readonly productIdIn?: readonly number[];
  readonly locationIdIn?: readonly number[];
  readonly page?: number;
  readonly limit?: number;
}

/** The catalog repos inventory finds items in and counts their stock through. */
export interface InventoryCatalog {
  readonly products: ProductRepo;
  readonly variants: VariantRepo;
  readonly stock: StockCells;
}

/**
 * Inventory API v3 over the catalog's stock: no second copy of the numbers. Adjustments resolve an item
 * identity to the catalog's stock cell and write it through StockCells.writeStockIn, so Catalog
 * `inventory_level`, Inventory items and order checks always agree. Safety stock and the other location
 * settings live here.
 */
export class InventoryRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly uow: UnitOfWork,
    private readonly catalog: InventoryCatalog,
    /** Whether the store has native backorders (beta) on (the store's switch, stores.repo.ts). */
    readonly nativeBackorders: (storeHash: string) => boolean,
  ) {}

  locations() {
    const day = { open: true, opening: '09:00', closing: '17:00' };
    const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
    return [
      {
        ...DEFAULT_LOCATION,
        time_zone: 'Etc/UTC',
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
        operating_hours: Object.fromEntries(days.map((d) => [d, day])),
        special_hours: [],
        address: {
          address1: '1 Sandbox Way',
          address2: '',
          city: 'Austin',
          state: 'Texas',
          zip: '78701',
          email: 'warehouse@sandbox.example',
          phone: '',
          geo_coordinates: { latitude: 30.2672, longitude: -97.7431 },
          country_code: 'US',
        },
      },
    ];
  }

  /** What can be sold now: on hand minus safety stock (never negative); Infinity when stock is not tracked. */
  availableToSell(storeHash: string, cell: StockCell): number {
    if (cell.kind === 'untracked') return Number.POSITIVE_INFINITY;
    const settings = this.settingsOf(storeHash, cell);
    if (!settings.is_in_stock) return 0;
    return Math.max(0, (this.catalog.stock.readStock(storeHash, cell) ?? 0) - settings.safety_stock);
  }

  /**
   * What an order may take of a cell now: A and R (see SellableStock). With native backorders on, an
   * order sells past A up to A + R; `is_in_stock: false` makes A 0 but leaves R (an item marked out of
   * stock is what backorders are for; BigCommerce does not publish how the two combine).
   */
  sellable(storeHash: string, cell: StockCell): SellableStock {
    const onHand = this.availableToSell(storeHash, cell);
    if (cell.kind === 'untracked' || !this.nativeBackorders(storeHash)) return { onHand, forBackorder: 0 };
    const forBackorder = availableForBackorder(this.backorderOf(storeHash, cell));
    return { onHand, forBackorder: forBackorder ?? Number.POSITIVE_INFINITY };
  }

  backorderOf(storeHash: string, cell: TrackedCell): BackorderState {
    const key = keyOf(cell);
    const row = this.db
      .prepare(
        'SELECT * FROM inventory_backorders WHERE store_hash = ? AND location_id = ? AND item_kind = ? AND item_id = ?',
      )
      .get(storeHash, DEFAULT_LOCATION.id, key.kind, key.id) as
      | { backorder_limit: number; unlimited_backorder: number; qty_backordered: number }
      | undefined;
    if (!row) return NO_BACKORDERS;
    return {
      backorder_limit: row.backorder_limit,
      unlimited_backorder: row.unlimited_backorder === 1,
      qty_backordered: row.qty_backordered,
    };
  }

  /** Inside an order's transaction: the units it sold past on hand are backordered. */
  addBackorderedIn(storeHash: string, cell: TrackedCell, quantity: number): void {
    const current = this.backorderOf(storeHash, cell);
    this.writeBackorder(storeHash, cell, {
      ...current,
      qty_backordered: Math.min(current.qty_backordered + quantity, MAX_INVENTORY),
    });
  }

  private writeBackorder(storeHash: string, cell: TrackedCell, next: BackorderState): void {
    const key = keyOf(cell);
    this.db
      .prepare(
        `INSERT INTO inventory_backorders (store_hash, location_id, item_kind, item_id, backorder_limit,
           unlimited_backorder, qty_backordered) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (store_hash, location_id, item_kind, item_id) DO UPDATE SET
           backorder_limit = excluded.backorder_limit, unlimited_backorder = excluded.unlimited_backorder,
           qty_backordered = excluded.qty_backordered`,
      )
      .run(
        storeHash,
        DEFAULT_LOCATION.id,
        key.kind,
        key.id,
        next.backorder_limit,
        next.unlimited_backorder ? 1 : 0,
        next.qty_backordered,
      );
  }

  items(
    storeHash: string,
    query: InventoryItemQuery = {},
  ): { items: InventoryItemView[]; total: number; page: number; limit: number } {
    const filtered = this.itemVariants(storeHash, query);
    const page = Math.max(1, query.page ?? 1);
    const limit = Math.min(1000, Math.max(1, query.limit ?? 50));
    const includeLocation = !query.locationIdIn || query.locationIdIn.includes(DEFAULT_LOCATION.id);
    const native = this.nativeBackorders(storeHash);
    const items = filtered.slice((page - 1) * limit, page * limit).map((variant) => {
      const { cell, onHand, settings, available } = this.stockOf(storeHash, variant);
      // With native backorders on (beta guide: "Available to Sell (ATS)" replaces "Current Stock"), an
      // item's available_to_sell is what can be sold now: on hand minus safety stock plus what it can
      // still take on backorder (0 added when unlimited); total_inventory_onhand stays the units on hand.
      const backorder =
        native && cell.kind !== 'untracked' ? this.backorderOf(storeHash, cell) : NO_BACKORDERS;
      const forBackorder = availableForBackorder(backorder);
      const location = native
        ? {
            available_to_sell: available + (forBackorder ?? 0),
            total_inventory_onhand: onHand,
            qty_backordered: backorder.qty_backordered,
            available_for_backorder: forBackorder,
            location_enabled: true,
            settings: {
              ...settings,
              backorder_limit: backorder.backorder_limit,
              unlimited_backorder: backorder.unlimited_backorder,
            },
          }
        : { available_to_sell: available, total_inventory_onhand: onHand, location_enabled: true, settings };
      return {
        identity: {
          sku: variant.sku,
          variant_id: variant.id,
          product_id: variant.product_id,
          ...(variant.sku_id !== undefined ? { sku_id: variant.sku_id } : {}),
        },
        locations: includeLocation
          ? [
              {
                location_id: DEFAULT_LOCATION.id,
                location_code: DEFAULT_LOCATION.code,
                location_name: DEFAULT_LOCATION.label,
                ...location,
              },
            ]
          : [],
      };
    });
    return { items, total: filtered.length, page, limit };
  }

  locationItems(
    storeHash: string,
    locationId: number,
    query: InventoryItemQuery = {},
  ): Result<{ items: LocationItemView[]; total: number; page: number; limit: number }> {
    if (locationId !== DEFAULT_LOCATION.id) return locationNotFound(locationId);
    const listed = this.items(storeHash, { ...query, locationIdIn: undefined });
    return done({
      ...listed,
      items: listed.items.map((item) => {
        const {
          location_id: _id,
          location_code: _code,
          location_name: _name,
          location_enabled: _on,
          ...at
        } = item.locations[0]!;
        return {
          identity: {
            sku: item.identity.sku,
            variant_id: item.identity.variant_id,
            product_id: item.identity.product_id,
          },
          ...at,
        };
      }),
    });
  }

  adjustAbsolute(storeHash: string, body: AbsoluteAdjustment): Result<{ transaction_id: string }> {
    const parsed = parseInput(absoluteSchema, body, 'SANDBOX.INVENTORY.INVALID');
    if (!parsed.ok) return problem(parsed);
    if (parsed.value.items.length > MAX_ADJUSTMENT_ITEMS) return tooMany();
    const off = this.backorderFieldsWhileOff(storeHash, parsed.value.items);
    if (off) return off;
    const result = this.uow.run((tx) => {
      for (const item of parsed.value.items) {
        const cell = this.resolve(storeHash, item, 'absolute');
        this.catalog.stock.writeStockIn(tx, storeHash, cell, item.quantity, {
          method: 'absolute',
          value: item.quantity,
          byOrder: false,
        });
        if (item.qty_backordered !== undefined) {
          this.writeBackorder(storeHash, cell, {
            ...this.backorderOf(storeHash, cell),
            qty_backordered: item.qty_backordered,
          });
        }
      }
      return { transaction_id: randomUUID() };
    });
    return result;
  }

  /** Relative changes may be negative, but never take stock below the safety stock (then nothing changes). */
  adjustRelative(storeHash: string, body: RelativeAdjustment): Result<{ transaction_id: string }> {
    const parsed = parseInput(relativeSchema, body, 'SANDBOX.INVENTORY.INVALID');
    if (!parsed.ok) return problem(parsed);
    if (parsed.value.items.length > MAX_ADJUSTMENT_ITEMS) return tooMany();
    const off = this.backorderFieldsWhileOff(storeHash, parsed.value.items);
    if (off) return off;
    return this.uow.run((tx) => {
      for (const item of parsed.value.items) {
        const cell = this.resolve(storeHash, item, 'relative');
        if (item.qty_backordered !== undefined) {
          const current = this.backorderOf(storeHash, cell);
          const nextBackordered = current.qty_backordered + item.qty_backordered;
          if (nextBackordered < 0 || nextBackordered > MAX_INVENTORY) {
            abort(
              refuse(
                422,
                'SANDBOX.INVENTORY.BACKORDERED_OUT_OF_RANGE',
                `[Relative adjustment of ${describe(item)} by qty_backordered ${item.qty_backordered} would take its quantity backordered (${current.qty_backordered}) out of 0..${MAX_INVENTORY}]`,
              ),
            );
          }
          this.writeBackorder(storeHash, cell, { ...current, qty_backordered: nextBackordered });
        }
        const onHand = this.catalog.stock.readStock(storeHash, cell) ?? 0;
        const next = onHand + item.quantity;
        const floor = this.settingsOf(storeHash, cell).safety_stock;
        if (next < floor || next > MAX_INVENTORY) {
          abort(
            refuse(
              422,
              'SANDBOX.INVENTORY.BELOW_ZERO',
              `[Relative adjustment of ${describe(item)} by ${item.quantity} would take its stock (${onHand}) below ${floor}]`,
            ),
          );
        }
        this.catalog.stock.writeStockIn(tx, storeHash, cell, next, {
          method: 'relative',
          value: item.quantity,
          byOrder: false,
        });
      }
      return { transaction_id: randomUUID() };
    });
  }

  updateLocationSettings(
    storeHash: string,
    locationId: number,
    body: LocationSettingsUpdate,
  ): Result<{ transaction_id: string }> {
    if (locationId !== DEFAULT_LOCATION.id) return locationNotFound(locationId);
    const parsed = parseInput(settingsSchema, body, 'SANDBOX.INVENTORY.INVALID');
    if (!parsed.ok) return problem(parsed);
    if (!this.nativeBackorders(storeHash)) {
      const errors: Record<string, string> = {};
      parsed.value.settings.forEach((s, i) => {
        for (const field of ['backorder_limit', 'unlimited_backorder'] as const) {
          if (s[field] !== undefined) errors[`settings.${i}.${field}`] = BACKORDERS_OFF;
        }
      });
      if (Object.keys(errors).length > 0) return backordersOff(errors);
    }
    return this.uow.run((tx: Tx) => {
      for (const setting of parsed.value.settings) {
        const cell = this.resolve(storeHash, { ...setting.identity, location_id: locationId }, 'settings');
        const current = this.settingsOf(storeHash, cell);
        const next = {
          safety_stock: setting.safety_stock ?? current.safety_stock,
          is_in_stock: setting.is_in_stock ?? current.is_in_stock,
          warning_level: setting.warning_level ?? current.warning_level,
          bin_picking_number: setting.bin_picking_number ?? current.bin_picking_number,
        };
        const key = keyOf(cell);
        this.db
          .prepare(
            `INSERT INTO inventory_settings (store_hash, location_id, item_kind, item_id, safety_stock, is_in_stock, warning_level,
               bin_picking_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (store_hash, location_id, item_kind, item_id) DO UPDATE SET safety_stock = excluded.safety_stock,
               is_in_stock = excluded.is_in_stock, warning_level = excluded.warning_level,
               bin_picking_number = excluded.bin_picking_number`,
          )
          .run(
            storeHash,
            locationId,
            key.kind,
            key.id,
            next.safety_stock,
            next.is_in_stock ? 1 : 0,
            next.warning_level,
            next.bin_picking_number,
          );
        if (setting.backorder_limit !== undefined || setting.unlimited_backorder !== undefined) {
          const backorder = this.backorderOf(storeHash, cell);
          this.writeBackorder(storeHash, cell, {
            ...backorder,
            backorder_limit: setting.backorder_limit ?? backorder.backorder_limit,
            unlimited_backorder: setting.unlimited_backorder ?? backorder.unlimited_backorder,
          });
        }
        this.db
          .prepare('UPDATE products SET date_modified = ? WHERE id = ?')
          .run(isoDate(tx.now), cell.productId);
      }
      return { transaction_id: randomUUID() };
    });
  }

  settingsOf(storeHash: string, cell: TrackedCell): InventorySettings {
    const key = keyOf(cell);
    const row = this.db
      .prepare(
        'SELECT * FROM inventory_settings WHERE store_hash = ? AND location_id = ? AND item_kind = ? AND item_id = ?',
      )
      .get(storeHash, DEFAULT_LOCATION.id, key.kind, key.id) as
      | { safety_stock: number; is_in_stock: number; warning_level: number; bin_picking_number: string }
      | undefined;
    return {
      safety_stock: row?.safety_stock ?? 0,
      is_in_stock: row ? row.is_in_stock === 1 : true,
      warning_level: row?.warning_level ?? 0,
      bin_picking_number: row?.bin_picking_number ?? '',
    };
  }

  /** Adjustments may carry `qty_backordered` only while the store has native backorders on. */
  private backorderFieldsWhileOff(
    storeHash: string,
    items: readonly { qty_backordered?: number | undefined }[],
  ): Refusal | undefined {
    if (this.nativeBackorders(storeHash)) return undefined;
    const errors: Record<string, string> = {};
    items.forEach((item, i) => {
      if (item.qty_backordered !== undefined) errors[`items.${i}.qty_backordered`] = BACKORDERS_OFF;
    });
    return Object.keys(errors).length > 0 ? backordersOff(errors) : undefined;
  }

  private stockOf(storeHash: string, variant: VariantView) {
    const record = this.catalog.variants.variantRecord(storeHash, variant.id)!;
    const cell = this.catalog.stock.stockCell(
      storeHash,
      variant.product_id,
      record.isBase ? undefined : variant.id,
    )!;
    if (cell.kind === 'untracked') {
      return {
        cell,
        onHand: variant.inventory_level,
        available: variant.inventory_level,
        settings: {
          safety_stock: 0,
          is_in_stock: true,
          warning_level: variant.inventory_warning_level,
          bin_picking_number: '',
        },
      };
    }
    const onHand = this.catalog.stock.readStock(storeHash, cell) ?? 0;
    return {
      cell,
      onHand,
      available: this.availableToSell(storeHash, cell),
      settings: this.settingsOf(storeHash, cell),
    };
  }

  private itemVariants(storeHash: string, query: InventoryItemQuery): VariantView[] {
    const all: VariantView[] = [];
    for (let page = 1; ; page++) {
      const chunk = this.catalog.variants.listVariants(storeHash, {
        page,
        limit: 250,
        ...(query.variantIdIn ? { idIn: query.variantIdIn } : {}),
        ...(query.productIdIn ? { productIdIn: query.productIdIn } : {}),
      });
      all.push(...chunk.items);
      if (chunk.items.length < 250) break;
    }
    if (!query.skuIn) return all;
    const skus = new Set(query.skuIn.map((s) => s.toLowerCase()));
    return all.filter((v) => skus.has(v.sku.toLowerCase()));
  }

  /** Resolves an item identity to its stock cell, with BigCommerce's refusals for the wrong identity. */
  private resolve(
    storeHash: string,
    item: { location_id: number; sku?: string; variant_id?: number; product_id?: number },
    purpose: 'absolute' | 'relative' | 'settings',
  ): TrackedCell {
    if (item.location_id !== DEFAULT_LOCATION.id) abort(locationNotFound(item.location_id));
    let productId: number;
    let variantId: number | undefined;
    if (item.product_id !== undefined) {
      const product = this.catalog.products.getProduct(storeHash, item.product_id);
      if (!product) abort(unknownItem(`product_id ${item.product_id}`));
      productId = product.id;
      if (product.base_variant_id === undefined && product.inventory_tracking === 'variant') {
        abort(
          refuse(
            422,
            'SANDBOX.INVENTORY.WRONG_IDENTITY',
            `[Item with product_id ${product.id} is tracked by variant, please update stock by variant id or sku]`,
          ),
        );
      }
    } else {
      const variant =
        item.variant_id !== undefined
          ? this.catalog.variants.variantRecord(storeHash, item.variant_id)
          : (() => {
              const found = this.catalog.variants.findVariantBySku(storeHash, item.sku!);
              return found ? this.catalog.variants.variantRecord(storeHash, found.id) : undefined;
            })();
      if (!variant) abort(unknownItem(describe(item)));
      productId = variant.view.product_id;
      variantId = variant.isBase ? undefined : variant.view.id;
      const product = this.catalog.products.getProduct(storeHash, productId)!;
      if (variantId !== undefined && product.inventory_tracking === 'product') {
        abort(
          refuse(
            422,
            'SANDBOX.INVENTORY.WRONG_IDENTITY',
            `[Item with ${describe(item)} is tracked by product, please update stock by product id]`,
          ),
        );
      }
    }
    let cell = this.catalog.stock.stockCell(storeHash, productId, variantId)!;
    if (cell.kind === 'untracked') {
      if (purpose !== 'absolute') {
        abort(
          refuse(
            422,
            'SANDBOX.INVENTORY.NOT_TRACKED',
            `Items with identity: [${describe(item)}] requires absolute adjustment before relative`,
          ),
        );
      }
      // An absolute adjustment starts tracking, by variant when a variant was named, else by product.
      this.catalog.stock.startTrackingIn(
        storeHash,
        productId,
        variantId === undefined ? 'product' : 'variant',
      );
      cell = this.catalog.stock.stockCell(storeHash, productId, variantId)!;
    }
    return cell as TrackedCell;
  }
}

function keyOf(cell: TrackedCell): { kind: 'product' | 'variant'; id: number } {
  return cell.kind === 'product'
    ? { kind: 'product', id: cell.productId }
    : { kind: 'variant', id: cell.variantId };
}

function describe(item: { sku?: string; variant_id?: number; product_id?: number }): string {
  if (item.variant_id !== undefined) return `variant_id ${item.variant_id}`;
  if (item.product_id !== undefined) return `product_id ${item.product_id}`;
  return `sku ${item.sku}`;
}

const BACKORDERS_OFF = 'Backordering is not enabled for this store';

function backordersOff(errors: Record<string, string>): Refusal {
  return refuse(
    422,
    'SANDBOX.INVENTORY.NATIVE_BACKORDERS_OFF',
    'Backorder fields are only accepted when backordering is enabled for the store.',
    { errors },
  );
}

function unknownItem(what: string): Refusal {
  return refuse(422, 'SANDBOX.INVENTORY.UNKNOWN_ITEM', `[Item with ${what} was not found]`);
}

function locationNotFound(id: number): Refusal {
  return refuse(404, 'SANDBOX.INVENTORY.LOCATION_NOT_FOUND', `Location with id ${id} was not found.`);
}

function tooMany(): Refusal {
  return refuse(
    413,
    'SANDBOX.INVENTORY.TOO_MANY_ITEMS',
    `The request payload is too large. The maximum items allowed in the array is ${MAX_ADJUSTMENT_ITEMS}.`,
  );
}

/** Inventory answers invalid bodies with 422 problem+json like the rest, but titles name the problem. */
function problem(refusal: Refusal): Refusal {
  return { ...refusal, message: 'Input is invalid' };
}
