import type { Refusal } from '../../../core/item.js';
import type { StoreId } from '../../ports/store-id.js';
import type { TemplatesDeps } from './template-fields.js';

/** Deletes a template no product uses and that is not the default (TEMPLATE.IN_USE, TEMPLATE.IS_DEFAULT). */
export function deleteTemplate(
  deps: Pick<TemplatesDeps, 'templates'>,
  input: { readonly storeId: StoreId; readonly templateId: number },
): Promise<{ readonly ok: true } | Refusal> {
  return deps.templates.deleteTemplate(input.storeId, input.templateId);
}
