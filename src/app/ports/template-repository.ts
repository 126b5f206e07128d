import type { LocalDate, Refusal } from '../../core/item.js';
import type { StoreId } from './store-id.js';

/** Backorder templates (docs/product.md#templates); at most one default per store. */
export interface TemplateRepository {
  createTemplate(storeId: StoreId, input: TemplateInput, now: Date): Promise<TemplateResult>;
  updateTemplate(
    storeId: StoreId,
    templateId: number,
    patch: Partial<TemplateInput>,
    now: Date,
  ): Promise<TemplateResult>;
  getTemplate(storeId: StoreId, templateId: number): Promise<TemplateRecord | null>;
  getDefaultTemplate(storeId: StoreId): Promise<TemplateRecord | null>;
  listTemplates(storeId: StoreId): Promise<TemplateRecord[]>;
  /** Makes this template the default and the previous default an ordinary one, atomically. */
  setDefaultTemplate(storeId: StoreId, templateId: number, now: Date): Promise<TemplateResult>;
  /** Refused for the default template and for one that products still use. */
  deleteTemplate(storeId: StoreId, templateId: number): Promise<{ readonly ok: true } | Refusal>;
}

export type TemplateResult = { readonly ok: true; readonly template: TemplateRecord } | Refusal;

export interface TemplateInput {
  readonly name: string;
  readonly buttonText: string;
  readonly backorderMessage: string;
  readonly cartMessage: string;
  /** Shown where the add-to-cart button was while an item is unavailable; empty shows nothing. */
  readonly unavailableMessage: string;
  readonly threshold: number | null;
  readonly incomingStock: number;
  readonly backInStockDate: LocalDate | null;
  readonly packingSlipMessage: string;
}

export interface TemplateRecord extends TemplateInput {
  readonly id: number;
  readonly storeId: StoreId;
  readonly isDefault: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const TEMPLATE_REFUSALS = {
  notFound: 'TEMPLATE.NOT_FOUND',
  nameTaken: 'TEMPLATE.NAME_TAKEN',
  isDefault: 'TEMPLATE.IS_DEFAULT',
  inUse: 'TEMPLATE.IN_USE',
} as const;
