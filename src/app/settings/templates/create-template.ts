import type { StoreId } from '../../ports/store-id.js';
import type { TemplateInput, TemplateResult } from '../../ports/template-repository.js';
import { checkTemplateFields, TEMPLATE_DEFAULTS, type TemplatesDeps } from './template-fields.js';

/**
 * Creates a template (the store's first becomes its default). Texts may only use known placeholders
 * (TEMPLATE.UNKNOWN_PLACEHOLDER); names are unique per store (TEMPLATE.NAME_TAKEN).
 */
export async function createTemplate(
  deps: TemplatesDeps,
  input: {
    readonly storeId: StoreId;
    readonly template: Pick<TemplateInput, 'name'> & Partial<TemplateInput>;
  },
): Promise<TemplateResult> {
  const template: TemplateInput = {
    ...TEMPLATE_DEFAULTS,
    ...withoutUndefined(input.template),
    name: input.template.name.trim(),
  };
  const problem = checkTemplateFields(template);
  if (problem !== null) return problem;
  return deps.templates.createTemplate(input.storeId, template, deps.clock.now());
}

export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
