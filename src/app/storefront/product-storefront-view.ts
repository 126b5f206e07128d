import type { Result, Status } from '../../core/item.js';
import { refuse } from '../../core/item.js';
import { type StorefrontTexts, storefrontView } from '../../core/messages.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { ProductRepository } from '../ports/product-repository.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { TemplateRecord, TemplateRepository } from '../ports/template-repository.js';

/**
 * What the storefront script shows for one product (docs/product.md#storefront): per item,
 * its status and the template's storefront texts with placeholders filled in for the store's locale and
 * time zone. Public and read-only: it exposes nothing the storefront does not show anyway.
 * Texts are plain text; the script inserts them with `textContent`, never as HTML.
 */

export const STOREFRONT_REFUSALS = {
  storeNotFound: 'STOREFRONT.STORE_NOT_FOUND',
} as const;

export type StorefrontRefusalCode = (typeof STOREFRONT_REFUSALS)[keyof typeof STOREFRONT_REFUSALS];

export interface ProductStorefrontViewDeps {
  readonly stores: Pick<StoreRepository, 'findStoreByHash'>;
  readonly products: Pick<ProductRepository, 'findProductByBcId'>;
  readonly items: Pick<ItemRepository, 'listItems'>;
  readonly templates: Pick<TemplateRepository, 'getTemplate' | 'getDefaultTemplate'>;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
}

export interface ProductStorefrontViewInput {
  readonly storeHash: string;
  /** BigCommerce's product id. */
  readonly bcProductId: number;
  /**
   * Narrows the variant items to these BigCommerce variant ids (the cart asks only for its lines).
   * The item of a product without variants is always included: BigCommerce reports its base variant
   * id in the cart, which the app does not store.
   */
  readonly variantIds?: readonly number[];
}

export interface ProductStorefrontViewsInput {
  readonly storeHash: string;
  /** BigCommerce's product ids; each answers once, in this order. */
  readonly bcProductIds: readonly number[];
  /** As for one product; variant ids are unique across products, so one list serves them all. */
  readonly variantIds?: readonly number[];
}

export interface StorefrontItemView {
  /** Null for the item of a product without variants. */
  readonly variantId: number | null;
  /**
   * The variant's option values as the storefront's product form sends them (`attribute[12]=34` is
   * `{"12": 34}`), so a page can tell the item from the shopper's choice; `{}` for a product without
   * variants; null when the app has not recorded them.
   */
  readonly options: Readonly<Record<string, number>> | null;
  readonly status: Status;
  readonly purchasable: boolean;
  /** Null when the item is not in backorder or the template leaves the text empty: show nothing. */
  readonly buttonText: string | null;
  readonly message: string | null;
  readonly cartMessage: string | null;
  /** Null unless the item is unavailable and the template has the text. */
  readonly unavailableMessage: string | null;
  /** While in backorder with a threshold: the most units one order may take (T − B); else null. */
  readonly remainingUnits: number | null;
}

export interface ProductStorefrontView {
  readonly productId: number;
  /** Empty for a product the app does not manage: the script then leaves the page as it is. */
  readonly items: readonly StorefrontItemView[];
}

/**
 * What the script needs to know of the store besides its products: whether BigCommerce's own backorders
 * (beta) run it (`inventory_mode: native`, docs/product.md#modes). Cornerstone then renders the native
 * texts and BigCommerce refuses quantities past the backorder limit, so the script adds only what native
 * lacks. One flag, not the settings: the answer stays small and cacheable (issue 12).
 */
export interface StorefrontStoreView {
  readonly native: boolean;
}

export const DEFAULT_LOCALE = 'en-US';
const PAGE_SIZE = 500;

export async function productStorefrontView(
  deps: ProductStorefrontViewDeps,
  input: ProductStorefrontViewInput,
): Promise<Result<{ readonly view: ProductStorefrontView } & StorefrontStoreView, StorefrontRefusalCode>> {
  const result = await productStorefrontViews(deps, {
    storeHash: input.storeHash,
    bcProductIds: [input.bcProductId],
    ...(input.variantIds === undefined ? {} : { variantIds: input.variantIds }),
  });
  if (!result.ok) return result;
  const [view] = result.views;
  return { ok: true, native: result.native, view: view ?? { productId: input.bcProductId, items: [] } };
}

/** The views of several products at once (a category page's product cards, a cart's lines). */
export async function productStorefrontViews(
  deps: ProductStorefrontViewDeps,
  input: ProductStorefrontViewsInput,
): Promise<
  Result<{ readonly views: readonly ProductStorefrontView[] } & StorefrontStoreView, StorefrontRefusalCode>
> {
  const store = await deps.stores.findStoreByHash(input.storeHash);
  if (store === null || store.status !== 'installed') {
    return refuse(STOREFRONT_REFUSALS.storeNotFound, `No store ${input.storeHash} uses Backorder.`);
  }
  const locale = usableLocale(store.locale);
  const native = (await deps.settings.getSettings(store.id))?.inventoryMode === 'native';
  const templates = new Map<number | null, Promise<TemplateRecord | null>>();
  const views: ProductStorefrontView[] = [];
  for (const bcProductId of new Set(input.bcProductIds)) {
    const empty = { productId: bcProductId, items: [] };
    const product = await deps.products.findProductByBcId(store.id, bcProductId);
    if (product === null || !product.assigned) {
      views.push(empty);
      continue;
    }
    const items = (await activeItemsOf(deps.items, store.id, product.id)).filter(
      (item) =>
        item.bcVariantId === null ||
        input.variantIds === undefined ||
        input.variantIds.includes(item.bcVariantId),
    );
    if (items.length === 0) {
      views.push(empty);
      continue;
    }
    let template = templates.get(product.templateId);
    if (template === undefined) {
      template = templateOf(deps.templates, store.id, product.templateId);
      templates.set(product.templateId, template);
    }
    const texts = storefrontTextsOf(await template);
    views.push({
      productId: bcProductId,
      items: items.flatMap((item): StorefrontItemView[] => {
        // An item without a status is unassigned; listItems with activeOnly never returns one.
        if (item.status === null) return [];
        return [
          {
            variantId: item.bcVariantId,
            options: optionsOf(item),
            ...storefrontItemTexts({ ...item, status: item.status }, texts, locale, store.timezone),
          },
        ];
      }),
    });
  }
  return { ok: true, native, views };
}

/**
 * What the storefront shows for one item with these texts, in the store's locale and time zone: the
 * one rendering the storefront and the template preview (preview-template-texts.ts) share.
 */
export function storefrontItemTexts(
  item: Parameters<typeof storefrontView>[0],
  texts: StorefrontTexts,
  locale: string,
  timeZone: string,
): Omit<StorefrontItemView, 'variantId' | 'options'> {
  const view = storefrontView(item, texts, locale, timeZone);
  return {
    status: view.status,
    purchasable: view.purchasable,
    buttonText: shown(view.texts?.buttonText),
    message: shown(view.texts?.message),
    cartMessage: shown(view.texts?.cartMessage),
    unavailableMessage: shown(view.unavailableMessage ?? undefined),
    remainingUnits: view.remainingUnits,
  };
}

function storefrontTextsOf(template: TemplateRecord | null): StorefrontTexts {
  return {
    buttonText: template?.buttonText ?? '',
    message: template?.backorderMessage ?? '',
    cartMessage: template?.cartMessage ?? '',
    unavailableMessage: template?.unavailableMessage ?? '',
  };
}

function optionsOf(item: ItemRecord): Record<string, number> | null {
  if (item.bcVariantId === null) return {};
  if (item.optionValues === null || item.optionValues.length === 0) return null;
  return Object.fromEntries(item.optionValues.map((o) => [String(o.optionId), o.valueId]));
}

async function activeItemsOf(
  items: ProductStorefrontViewDeps['items'],
  storeId: StoreId,
  productId: number,
): Promise<ItemRecord[]> {
  // BigCommerce allows 600 variants per product, more than one page.
  const all: ItemRecord[] = [];
  let afterId: number | undefined;
  for (;;) {
    const page = await items.listItems(storeId, {
      productId,
      activeOnly: true,
      limit: PAGE_SIZE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    all.push(...page);
    const last = page[page.length - 1];
    if (page.length < PAGE_SIZE || last === undefined) return all;
    afterId = last.id;
  }
}

/** Storefront texts stay linked to the product's template; without one (or if it is gone), the default's. */
async function templateOf(
  templates: ProductStorefrontViewDeps['templates'],
  storeId: StoreId,
  templateId: number | null,
): Promise<TemplateRecord | null> {
  const linked = templateId === null ? null : await templates.getTemplate(storeId, templateId);
  return linked ?? (await templates.getDefaultTemplate(storeId));
}

/** The store's locale when Intl understands it; a bad value must not take the storefront texts down. */
export function usableLocale(locale: string | null | undefined): string {
  if (!locale) return DEFAULT_LOCALE;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.replace(/_/g, '-'));
    return canonical ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function shown(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : text;
}
