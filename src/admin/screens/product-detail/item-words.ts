import type { components } from '../../api/v1.js';

/** The product detail screen in words: an item's status and reason, and each history entry. */

type Item = components['schemas']['Item'];
type HistoryEntry = components['schemas']['ItemHistoryEntry'];
type Status = Item['status'];
type Block = NonNullable<Item['block']>;

export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  in_stock: 'In stock',
  backorder: 'Backorder',
  unavailable: 'Unavailable',
};

export const STATUS_BADGE: Readonly<Record<Status, 'success' | 'warning' | 'danger'>> = {
  in_stock: 'success',
  backorder: 'warning',
  unavailable: 'danger',
};

const BLOCK_WORDS: Readonly<Record<Block, string>> = {
  threshold: 'its backorder threshold is reached',
  date: 'its back-in-stock date is reached',
  manual: 'you switched backorder off',
};

/** Why the item shows what it shows, in a sentence. */
export function statusReason(
  item: Pick<Item, 'status' | 'block' | 'stock' | 'backordered' | 'threshold'>,
  switchCondition: number | null,
): string {
  const condition = switchCondition === null ? '' : ` (${switchCondition})`;
  switch (item.status) {
    case 'in_stock':
      return `Stock is above the switch condition${condition}: sold normally.`;
    case 'backorder':
      return item.threshold === null
        ? `Out of stock: sold as a backorder, with no limit on backordered units.`
        : `Out of stock: sold as a backorder, ${Math.max(0, item.threshold - item.backordered)} of ${item.threshold} units left to backorder.`;
    case 'unavailable':
      return `Out of stock and not for sale: ${item.block === null ? 'backorder is off' : BLOCK_WORDS[item.block]}.`;
  }
}

const MOVEMENT_WORDS: Readonly<Record<string, string>> = {
  assignment: 'Assigned: stock set',
  sale: 'Sold',
  return: 'Given back',
  set: 'Stock set',
  sync: 'Stock set from BigCommerce',
  receive: 'Incoming stock received',
  episode_end: 'Back in stock: backordered count reset',
  unassignment: 'Unassigned: stock set',
};

const REASON_WORDS: Readonly<Record<string, string>> = {
  assigned: 'assigned to Backorder',
  order_placed: 'an order was placed',
  order_returned: 'an order was cancelled or refunded',
  api_edit: 'changed through the API',
  admin_edit: 'changed in Backorder',
  import_edit: 'changed by an import',
  bigcommerce_sync: 'stock changed in BigCommerce',
  stock_received: 'incoming stock arrived',
  day_started: 'a new day began',
  enabled_by_merchant: 'you switched backorder on',
  disabled_by_merchant: 'you switched backorder off',
  switch_condition_changed: 'the switch condition changed',
  unassigned: 'unassigned',
  threshold_reached: 'the backorder threshold was reached',
  date_reached: 'the back-in-stock date was reached',
  episode_ended: 'back in stock',
  date_changed: 'the back-in-stock date changed',
};

const units = (n: number) => `${n} unit${Math.abs(n) === 1 ? '' : 's'}`;

/** `Sold 3 units, 2 backordered` / `In stock → Backorder: an order was placed`. */
export function historyWhat(entry: HistoryEntry): string {
  if (entry.movement !== null) {
    const m = entry.movement;
    const what = MOVEMENT_WORDS[m.kind] ?? m.kind;
    const quantity = m.kind === 'sale' ? -m.delta : m.delta;
    const amount =
      m.kind === 'episode_end'
        ? ''
        : m.kind === 'sale' || m.kind === 'return' || m.kind === 'receive'
          ? ` ${units(quantity)}`
          : ` to ${m.stock_after} (${signed(m.delta)})`;
    const backordered =
      m.backordered_delta > 0
        ? `, ${m.backordered_delta} backordered`
        : m.backordered_delta === 0 || m.kind === 'episode_end'
          ? ''
          : m.kind === 'return'
            ? `, ${-m.backordered_delta} backordered given back`
            : ', back in stock: backordered count reset';
    return `${what}${amount}${backordered}`;
  }
  const t = entry.transition!;
  const from = t.from.status === null ? 'Not assigned' : STATUS_WORDS[t.from.status];
  const to = t.to.status === null ? 'Not assigned' : STATUS_WORDS[t.to.status];
  const reason = REASON_WORDS[t.reason] ?? t.reason.replaceAll('_', ' ');
  return from === to ? `${to}: ${reason}` : `${from} → ${to}: ${reason}`;
}

/** Stock and backordered after a movement; nothing for a transition. */
export function historyNumbers(entry: HistoryEntry): string {
  if (entry.movement === null) return '';
  return `Stock ${entry.movement.stock_after}, backordered ${entry.movement.backordered_after}`;
}

const CAUSE_WORDS: Readonly<Record<HistoryEntry['cause']['type'], string>> = {
  order_line: 'Order',
  import_row: 'Import',
  api_request: 'API request',
  admin_action: 'Backorder admin',
  bigcommerce_webhook: 'Change in BigCommerce',
  bigcommerce_sync: 'Sync from BigCommerce',
  scheduler: 'Daily date check',
  settings_change: 'Settings change',
  assignment: 'Assignment',
};

/** `Order #123`, `API request`, … */
export function historyCause(entry: HistoryEntry): string {
  if (entry.cause.type === 'order_line' && entry.cause.order_id !== null)
    return `Order #${entry.cause.order_id}`;
  return CAUSE_WORDS[entry.cause.type];
}

/** Who, in words: `you (ops@example.com)`, `API key bo_12ab…`, `Backorder`, `BigCommerce`. */
export function actorWords(actor: string): string {
  if (actor.startsWith('admin:')) return actor.slice('admin:'.length);
  if (actor.startsWith('api-key:')) return `API key ${actor.slice('api-key:'.length)}…`;
  if (actor === 'system') return 'Backorder';
  if (actor === 'bigcommerce') return 'BigCommerce';
  return actor;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Whole units of 1 or more as typed, or null. */
export function parseUnits(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= 2_147_483_647 ? value : null;
}
