import type { StoreId } from '../../ports/store-id.js';
import type { TemplateRecord } from '../../ports/template-repository.js';
import type { TemplatesDeps } from './template-fields.js';

/** The store's templates by name. */
export function listTemplates(
  deps: Pick<TemplatesDeps, 'templates'>,
  input: { readonly storeId: StoreId },
): Promise<TemplateRecord[]> {
  return deps.templates.listTemplates(input.storeId);
}
