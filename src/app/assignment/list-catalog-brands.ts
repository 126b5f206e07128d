import type { StoreBrand, StoreCatalog } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';

/** The store's brands by name, for the catalog search's brand filter (docs/product.md#assignment). */
export async function listCatalogBrands(
  deps: { readonly storeCatalog: Pick<StoreCatalog, 'listBrands'> },
  input: { readonly storeId: StoreId },
): Promise<StoreBrand[]> {
  const brands = await deps.storeCatalog.listBrands(input.storeId);
  return brands.sort((a, b) => byName(a.name, b.name) || a.id - b.id);
}

export function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
}
