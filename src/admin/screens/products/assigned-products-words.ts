import type { components, operations } from '../../api/v1.js';

/**
 * The Assigned products tab's pure parts: the list's query as the address holds it, the rows of the
 * table, and every value in words. Unit-tested in test/admin/assigned-products-words.test.ts.
 */

export type AssignedProduct = components['schemas']['AssignedProduct'];
export type AssignedItem = components['schemas']['AssignedItem'];
export type SyncedProduct = components['schemas']['SyncedProduct'];
export type ProductsQuery = NonNullable<operations['listAssignedProducts']['parameters']['query']>;
export type Status = AssignedItem['status'];
export type Block = NonNullable<AssignedItem['block']>;

export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  in_stock: 'In stock',
  backorder: 'Backorder',
  unavailable: 'Unavailable',
};

export const BLOCK_WORDS: Readonly<Record<Block, string>> = {
  threshold: 'Threshold reached',
  date: 'Back-in-stock date passed',
  manual: 'Disabled by you',
};

export const SORTS = {
  name: { label: 'Name, A to Z', sort: 'name', direction: 'asc' },
  'name-desc': { label: 'Name, Z to A', sort: 'name', direction: 'desc' },
  updated: { label: 'Latest change first', sort: 'updated', direction: 'desc' },
  assigned: { label: 'Recently assigned first', sort: 'assigned', direction: 'desc' },
  stock: { label: 'Stock, lowest first', sort: 'stock', direction: 'asc' },
  'stock-desc': { label: 'Stock, highest first', sort: 'stock', direction: 'desc' },
  backordered: { label: 'Backordered, most first', sort: 'backordered', direction: 'desc' },
} as const satisfies Record<
  string,
  { label: string; sort: NonNullable<ProductsQuery['sort']>; direction: 'asc' | 'desc' }
>;
export type SortChoice = keyof typeof SORTS;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** What the tab lists, as the address says it (`/products?status=backorder&search=tent&page=2`). */
export interface ListState {
  readonly search: string;
  readonly status: Status | null;
  readonly block: Block | null;
  readonly sort: SortChoice;
  readonly page: number;
  readonly limit: number;
}

const isStatus = (value: string | null): value is Status => value !== null && value in STATUS_WORDS;
const isBlock = (value: string | null): value is Block => value !== null && value in BLOCK_WORDS;
const isSort = (value: string | null): value is SortChoice => value !== null && value in SORTS;

/** The list's state from the address's query string; anything unknown or out of range is left out. */
export function listStateFrom(search: string): ListState {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const block = params.get('block');
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  const limit = Number(params.get('limit'));
  return {
    search: (params.get('search') ?? '').trim().slice(0, 255),
    status: isStatus(status) ? status : null,
    block: isBlock(block) ? block : null,
    sort: isSort(sort) ? sort : 'name',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
  };
}

/** The address's query string for a state (defaults left out, so the plain tab is `/products`). */
export function addressOf(state: ListState): string {
  const params = new URLSearchParams();
  if (state.search !== '') params.set('search', state.search);
  if (state.status !== null) params.set('status', state.status);
  if (state.block !== null) params.set('block', state.block);
  if (state.sort !== 'name') params.set('sort', state.sort);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(state.limit));
  const text = params.toString();
  return text === '' ? '/products' : `/products?${text}`;
}

/** The API query of a state. */
export function apiQueryOf(state: ListState): ProductsQuery {
  const { sort, direction } = SORTS[state.sort];
  return {
    ...(state.search === '' ? {} : { search: state.search }),
    ...(state.status === null ? {} : { status: state.status }),
    ...(state.block === null ? {} : { block: state.block }),
    sort,
    direction,
    page: state.page,
    limit: state.limit,
  };
}

export function isFiltered(state: ListState): boolean {
  return state.search !== '' || state.status !== null || state.block !== null;
}

/**
 * One row of the table. A product without variants is one row (the product and its item); a product
 * with variants is its row, then one row per variant under it.
 */
export type Row =
  | {
      readonly kind: 'product';
      readonly rowKey: string;
      readonly product: AssignedProduct;
      readonly item: AssignedItem | null;
    }
  | {
      readonly kind: 'variant';
      readonly rowKey: string;
      readonly product: AssignedProduct;
      readonly item: AssignedItem;
    };

export function rowsOf(products: readonly AssignedProduct[]): Row[] {
  return products.flatMap((product): Row[] => {
    const [only] = product.items;
    if (product.items.length === 1 && only !== undefined && only.variant_id === null) {
      return [{ kind: 'product', rowKey: `p${product.product_id}`, product, item: only }];
    }
    return [
      { kind: 'product', rowKey: `p${product.product_id}`, product, item: null },
      ...product.items.map(
        (item, index): Row => ({
          kind: 'variant',
          rowKey: `p${product.product_id}v${item.variant_id ?? `i${index}`}`,
          product,
          item,
        }),
      ),
    ];
  });
}

/** How a variant is named under its product: its options, else its SKU, else its BigCommerce id. */
export function variantName(item: AssignedItem): string {
  if (item.variant_label !== null) return item.variant_label;
  if (item.sku !== null) return `Variant ${item.sku}`;
  return item.variant_id === null ? 'The product itself' : `Variant #${item.variant_id}`;
}

/** "Summit Down Sleeping Bag – Length: Long", to name an item in labels and messages. */
export function itemName(product: AssignedProduct, item: AssignedItem): string {
  return item.variant_id === null ? product.name : `${product.name} – ${variantName(item)}`;
}

/** Why the item is in its status, in words; null when there is nothing to say (in stock, no block). */
export function statusReason(item: Pick<AssignedItem, 'status' | 'block'>): string | null {
  if (item.block !== null) {
    const why = BLOCK_WORDS[item.block];
    return item.status === 'unavailable' ? why : `Backorder off: ${lowerFirst(why)}`;
  }
  if (item.status === 'backorder') return 'Out of stock, sold as backorder';
  return null;
}

export function purchasabilityWords(item: Pick<AssignedItem, 'purchasable'>): string {
  return item.purchasable ? 'Purchasable' : 'Not purchasable';
}

/** "Backorder on" means nothing blocks it: it switches to backorder when it runs out. */
export function backorderOn(item: Pick<AssignedItem, 'block'>): boolean {
  return item.block === null;
}

export function formatDate(date: string | null): string {
  if (date === null) return '—';
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-US', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
}

export function formatThreshold(threshold: number | null): string {
  return threshold === null ? 'No limit' : String(threshold);
}

/** The fields the tab edits inline, as the API's PATCH /items/{sku} names them. */
export type EditableField = 'stock' | 'threshold' | 'incoming_stock' | 'back_in_stock_date';

export const FIELD_WORDS: Readonly<Record<EditableField, string>> = {
  stock: 'Stock',
  threshold: 'Threshold',
  incoming_stock: 'Incoming stock',
  back_in_stock_date: 'Back-in-stock date',
};

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const MAX_UNITS = 2_147_483_647;

/** A value typed in an inline editor, checked as the API would (so most mistakes never leave the page). */
export function parseField(field: EditableField, text: string): Parsed<number | string | null> {
  const trimmed = text.trim();
  switch (field) {
    case 'stock': {
      if (!/^-?\d{1,10}$/.test(trimmed) || Math.abs(Number(trimmed)) > MAX_UNITS) {
        return { ok: false, error: 'Enter a whole number (it may be negative).' };
      }
      return { ok: true, value: Number(trimmed) };
    }
    case 'threshold':
    case 'incoming_stock': {
      if (field === 'threshold' && trimmed === '') return { ok: true, value: null };
      if (!/^\d{1,10}$/.test(trimmed) || Number(trimmed) > MAX_UNITS) {
        return {
          ok: false,
          error:
            field === 'threshold'
              ? 'Enter a whole number of 0 or more, or leave it empty for no limit.'
              : 'Enter a whole number of 0 or more.',
        };
      }
      return { ok: true, value: Number(trimmed) };
    }
    case 'back_in_stock_date': {
      if (trimmed === '') return { ok: true, value: null };
      const valid =
        /^\d{4}-\d{2}-\d{2}$/.test(trimmed) &&
        new Date(`${trimmed}T00:00:00Z`).toISOString().slice(0, 10) === trimmed;
      return valid ? { ok: true, value: trimmed } : { ok: false, error: 'Enter a date, or leave it empty.' };
    }
  }
}

/** The value an editor starts with. */
export function editText(field: EditableField, item: AssignedItem): string {
  switch (field) {
    case 'stock':
      return String(item.stock);
    case 'threshold':
      return item.threshold === null ? '' : String(item.threshold);
    case 'incoming_stock':
      return String(item.incoming_stock);
    case 'back_in_stock_date':
      return item.back_in_stock_date ?? '';
  }
}

/** Warnings a sync may come back with, in words (they are not refusals: the sync happened). */
export const SYNC_WARNING_WORDS: Readonly<Record<string, string>> = {
  'SYNC.UNTRACKED_VARIANTS':
    'BigCommerce has variants added since the product was assigned; Backorder does not track them. Unassign and assign it again to track them.',
  'SYNC.MISSING_VARIANTS': 'Some variants Backorder tracks no longer exist in BigCommerce.',
  'ASSIGNMENT.STOCK_NOT_PER_VARIANT':
    'BigCommerce counts one stock level for all variants, which cannot be split between them; it was not taken.',
  'ASSIGNMENT.TRACKING_NOT_TURNED_OFF':
    'BigCommerce refused to turn its inventory tracking off; the next sync tries again.',
};

/** What a sync did, in one or two sentences. */
export function describeSync(name: string, sync: SyncedProduct['sync']): string {
  const done: string[] = [];
  const changes = sync.stock_changes.length;
  if (changes > 0) {
    done.push(`took BigCommerce’s stock level for ${changes} item${changes === 1 ? '' : 's'}`);
  }
  if (sync.tracking_turned_off) done.push('turned BigCommerce’s inventory tracking off again');
  if (sync.purchasability_corrected > 0) done.push('set purchasability back to Backorder’s');
  const first =
    done.length === 0
      ? `${name} is in line with BigCommerce: nothing to change.`
      : `${name} synced from BigCommerce: ${joinWords(done)}.`;
  const warnings = sync.warnings.map((code) => SYNC_WARNING_WORDS[code] ?? `Warning ${code}.`);
  return [first, ...warnings].join(' ');
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
