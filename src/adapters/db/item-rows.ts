import type { Selectable } from 'kysely';
import type { ItemRecord } from '../../app/ports/item-repository.js';
import type { ProductRecord } from '../../app/ports/product-repository.js';
import { fromBool, fromJson, fromTimestamp, fromTimestampOrNull } from './rows.js';
import type { ItemsTable, ProductsTable } from './schema.js';

export type ItemRow = Selectable<ItemsTable>;
export type ProductRow = Selectable<ProductsTable>;

export function toItemRecord(row: ItemRow): ItemRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    productId: row.product_id,
    bcProductId: row.bc_product_id,
    bcVariantId: row.bc_variant_id,
    sku: row.sku,
    stock: row.stock,
    threshold: row.threshold,
    backordered: row.backordered,
    incoming: row.incoming,
    backInStockDate: row.back_in_stock_date,
    block: row.block,
    status: row.status,
    episode: row.episode,
    active: fromBool(row.active),
    optionValues: row.option_values === null ? null : fromJson<ItemRecord['optionValues']>(row.option_values),
    cappedLevel: row.capped_level,
    nativeBackordered: row.native_backordered,
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
  };
}

export function toProductRecord(row: ProductRow): ProductRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    bcProductId: row.bc_product_id,
    name: row.name,
    sku: row.sku,
    templateId: row.template_id,
    assigned: fromBool(row.assigned),
    originalSettings: row.original_settings === null ? null : fromJson<unknown>(row.original_settings),
    assignedAt: fromTimestampOrNull(row.assigned_at),
    unassignedAt: fromTimestampOrNull(row.unassigned_at),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
  };
}
