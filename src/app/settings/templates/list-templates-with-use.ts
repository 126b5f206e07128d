import type { ProductRepository } from '../../ports/product-repository.js';
import type { StoreId } from '../../ports/store-id.js';
import type { TemplateRecord, TemplateRepository } from '../../ports/template-repository.js';

export interface TemplateInUse {
  readonly template: TemplateRecord;
  /** Products linked to it, assigned or not: while there are any, it cannot be deleted. */
  readonly productCount: number;
}

/** The store's templates by name, each with how many products use it (the Templates screen's list). */
export async function listTemplatesWithUse(
  deps: {
    readonly templates: Pick<TemplateRepository, 'listTemplates'>;
    readonly products: Pick<ProductRepository, 'countProductsByTemplate'>;
  },
  input: { readonly storeId: StoreId },
): Promise<TemplateInUse[]> {
  const [templates, counts] = await Promise.all([
    deps.templates.listTemplates(input.storeId),
    deps.products.countProductsByTemplate(input.storeId),
  ]);
  return templates.map((template) => ({ template, productCount: counts.get(template.id) ?? 0 }));
}
