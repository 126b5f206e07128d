import { type Refusal, refuse } from '../../../core/item.js';
import type { StoreId } from '../../ports/store-id.js';
import { TEMPLATE_REFUSALS, type TemplateRecord } from '../../ports/template-repository.js';
import type { TemplatesDeps } from './template-fields.js';

export async function getTemplate(
  deps: Pick<TemplatesDeps, 'templates'>,
  input: { readonly storeId: StoreId; readonly templateId: number },
): Promise<{ readonly ok: true; readonly template: TemplateRecord } | Refusal> {
  const template = await deps.templates.getTemplate(input.storeId, input.templateId);
  return template === null
    ? refuse(TEMPLATE_REFUSALS.notFound, `No template ${input.templateId} in this store.`)
    : { ok: true, template };
}
