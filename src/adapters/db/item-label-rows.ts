import type { ItemLabel } from '../../app/ports/item-label.js';
import { type ItemRecord, itemVariantLabel } from '../../app/ports/item-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { fromJson } from './rows.js';
import type { Json } from './schema.js';

/** The columns of `items` (as `i`) and `products` (as `p`) that name an item in a list. */
export const ITEM_LABEL_COLUMNS = [
  'i.id as item_id',
  'i.store_id as item_store_id',
  'i.sku as item_sku',
  'i.bc_product_id as item_bc_product_id',
  'i.bc_variant_id as item_bc_variant_id',
  'i.option_values as item_option_values',
  'p.name as product_name',
] as const;

export interface ItemLabelRow {
  readonly item_id: number;
  readonly item_store_id: StoreId;
  readonly item_sku: string | null;
  readonly item_bc_product_id: number;
  readonly item_bc_variant_id: number | null;
  readonly item_option_values: Json | null;
  readonly product_name: string;
}

export function toItemLabel(row: ItemLabelRow): ItemLabel {
  const optionValues =
    row.item_option_values === null ? null : fromJson<ItemRecord['optionValues']>(row.item_option_values);
  return {
    itemId: row.item_id,
    storeId: row.item_store_id,
    productName: row.product_name,
    variantLabel: itemVariantLabel({ optionValues }),
    sku: row.item_sku,
    bcProductId: row.item_bc_product_id,
    bcVariantId: row.item_bc_variant_id,
  };
}
