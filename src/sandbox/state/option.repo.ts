import {
  insertBaseVariant,
  type OptionRow,
  optionNotFound,
  optionRow,
  optionRows,
  optionValueRows,
  productNotFound,
  productRow,
  touchProduct,
  type VariantDoc,
  variantRows,
} from './catalog.rows.js';
import {
  type OptionCreateInput,
  type OptionUpdateInput,
  optionCreateSchema,
  optionUpdateSchema,
  optionValueSchema,
  parseInput,
} from './catalog.schemas.js';
import type { OptionValueView, OptionView } from './catalog.types.js';
import { optionView } from './catalog.views.js';
import { type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';
import { refreshProductStock } from './stock-cells.js';
import { abort, type UnitOfWork } from './unit-of-work.js';

interface OptionValueInput {
  label: string;
  sort_order?: number;
  is_default?: boolean;
  value_data?: Record<string, unknown> | null;
}

/**
 * Product options (variant options: "Size", "Colour") and their values. Display names are unique per
 * product and labels per option; variants are built on these values (see VariantRepo).
 */
export class OptionRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly uow: UnitOfWork,
  ) {}

  listOptions(storeHash: string, productId: number): OptionView[] | undefined {
    if (!productRow(this.db, storeHash, productId)) return undefined;
    const rows = this.db
      .prepare('SELECT * FROM product_options WHERE product_id = ? AND store_hash = ? ORDER BY id')
      .all(productId, storeHash) as OptionRow[];
    return rows.map((row) => optionView(this.db, row));
  }

  getOption(storeHash: string, productId: number, optionId: number): OptionView | undefined {
    const row = optionRow(this.db, storeHash, productId, optionId);
    return row ? optionView(this.db, row) : undefined;
  }

  createOption(storeHash: string, productId: number, input: OptionCreateInput): Result<OptionView> {
    const parsed = parseInput(optionCreateSchema, input, 'SANDBOX.CATALOG.INVALID_OPTION');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => {
      productRow(this.db, storeHash, productId) ?? abort(productNotFound(productId));
      const id = this.insertOption(storeHash, productId, parsed.value);
      touchProduct(this.db, tx, productId);
      return id;
    });
    return result.ok ? { ok: true, value: this.getOption(storeHash, productId, result.value)! } : result;
  }

  updateOption(
    storeHash: string,
    productId: number,
    optionId: number,
    patch: OptionUpdateInput,
  ): Result<OptionView> {
    const parsed = parseInput(optionUpdateSchema, patch, 'SANDBOX.CATALOG.INVALID_OPTION');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => {
      const row = optionRow(this.db, storeHash, productId, optionId) ?? abort(optionNotFound(optionId));
      const doc = parseDoc<Record<string, unknown>>(row.doc);
      const { option_values, ...fields } = parsed.value;
      if (fields.display_name !== undefined)
        this.assertOptionNameFree(productId, fields.display_name, optionId);
      this.db
        .prepare('UPDATE product_options SET doc = ? WHERE id = ?')
        .run(JSON.stringify({ ...doc, ...fields }), optionId);
      // Values in the body are added when their label is new; existing labels are updated in place.
      for (const value of option_values ?? []) this.upsertOptionValue(storeHash, optionId, value);
      touchProduct(this.db, tx, productId);
    });
    return result.ok ? { ok: true, value: this.getOption(storeHash, productId, optionId)! } : result;
  }

  /** Deletes the option, its values, and the variants built on them (as BigCommerce does). */
  deleteOption(storeHash: string, productId: number, optionId: number): Result<void> {
    return this.uow.run((tx) => {
      const product = productRow(this.db, storeHash, productId) ?? abort(productNotFound(productId));
      optionRow(this.db, storeHash, productId, optionId) ?? abort(optionNotFound(optionId));
      const valueIds = new Set(optionValueRows(this.db, optionId).map((v) => v.id));
      for (const variant of variantRows(this.db, productId)) {
        const doc = parseDoc<VariantDoc>(variant.doc);
        if (doc.option_value_ids.some((id) => valueIds.has(id))) {
          this.db.prepare('DELETE FROM variants WHERE id = ?').run(variant.id);
          tx.events.push({
            storeHash,
            scope: 'store/sku/deleted',
            data: { type: 'sku', id: variant.sku_id, sku: { product_id: productId, variant_id: variant.id } },
          });
        }
      }
      this.db.prepare('DELETE FROM product_options WHERE id = ?').run(optionId);
      if (variantRows(this.db, productId).length === 0)
        insertBaseVariant(this.db, storeHash, productId, product.sku);
      refreshProductStock(this.db, productId);
      touchProduct(this.db, tx, productId);
    });
  }

  createOptionValue(
    storeHash: string,
    productId: number,
    optionId: number,
    input: OptionValueInput,
  ): Result<OptionValueView> {
    const parsed = parseInput(optionValueSchema, input, 'SANDBOX.CATALOG.INVALID_OPTION_VALUE');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => {
      optionRow(this.db, storeHash, productId, optionId) ?? abort(optionNotFound(optionId));
      if (
        optionValueRows(this.db, optionId).some(
          (v) => parseDoc<OptionValueView>(v.doc).label === parsed.value.label,
        )
      ) {
        abort(
          refuse(422, 'SANDBOX.CATALOG.DUPLICATE_OPTION_VALUE', 'The option value label is a duplicate.', {
            errors: { label: `An option value labelled "${parsed.value.label}" already exists.` },
          }),
        );
      }
      const id = this.upsertOptionValue(storeHash, optionId, parsed.value);
      touchProduct(this.db, tx, productId);
      return id;
    });
    if (!result.ok) return result;
    return {
      ok: true,
      value: this.getOption(storeHash, productId, optionId)!.option_values.find(
        (v) => v.id === result.value,
      )!,
    };
  }

  /** Option value id for (option display name, label), creating the option and/or value if needed. */
  ensureOptionValue(storeHash: string, productId: number, displayName: string, label: string): number {
    const option = optionRows(this.db, productId).find(
      (o) => parseDoc<{ display_name: string }>(o.doc).display_name === displayName,
    );
    const optionId =
      option?.id ??
      this.insertOption(storeHash, productId, {
        display_name: displayName,
        type: 'rectangles',
        option_values: [],
      });
    const count = optionValueRows(this.db, optionId).length;
    const existing = optionValueRows(this.db, optionId).find(
      (v) => parseDoc<OptionValueView>(v.doc).label === label,
    );
    return existing?.id ?? this.upsertOptionValue(storeHash, optionId, { label, sort_order: count });
  }

  private insertOption(
    storeHash: string,
    productId: number,
    input: ReturnType<typeof optionCreateSchema.parse>,
  ): number {
    this.assertOptionNameFree(productId, input.display_name);
    const count = (
      this.db.prepare('SELECT COUNT(*) AS n FROM product_options WHERE product_id = ?').get(productId) as {
        n: number;
      }
    ).n;
    const doc = {
      display_name: input.display_name,
      type: input.type,
      sort_order: input.sort_order ?? count,
      config: input.config ?? {},
    };
    const id = Number(
      this.db
        .prepare('INSERT INTO product_options (store_hash, product_id, doc) VALUES (?, ?, ?)')
        .run(storeHash, productId, JSON.stringify(doc)).lastInsertRowid,
    );
    for (const value of input.option_values ?? []) this.upsertOptionValue(storeHash, id, value);
    return id;
  }

  private upsertOptionValue(storeHash: string, optionId: number, value: OptionValueInput): number {
    const existing = optionValueRows(this.db, optionId).find(
      (v) => parseDoc<OptionValueView>(v.doc).label === value.label,
    );
    const doc = {
      label: value.label,
      sort_order: value.sort_order ?? 0,
      is_default: value.is_default ?? false,
      value_data: value.value_data ?? null,
    };
    if (existing) {
      this.db
        .prepare('UPDATE option_values SET sort_order = ?, doc = ? WHERE id = ?')
        .run(doc.sort_order, JSON.stringify(doc), existing.id);
      return existing.id;
    }
    return Number(
      this.db
        .prepare('INSERT INTO option_values (store_hash, option_id, sort_order, doc) VALUES (?, ?, ?, ?)')
        .run(storeHash, optionId, doc.sort_order, JSON.stringify(doc)).lastInsertRowid,
    );
  }

  private assertOptionNameFree(productId: number, displayName: string, exceptOptionId?: number): void {
    const clash = optionRows(this.db, productId).find(
      (o) =>
        o.id !== exceptOptionId && parseDoc<{ display_name: string }>(o.doc).display_name === displayName,
    );
    if (clash) {
      abort(
        refuse(409, 'SANDBOX.CATALOG.DUPLICATE_OPTION', 'The option display name is a duplicate', {
          errors: { display_name: `The product already has an option "${displayName}".` },
        }),
      );
    }
  }
}
