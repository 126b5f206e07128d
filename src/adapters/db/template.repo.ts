import type { Kysely, Selectable } from 'kysely';
import type { StoreId } from '../../app/ports/store-id.js';
import type {
  TemplateInput,
  TemplateRecord,
  TemplateRepository,
  TemplateResult,
} from '../../app/ports/template-repository.js';
import { TEMPLATE_REFUSALS } from '../../app/ports/template-repository.js';
import { type Refusal, refuse } from '../../core/item.js';
import { isUniqueViolation, UNIQUE } from './errors.js';
import { fromBool, fromTimestamp, toBool, toTimestamp } from './rows.js';
import type { DB, TemplatesTable } from './schema.js';

export class KyselyTemplateRepository implements TemplateRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async createTemplate(storeId: StoreId, input: TemplateInput, now: Date): Promise<TemplateResult> {
    try {
      // The store's first template becomes its default.
      return await this.db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('templates')
          .select('id')
          .where('store_id', '=', storeId)
          .limit(1)
          .executeTakeFirst();
        const row = await trx
          .insertInto('templates')
          .values({
            store_id: storeId,
            name: input.name,
            ...toColumns(input),
            is_default: toBool(existing === undefined),
            created_at: toTimestamp(now),
            updated_at: toTimestamp(now),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { ok: true as const, template: toTemplateRecord(row) };
      });
    } catch (error) {
      // Two first templates created at once both wanted to be the default: the second is not.
      if (isUniqueViolation(error, UNIQUE.templateDefault)) return this.createTemplate(storeId, input, now);
      return nameTakenOrThrow(error, input.name);
    }
  }

  async updateTemplate(
    storeId: StoreId,
    templateId: number,
    patch: Partial<TemplateInput>,
    now: Date,
  ): Promise<TemplateResult> {
    try {
      const row = await this.db
        .updateTable('templates')
        .set({ ...toColumns(patch), updated_at: toTimestamp(now) })
        .where('store_id', '=', storeId)
        .where('id', '=', templateId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? notFound(templateId) : { ok: true, template: toTemplateRecord(row) };
    } catch (error) {
      return nameTakenOrThrow(error, patch.name ?? '');
    }
  }

  async getTemplate(storeId: StoreId, templateId: number): Promise<TemplateRecord | null> {
    const row = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', templateId)
      .executeTakeFirst();
    return row === undefined ? null : toTemplateRecord(row);
  }

  async getDefaultTemplate(storeId: StoreId): Promise<TemplateRecord | null> {
    const row = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('is_default', '=', toBool(true))
      .executeTakeFirst();
    return row === undefined ? null : toTemplateRecord(row);
  }

  async listTemplates(storeId: StoreId): Promise<TemplateRecord[]> {
    const rows = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toTemplateRecord);
  }

  async setDefaultTemplate(storeId: StoreId, templateId: number, now: Date): Promise<TemplateResult> {
    return this.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('templates')
        .select('id')
        .where('store_id', '=', storeId)
        .where('id', '=', templateId)
        .executeTakeFirst();
      if (target === undefined) return notFound(templateId);
      // Clear first: the unique index allows one default per store at any moment.
      await trx
        .updateTable('templates')
        .set({ is_default: toBool(false), updated_at: toTimestamp(now) })
        .where('store_id', '=', storeId)
        .where('is_default', '=', toBool(true))
        .where('id', '<>', templateId)
        .execute();
      const row = await trx
        .updateTable('templates')
        .set({ is_default: toBool(true), updated_at: toTimestamp(now) })
        .where('store_id', '=', storeId)
        .where('id', '=', templateId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ok: true as const, template: toTemplateRecord(row) };
    });
  }

  async deleteTemplate(storeId: StoreId, templateId: number): Promise<{ ok: true } | Refusal> {
    return this.db.transaction().execute(async (trx) => {
      const template = await trx
        .selectFrom('templates')
        .select(['id', 'is_default'])
        .where('store_id', '=', storeId)
        .where('id', '=', templateId)
        .executeTakeFirst();
      if (template === undefined) return notFound(templateId);
      if (fromBool(template.is_default)) {
        return refuse(
          TEMPLATE_REFUSALS.isDefault,
          'The default template cannot be deleted; choose another default first.',
        );
      }
      const user = await trx
        .selectFrom('products')
        .select('id')
        .where('store_id', '=', storeId)
        .where('template_id', '=', templateId)
        .limit(1)
        .executeTakeFirst();
      if (user !== undefined) {
        return refuse(
          TEMPLATE_REFUSALS.inUse,
          'Products still use this template; move them to another one first.',
        );
      }
      await trx
        .deleteFrom('templates')
        .where('store_id', '=', storeId)
        .where('id', '=', templateId)
        .execute();
      return { ok: true as const };
    });
  }
}

function toColumns(input: Partial<TemplateInput>) {
  return {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.buttonText === undefined ? {} : { button_text: input.buttonText }),
    ...(input.backorderMessage === undefined ? {} : { backorder_message: input.backorderMessage }),
    ...(input.cartMessage === undefined ? {} : { cart_message: input.cartMessage }),
    ...(input.unavailableMessage === undefined ? {} : { unavailable_message: input.unavailableMessage }),
    ...(input.threshold === undefined ? {} : { threshold: input.threshold }),
    ...(input.incomingStock === undefined ? {} : { incoming_stock: input.incomingStock }),
    ...(input.backInStockDate === undefined ? {} : { back_in_stock_date: input.backInStockDate }),
    ...(input.packingSlipMessage === undefined ? {} : { packing_slip_message: input.packingSlipMessage }),
  };
}

function notFound(templateId: number): Refusal {
  return refuse(TEMPLATE_REFUSALS.notFound, `No template ${templateId} in this store.`);
}

function nameTakenOrThrow(error: unknown, name: string): Refusal {
  if (isUniqueViolation(error, UNIQUE.templateName)) {
    return refuse(TEMPLATE_REFUSALS.nameTaken, `A template named "${name}" already exists.`);
  }
  throw error;
}

function toTemplateRecord(row: Selectable<TemplatesTable>): TemplateRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    name: row.name,
    isDefault: fromBool(row.is_default),
    buttonText: row.button_text,
    backorderMessage: row.backorder_message,
    cartMessage: row.cart_message,
    unavailableMessage: row.unavailable_message,
    threshold: row.threshold,
    incomingStock: row.incoming_stock,
    backInStockDate: row.back_in_stock_date,
    packingSlipMessage: row.packing_slip_message,
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
  };
}
