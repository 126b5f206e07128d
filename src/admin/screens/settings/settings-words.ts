import type {
  InventoryMode,
  ModeMove,
  ModeMovePreviewItem,
  ModeMoveTarget,
  NativeBackorders,
  NotifyEvent,
} from './settings-api.js';

/** What the switch condition S means, in words, for the value the merchant is typing. */
export function switchConditionMeaning(s: number): string {
  const start = `An item is out of stock when its stock is ${s} or less: it then switches to backorder (unless its threshold, its back-in-stock date or you switched backorder off for it), and every unit sold from then on counts as backordered.`;
  return s === 0
    ? `${start} With 0, that happens as its last unit is sold.`
    : `${start} With ${s}, the last ${s} unit${s === 1 ? '' : 's'} on hand ${s === 1 ? 'is' : 'are'} sold as backorders too.`;
}

/** The API's bound on stock-like numbers (the switch condition among them). */
export const MAX_UNITS = 1_000_000_000;

/** A whole number from 0 to MAX_UNITS as typed, or null. */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= MAX_UNITS ? value : null;
}

export const NOTIFY_EVENT_LABELS: Readonly<Record<NotifyEvent, { label: string; description: string }>> = {
  backorder_enabled: {
    label: 'Backorder switched on',
    description: 'An item ran out of stock and is now sold as a backorder.',
  },
  backorder_disabled: {
    label: 'Backorder switched off',
    description:
      'An item became unavailable: its threshold or back-in-stock date was reached, or you switched it off.',
  },
  assigned: { label: 'Products assigned', description: 'The list of products assigned to Backorder.' },
  unassigned: {
    label: 'Product unassigned',
    description: 'The items’ last stock data, attached as a CSV file.',
  },
  import_finished: { label: 'Import finished', description: 'The result of a stock import.' },
};

/** Email addresses typed one per line (or separated by commas), without blanks or repeats. */
export function parseEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,;]+/)
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    ),
  ];
}

export const MAX_RECIPIENTS = 20;

export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

// ── Stock at checkout (inventory modes, issue 11) ────────────────────────────────────────────────

export const INVENTORY_MODES = ['emulated', 'capped', 'native'] as const satisfies readonly InventoryMode[];

/** Each mode's name and the one thing it guarantees at checkout. */
export const INVENTORY_MODE_WORDS: Readonly<Record<InventoryMode, { label: string; guarantee: string }>> = {
  emulated: {
    label: 'Backorder disables purchase',
    guarantee:
      'BigCommerce’s inventory tracking stays off and Backorder keeps the stock. Once an item reaches its threshold, Backorder disables its purchase — after the order that reached it, so orders placed at the same moment can pass the threshold.',
  },
  capped: {
    label: 'Cap at checkout',
    guarantee:
      'Inventory tracking stays on and Backorder sets BigCommerce’s stock level to the units still sellable, so checkout refuses an order that would pass the threshold.',
  },
  native: {
    label: 'BigCommerce native backorders',
    guarantee:
      'BigCommerce’s own backorders (beta) keep the stock, with the threshold as the backorder limit, so checkout refuses an order that would pass the threshold.',
  },
};

/** The current mode, in words. */
export function currentModeSentence(mode: InventoryMode): string {
  return `Now: ${INVENTORY_MODE_WORDS[mode].label}.`;
}

/** What Backorder last learnt of the store's native backorders; `formatInstant` writes the check's time. */
export function nativeBackordersStatus(
  state: NativeBackorders,
  formatInstant: (iso: string) => string,
): string {
  if (state.enabled === null || state.checked_at === null) {
    return 'BigCommerce’s native backorders: not checked yet.';
  }
  const when = formatInstant(state.checked_at);
  return state.enabled
    ? `BigCommerce’s native backorders: on (checked ${when}).`
    : `BigCommerce’s native backorders: not on (checked ${when}).`;
}

/** Why the native mode cannot be chosen, or null when it can. */
export function nativeModeUnavailable(state: NativeBackorders): string | null {
  return state.enabled === true
    ? null
    : 'Needs BigCommerce’s native backorders (beta) turned on in your store, then “Check again”.';
}

/** With cap at checkout, BigCommerce's level is not the stock: shoppers must not see it. */
export const CAPPED_THEME_NOTE =
  'With cap at checkout, BigCommerce’s stock level is the number of units still sellable, not your stock on hand. Hide it from shoppers: in BigCommerce, go to Store settings › Inventory › Stock level display and choose “Don’t show”.';

/** Said to stores with more than one location; null otherwise. */
export function locationsNote(locations: number | null): string | null {
  return locations !== null && locations > 1
    ? 'Backorder uses your default location; limits per location are not managed yet.'
    : null;
}

/** The toast after saving a mode. */
export function modeSavedSentence(mode: InventoryMode): string {
  return `Stock at checkout saved: ${INVENTORY_MODE_WORDS[mode].label}.`;
}

// ── Moving the assigned products to another mode ─────────────────────────────────────────────────

function productsWord(n: number): string {
  return n === 1 ? 'product' : 'products';
}

/** The button that asks to move (and the confirm dialog's button). */
export function moveButtonLabel(products: number): string {
  return `Move ${products} ${productsWord(products)}`;
}

/** The preview's heading. */
export function movePreviewHeading(to: InventoryMode): string {
  return `What moving to “${INVENTORY_MODE_WORDS[to].label}” changes`;
}

/** Why the mode is not simply saved, and what the preview shows. */
export function movePreviewIntro(products: number): string {
  return `${products} ${productsWord(products)} ${products === 1 ? 'is' : 'are'} assigned to Backorder, so changing the mode moves ${products === 1 ? 'it' : 'them'}: BigCommerce’s inventory settings of each item become those below. Backorder’s own numbers — stock, backordered units, thresholds, statuses — do not change.`;
}

/** The empty state: the products were unassigned since they were counted. */
export const MOVE_PREVIEW_EMPTY = {
  heading: 'No assigned items',
  message: 'No item is assigned to Backorder any more: the mode can be saved as it is.',
} as const;

/** An item of the preview by its SKU, or by its ids when it has none. */
export function previewItemName(
  item: Pick<ModeMovePreviewItem, 'sku' | 'product_id' | 'variant_id'>,
): string {
  if (item.sku !== null && item.sku !== '') return item.sku;
  return item.variant_id === null
    ? `Product ${item.product_id} (no SKU)`
    : `Product ${item.product_id}, variant ${item.variant_id} (no SKU)`;
}

/** What BigCommerce will hold for an item once it is moved to `to`, in words. */
export function bigCommerceHoldsWords(to: InventoryMode, target: ModeMoveTarget): string {
  if (target.inventory_tracking === 'none') {
    return 'Inventory tracking off: Backorder keeps the stock and disables purchase when needed.';
  }
  const level = target.inventory_level ?? 0;
  if (to !== 'native') {
    return `Inventory tracking on, stock level ${level} (the units still sellable).`;
  }
  const limit = target.unlimited_backorder
    ? 'backorders unlimited'
    : `backorder limit ${target.backorder_limit ?? 0}`;
  return `Inventory tracking on, ${level} on hand, ${target.qty_backordered ?? 0} backordered, ${limit}, safety stock ${target.safety_stock ?? 0}.`;
}

/** The confirm dialog's header. */
export function moveConfirmHeader(to: InventoryMode): string {
  return `Move to “${INVENTORY_MODE_WORDS[to].label}”?`;
}

/** What happens once the merchant confirms, a paragraph each. */
export function moveConfirmSentences(to: InventoryMode, products: number): readonly string[] {
  return [
    `The store switches to “${INVENTORY_MODE_WORDS[to].label}” now. Backorder then moves the ${products} ${productsWord(products)} 10 at a time: each product is closed to shoppers for a moment while its counts in BigCommerce are written, then opened again as its status says, so nothing is oversold on the way.`,
    'Backorder’s numbers — stock, backordered units, thresholds, statuses — do not change. You can leave this page: the move goes on, and its progress is shown here when you come back.',
  ];
}

/** Said beside the modes while a move runs. */
export const MOVE_RUNNING_NOTE = 'Another mode can be chosen once the move has finished.';

export interface MoveProgressWords {
  readonly heading: string;
  readonly summary: string;
  /** 0 to 100. */
  readonly percent: number;
}

/** A move's progress (or how it ended) in words, with its percent done. */
export function moveProgress(
  move: Pick<ModeMove, 'to' | 'status' | 'total_products' | 'done_products'>,
): MoveProgressWords {
  const label = INVENTORY_MODE_WORDS[move.to].label;
  const total = move.total_products;
  const done = Math.min(move.done_products, total);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const of = `${done} of ${total} ${productsWord(total)}`;
  switch (move.status) {
    case 'running':
      return { heading: `Moving products to “${label}”`, summary: `${of} moved.`, percent };
    case 'done':
      return {
        heading: `Moved to “${label}”`,
        summary: `Done: ${total} ${productsWord(total)} moved. The store runs in “${label}”.`,
        percent: 100,
      };
    case 'failed':
      return {
        heading: `The move to “${label}” stopped`,
        summary: `The move stopped after ${of}.`,
        percent,
      };
  }
}

/** What BigCommerce refused on the way, or null when nothing was. */
export function moveProblemsSentence(problems: string | null): string | null {
  return problems === null || problems.trim() === '' ? null : `BigCommerce refused some changes: ${problems}`;
}
