import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  TEMPLATE_REFUSALS,
  type TemplateInput,
  type TemplateRecord,
  type TemplateRepository,
  type TemplateResult,
} from '../../../src/app/ports/template-repository.js';
import { type Refusal, refuse } from '../../../src/core/item.js';
import {
  ConstraintViolation,
  check,
  checkStore,
  compareText,
  type InMemoryDatabase,
  type TemplateRow,
  toDate,
  toTimestamp,
} from './database.js';

/** The column defaults of `templates` (migrations 0001 and 0007). */
const DEFAULTS = {
  buttonText: '',
  backorderMessage: '',
  cartMessage: '',
  unavailableMessage: '',
  threshold: null,
  incomingStock: 0,
  backInStockDate: null,
  packingSlipMessage: '',
} as const;

const NAME_UNIQUE = 'templates_store_id_name_key';

export class InMemoryTemplateRepository implements TemplateRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  createTemplate(storeId: StoreId, input: TemplateInput, now: Date): Promise<TemplateResult> {
    return this.db
      .execute((): TemplateResult => {
        // The store's first template becomes its default.
        const existing = this.db.templates.find((t) => t.storeId === storeId);
        checkStore(this.db, storeId, 'templates');
        const row: TemplateRow = {
          id: this.db.templates.nextId(),
          storeId,
          name: input.name,
          ...DEFAULTS,
          ...columns(input),
          isDefault: existing === undefined,
          createdAt: toTimestamp(now),
          updatedAt: toTimestamp(now),
        };
        this.checkRow(row);
        return { ok: true, template: toTemplateRecord(this.db.templates.insert(row)) };
      })
      .catch((error: unknown) => nameTakenOrThrow(error, input.name));
  }

  updateTemplate(
    storeId: StoreId,
    templateId: number,
    patch: Partial<TemplateInput>,
    now: Date,
  ): Promise<TemplateResult> {
    return this.db
      .execute((): TemplateResult => {
        const row = this.find(storeId, templateId);
        if (row === undefined) return notFound(templateId);
        const next = { ...row, ...columns(patch), updatedAt: toTimestamp(now) };
        this.checkRow(next);
        return { ok: true, template: toTemplateRecord(this.db.templates.update(row, next)) };
      })
      .catch((error: unknown) => nameTakenOrThrow(error, patch.name ?? ''));
  }

  getTemplate(storeId: StoreId, templateId: number): Promise<TemplateRecord | null> {
    return this.db.execute(() => {
      const row = this.find(storeId, templateId);
      return row === undefined ? null : toTemplateRecord(row);
    });
  }

  getDefaultTemplate(storeId: StoreId): Promise<TemplateRecord | null> {
    return this.db.execute(() => {
      const row = this.db.templates.find((t) => t.storeId === storeId && t.isDefault);
      return row === undefined ? null : toTemplateRecord(row);
    });
  }

  listTemplates(storeId: StoreId): Promise<TemplateRecord[]> {
    return this.db.execute(() =>
      this.db.templates
        .filter((t) => t.storeId === storeId)
        .sort((a, b) => compareText(a.name, b.name) || a.id - b.id)
        .map(toTemplateRecord),
    );
  }

  setDefaultTemplate(storeId: StoreId, templateId: number, now: Date): Promise<TemplateResult> {
    return this.db.execute((): TemplateResult => {
      const target = this.find(storeId, templateId);
      if (target === undefined) return notFound(templateId);
      for (const other of this.db.templates.filter(
        (t) => t.storeId === storeId && t.isDefault && t.id !== templateId,
      )) {
        this.db.templates.update(other, { isDefault: false, updatedAt: toTimestamp(now) });
      }
      const row = this.db.templates.update(target, { isDefault: true, updatedAt: toTimestamp(now) });
      return { ok: true, template: toTemplateRecord(row) };
    });
  }

  deleteTemplate(storeId: StoreId, templateId: number): Promise<{ readonly ok: true } | Refusal> {
    return this.db.execute((): { readonly ok: true } | Refusal => {
      const template = this.find(storeId, templateId);
      if (template === undefined) return notFound(templateId);
      if (template.isDefault) {
        return refuse(
          TEMPLATE_REFUSALS.isDefault,
          'The default template cannot be deleted; choose another default first.',
        );
      }
      if (this.db.products.find((p) => p.storeId === storeId && p.templateId === templateId) !== undefined) {
        return refuse(
          TEMPLATE_REFUSALS.inUse,
          'Products still use this template; move them to another one first.',
        );
      }
      this.db.templates.delete(template);
      return { ok: true };
    });
  }

  private find(storeId: StoreId, templateId: number): TemplateRow | undefined {
    return this.db.templates.find((t) => t.storeId === storeId && t.id === templateId);
  }

  /** The table's unique keys and checks, for a row about to be written. */
  private checkRow(row: TemplateRow): void {
    check(
      this.db.templates.find((t) => t.storeId === row.storeId && t.name === row.name && t.id !== row.id) ===
        undefined,
      NAME_UNIQUE,
      `A template named "${row.name}" exists`,
    );
    check(row.threshold === null || row.threshold >= 0, 'templates_threshold_check', 'Negative threshold');
    check(row.incomingStock >= 0, 'templates_incoming_stock_check', 'Negative incoming stock');
  }
}

function columns(input: Partial<TemplateInput>): Partial<TemplateRow> {
  return {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.buttonText === undefined ? {} : { buttonText: input.buttonText }),
    ...(input.backorderMessage === undefined ? {} : { backorderMessage: input.backorderMessage }),
    ...(input.cartMessage === undefined ? {} : { cartMessage: input.cartMessage }),
    ...(input.unavailableMessage === undefined ? {} : { unavailableMessage: input.unavailableMessage }),
    ...(input.threshold === undefined ? {} : { threshold: input.threshold }),
    ...(input.incomingStock === undefined ? {} : { incomingStock: input.incomingStock }),
    ...(input.backInStockDate === undefined ? {} : { backInStockDate: input.backInStockDate }),
    ...(input.packingSlipMessage === undefined ? {} : { packingSlipMessage: input.packingSlipMessage }),
  };
}

function notFound(templateId: number): Refusal {
  return refuse(TEMPLATE_REFUSALS.notFound, `No template ${templateId} in this store.`);
}

function nameTakenOrThrow(error: unknown, name: string): Refusal {
  if (error instanceof ConstraintViolation && error.constraint === NAME_UNIQUE) {
    return refuse(TEMPLATE_REFUSALS.nameTaken, `A template named "${name}" already exists.`);
  }
  throw error;
}

function toTemplateRecord(row: TemplateRow): TemplateRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    name: row.name,
    isDefault: row.isDefault,
    buttonText: row.buttonText,
    backorderMessage: row.backorderMessage,
    cartMessage: row.cartMessage,
    unavailableMessage: row.unavailableMessage,
    threshold: row.threshold,
    incomingStock: row.incomingStock,
    backInStockDate: row.backInStockDate,
    packingSlipMessage: row.packingSlipMessage,
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}
