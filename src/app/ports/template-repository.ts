import type { LocalDate, Refusal } from '../../core/item.js';

/** Backorder templates (docs/product.md#templates); at most one default per store. */
export interface TemplateRepository {
  createTemplate(storeId: number, input: TemplateInput, now: Date): Promise<TemplateResult>;
  updateTemplate(
    storeId: number,
    templateId: number,
    patch: Partial<TemplateInput>,
    now: Date,
  ): Promise<TemplateResult>;
  getTemplate(storeId: number, templateId: number): Promise<TemplateRecord | null>;
  getDefaultTemplate(storeId: number): Promise<TemplateRecord | null>;
  listTemplates(storeId: number): Promise<TemplateRecord[]>;
  /** Makes this template the default and the previous default an ordinary one, atomically. */
  setDefaultTemplate(storeId: number, templateId: number, now: Date): Promise<TemplateResult>;
  /** Refused for the default template and for one that products still use. */
  deleteTemplate(storeId: number, templateId: number): Promise<{ readonly ok: true } | Refusal>;
}

export type TemplateResult = { readonly ok: true; readonly template: TemplateRecord } | Refusal;

export interface TemplateInput {
  readonly name: string;
  readonly buttonText: string;
  readonly backorderMessage: string;
  readonly cartMessage: string;
  readonly threshold: number | null;
  readonly incomingStock: number;
  readonly backInStockDate: LocalDate | null;
  readonly packingSlipMessage: string;
}

export interface TemplateRecord extends TemplateInput {
  readonly id: number;
  readonly storeId: number;
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
