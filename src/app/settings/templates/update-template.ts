import { refuse } from '../../../core/item.js';
import type { StoreId } from '../../ports/store-id.js';
import type { TemplateInput, TemplateResult } from '../../ports/template-repository.js';
import { withoutUndefined } from './create-template.js';
import { checkTemplateFields, TEMPLATE_FIELD_REFUSALS, type TemplatesDeps } from './template-fields.js';

/**
 * Changes some fields of a template. Products linked to it show its new texts at once; its stock
 * defaults only apply to products assigned from now on.
 */
export async function updateTemplate(
  deps: TemplatesDeps,
  input: { readonly storeId: StoreId; readonly templateId: number; readonly patch: Partial<TemplateInput> },
): Promise<TemplateResult> {
  const given = withoutUndefined(input.patch);
  const patch = given.name === undefined ? given : { ...given, name: given.name.trim() };
  if (Object.keys(patch).length === 0) {
    return refuse(TEMPLATE_FIELD_REFUSALS.nothingToChange, 'Give at least one field to change.');
  }
  const problem = checkTemplateFields(patch);
  if (problem !== null) return problem;
  return deps.templates.updateTemplate(input.storeId, input.templateId, patch, deps.clock.now());
}
