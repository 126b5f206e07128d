import type { OptionRepo } from './option.repo.js';
import type { ProductRepo } from './product.repo.js';
import type { StockCells } from './stock-cells.js';
import type { TaxonomyRepo } from './taxonomy.repo.js';
import type { VariantRepo } from './variant.repo.js';

/**
 * The whole catalog behind one object (`state.catalog`), for code outside the sandbox that drives an
 * emulated store directly (the app's tests create, change and delete products through it). It only
 * delegates; the sandbox's own code uses the narrower repos it is made of.
 */
export class CatalogRepo {
  constructor(
    private readonly products: ProductRepo,
    private readonly variants: VariantRepo,
    private readonly options: OptionRepo,
    private readonly taxonomy: TaxonomyRepo,
    private readonly stock: StockCells,
  ) {}

  listProducts(...args: Parameters<ProductRepo['listProducts']>) {
    return this.products.listProducts(...args);
  }
  getProduct(...args: Parameters<ProductRepo['getProduct']>) {
    return this.products.getProduct(...args);
  }
  createProduct(...args: Parameters<ProductRepo['createProduct']>) {
    return this.products.createProduct(...args);
  }
  updateProduct(...args: Parameters<ProductRepo['updateProduct']>) {
    return this.products.updateProduct(...args);
  }
  updateProducts(...args: Parameters<ProductRepo['updateProducts']>) {
    return this.products.updateProducts(...args);
  }
  deleteProducts(...args: Parameters<ProductRepo['deleteProducts']>) {
    return this.products.deleteProducts(...args);
  }

  listVariants(...args: Parameters<VariantRepo['listVariants']>) {
    return this.variants.listVariants(...args);
  }
  getVariant(...args: Parameters<VariantRepo['getVariant']>) {
    return this.variants.getVariant(...args);
  }
  findVariant(...args: Parameters<VariantRepo['findVariant']>) {
    return this.variants.findVariant(...args);
  }
  findVariantBySku(...args: Parameters<VariantRepo['findVariantBySku']>) {
    return this.variants.findVariantBySku(...args);
  }
  variantByOptionValues(...args: Parameters<VariantRepo['variantByOptionValues']>) {
    return this.variants.variantByOptionValues(...args);
  }
  createVariant(...args: Parameters<VariantRepo['createVariant']>) {
    return this.variants.createVariant(...args);
  }
  updateVariant(...args: Parameters<VariantRepo['updateVariant']>) {
    return this.variants.updateVariant(...args);
  }
  updateVariants(...args: Parameters<VariantRepo['updateVariants']>) {
    return this.variants.updateVariants(...args);
  }
  deleteVariant(...args: Parameters<VariantRepo['deleteVariant']>) {
    return this.variants.deleteVariant(...args);
  }

  listOptions(...args: Parameters<OptionRepo['listOptions']>) {
    return this.options.listOptions(...args);
  }
  getOption(...args: Parameters<OptionRepo['getOption']>) {
    return this.options.getOption(...args);
  }
  createOption(...args: Parameters<OptionRepo['createOption']>) {
    return this.options.createOption(...args);
  }
  updateOption(...args: Parameters<OptionRepo['updateOption']>) {
    return this.options.updateOption(...args);
  }
  deleteOption(...args: Parameters<OptionRepo['deleteOption']>) {
    return this.options.deleteOption(...args);
  }
  createOptionValue(...args: Parameters<OptionRepo['createOptionValue']>) {
    return this.options.createOptionValue(...args);
  }

  listCategories(...args: Parameters<TaxonomyRepo['listCategories']>) {
    return this.taxonomy.listCategories(...args);
  }
  createCategory(...args: Parameters<TaxonomyRepo['createCategory']>) {
    return this.taxonomy.createCategory(...args);
  }
  listBrands(...args: Parameters<TaxonomyRepo['listBrands']>) {
    return this.taxonomy.listBrands(...args);
  }
  createBrand(...args: Parameters<TaxonomyRepo['createBrand']>) {
    return this.taxonomy.createBrand(...args);
  }

  stockCell(...args: Parameters<StockCells['stockCell']>) {
    return this.stock.stockCell(...args);
  }
  readStock(...args: Parameters<StockCells['readStock']>) {
    return this.stock.readStock(...args);
  }
}
