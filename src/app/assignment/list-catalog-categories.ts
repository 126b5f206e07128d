import type { StoreCatalog } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import { byName } from './list-catalog-brands.js';

export interface CatalogCategory {
  readonly id: number;
  readonly name: string;
  readonly parentId: number;
  /** The names from the top-level category down to this one: `['Camping', 'Tents']`. */
  readonly path: readonly string[];
}

/** Deeper than this is a loop in the store's data, not a real tree. */
const MAX_DEPTH = 50;

/**
 * The store's categories as a tree in reading order (each parent before its children, siblings by
 * name), with each one's path, for the catalog search's category filter (docs/product.md#assignment).
 * A category whose parent is missing is shown at the top.
 */
export async function listCatalogCategories(
  deps: { readonly storeCatalog: Pick<StoreCatalog, 'listCategories'> },
  input: { readonly storeId: StoreId },
): Promise<CatalogCategory[]> {
  const categories = await deps.storeCatalog.listCategories(input.storeId);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const children = new Map<number, typeof categories>();
  for (const category of categories) {
    const parent = byId.has(category.parentId) ? category.parentId : 0;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const out: CatalogCategory[] = [];
  const seen = new Set<number>();
  const walk = (parentId: number, path: readonly string[]) => {
    if (path.length > MAX_DEPTH) return;
    const siblings = [...(children.get(parentId) ?? [])].sort(
      (a, b) => byName(a.name, b.name) || a.id - b.id,
    );
    for (const category of siblings) {
      if (seen.has(category.id)) continue;
      seen.add(category.id);
      const own = [...path, category.name];
      out.push({ id: category.id, name: category.name, parentId: category.parentId, path: own });
      walk(category.id, own);
    }
  };
  walk(0, []);
  // Categories only reachable through a loop of parents: listed at the top, as they are.
  for (const category of categories) {
    if (!seen.has(category.id)) {
      out.push({ id: category.id, name: category.name, parentId: category.parentId, path: [category.name] });
    }
  }
  return out;
}
