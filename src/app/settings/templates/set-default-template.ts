import type { StoreId } from '../../ports/store-id.js';
import type { TemplateResult } from '../../ports/template-repository.js';
import type { TemplatesDeps } from './template-fields.js';

/** Makes the template the store's default (the one assignment uses unless told otherwise). */
export function setDefaultTemplate(
  deps: TemplatesDeps,
  input: { readonly storeId: StoreId; readonly templateId: number },
): Promise<TemplateResult> {
  return deps.templates.setDefaultTemplate(input.storeId, input.templateId, deps.clock.now());
}
