import { slug } from './catalog.rows.js';
import {
  type BrandCreateInput,
  brandCreateSchema,
  type CategoryCreateInput,
  categoryCreateSchema,
  parseInput,
} from './catalog.schemas.js';
import type { BrandQuery, BrandView, CategoryQuery, CategoryView, Page } from './catalog.types.js';
import { selectPage } from './paging.js';
import { type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';
import { abort, type UnitOfWork } from './unit-of-work.js';

/**
 * Categories and brands of every store, and which categories a product is in. Products name a brand by
 * id or by name (`brand_name` creates the brand when it is new, as BigCommerce does).
 */
export class TaxonomyRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly uow: UnitOfWork,
  ) {}

  listCategories(storeHash: string, query: CategoryQuery = {}): Page<CategoryView> {
    const where = ['store_hash = ?'];
    const args: unknown[] = [storeHash];
    if (query.idIn) {
      where.push(query.idIn.length ? `id IN (${query.idIn.map(() => '?').join(',')})` : '1 = 0');
      args.push(...query.idIn);
    }
    if (query.parentId !== undefined) {
      where.push('parent_id = ?');
      args.push(query.parentId);
    }
    if (query.name !== undefined) {
      where.push('name = ?');
      args.push(query.name);
    }
    const { rows, total, page, limit } = selectPage<{
      id: number;
      parent_id: number;
      name: string;
      doc: string;
    }>(this.db, { columns: '*', from: 'categories', where: where.join(' AND '), orderBy: 'id' }, args, query);
    return {
      items: rows.map(
        (r) =>
          ({
            ...parseDoc<Record<string, unknown>>(r.doc),
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
          }) as CategoryView,
      ),
      total,
      page,
      limit,
    };
  }

  createCategory(storeHash: string, input: CategoryCreateInput): Result<CategoryView> {
    const parsed = parseInput(categoryCreateSchema, input, 'SANDBOX.CATALOG.INVALID_CATEGORY');
    if (!parsed.ok) return parsed;
    const { name, parent_id, ...rest } = parsed.value;
    const result = this.uow.run(() => {
      if (parent_id !== 0 && !this.categoryExists(storeHash, parent_id)) {
        abort(
          refuse(422, 'SANDBOX.CATALOG.UNKNOWN_CATEGORY', 'JSON data is missing or invalid', {
            errors: { parent_id: `Category ${parent_id} does not exist.` },
          }),
        );
      }
      const doc = {
        ...rest,
        views: 0,
        page_title: '',
        meta_keywords: [],
        meta_description: '',
        layout_file: '',
        image_url: '',
        search_keywords: '',
        default_product_sort: 'use_store_settings',
        custom_url: { url: slug(name), is_customized: false },
      };
      return Number(
        this.db
          .prepare('INSERT INTO categories (store_hash, parent_id, name, doc) VALUES (?, ?, ?, ?)')
          .run(storeHash, parent_id, name, JSON.stringify(doc)).lastInsertRowid,
      );
    });
    return result.ok
      ? { ok: true, value: this.listCategories(storeHash, { idIn: [result.value] }).items[0]! }
      : result;
  }

  listBrands(storeHash: string, query: BrandQuery = {}): Page<BrandView> {
    const where = ['store_hash = ?'];
    const args: unknown[] = [storeHash];
    if (query.idIn) {
      where.push(query.idIn.length ? `id IN (${query.idIn.map(() => '?').join(',')})` : '1 = 0');
      args.push(...query.idIn);
    }
    if (query.name !== undefined) {
      where.push('name = ?');
      args.push(query.name);
    }
    const { rows, total, page, limit } = selectPage<{ id: number; name: string; doc: string }>(
      this.db,
      { columns: '*', from: 'brands', where: where.join(' AND '), orderBy: 'id' },
      args,
      query,
    );
    return {
      items: rows.map(
        (r) => ({ ...parseDoc<Record<string, unknown>>(r.doc), id: r.id, name: r.name }) as BrandView,
      ),
      total,
      page,
      limit,
    };
  }

  createBrand(storeHash: string, input: BrandCreateInput): Result<BrandView> {
    const parsed = parseInput(brandCreateSchema, input, 'SANDBOX.CATALOG.INVALID_BRAND');
    if (!parsed.ok) return parsed;
    const { name, ...rest } = parsed.value;
    const result = this.uow.run(() => {
      if (this.db.prepare('SELECT 1 FROM brands WHERE store_hash = ? AND name = ?').get(storeHash, name)) {
        abort(
          refuse(409, 'SANDBOX.CATALOG.DUPLICATE_BRAND', 'Brand name is a duplicate', {
            errors: { name: 'Brand name is a duplicate' },
          }),
        );
      }
      return this.insertBrand(storeHash, name, rest);
    });
    return result.ok
      ? { ok: true, value: this.listBrands(storeHash, { idIn: [result.value] }).items[0]! }
      : result;
  }

  /** The brand id a product gets: by name (created when new) or by id (which must exist); 0 for none. */
  resolveBrandIn(storeHash: string, brandId: number | undefined, brandName: string | undefined): number {
    if (brandName !== undefined && brandName !== '') {
      const found = this.db
        .prepare('SELECT id FROM brands WHERE store_hash = ? AND name = ?')
        .get(storeHash, brandName) as { id: number } | undefined;
      return found?.id ?? this.insertBrand(storeHash, brandName, {});
    }
    if (brandId === undefined || brandId === 0) return 0;
    if (!this.db.prepare('SELECT 1 FROM brands WHERE store_hash = ? AND id = ?').get(storeHash, brandId)) {
      abort(
        refuse(422, 'SANDBOX.CATALOG.UNKNOWN_BRAND', 'JSON data is missing or invalid', {
          errors: { brand_id: `Brand ${brandId} does not exist.` },
        }),
      );
    }
    return brandId;
  }

  assertCategoriesExist(storeHash: string, ids: readonly number[]): void {
    const missing = ids.filter((id) => !this.categoryExists(storeHash, id));
    if (missing.length > 0) {
      abort(
        refuse(422, 'SANDBOX.CATALOG.UNKNOWN_CATEGORY', 'JSON data is missing or invalid', {
          errors: { categories: `Categories ${missing.join(', ')} do not exist.` },
        }),
      );
    }
  }

  setCategories(storeHash: string, productId: number, ids: readonly number[]): void {
    this.db.prepare('DELETE FROM product_categories WHERE product_id = ?').run(productId);
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO product_categories (store_hash, product_id, category_id) VALUES (?, ?, ?)',
    );
    for (const id of ids) insert.run(storeHash, productId, id);
  }

  private insertBrand(storeHash: string, name: string, rest: Record<string, unknown>): number {
    const doc = {
      page_title: '',
      meta_keywords: [],
      meta_description: '',
      search_keywords: '',
      image_url: '',
      ...rest,
      custom_url: { url: slug(name), is_customized: false },
    };
    return Number(
      this.db
        .prepare('INSERT INTO brands (store_hash, name, doc) VALUES (?, ?, ?)')
        .run(storeHash, name, JSON.stringify(doc)).lastInsertRowid,
    );
  }

  private categoryExists(storeHash: string, id: number): boolean {
    return (
      this.db.prepare('SELECT 1 FROM categories WHERE store_hash = ? AND id = ?').get(storeHash, id) !==
      undefined
    );
  }
}
