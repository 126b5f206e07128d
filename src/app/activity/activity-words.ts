import type { Block, Status } from '../../core/item.js';
import type { ActivityEntry } from '../ports/activity-log.js';
import type { CauseType } from '../ports/item-transactions.js';
import { orderIdOfCause } from './activity-cause.js';

/**
 * The history in the plain words the Activity screen uses (src/admin/screens/activity/activity-words.ts),
 * for files the merchant takes away (the activity export). The admin app is a client of the API and
 * cannot share this module, so the two are held to the same sentences by
 * test/app/activity/activity-words.test.ts.
 */

const STATUS_WORDS: Readonly<Record<Status, string>> = {
  in_stock: 'In stock',
  backorder: 'Backorder',
  unavailable: 'Unavailable',
};

const BLOCK_WORDS: Readonly<Record<Block, string>> = {
  threshold: 'Threshold reached',
  date: 'Back-in-stock date reached',
  manual: 'Switched off by you',
};

const CAUSE_WORDS: Readonly<Record<CauseType, string>> = {
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

/** Why a status or block changed, by the transition's reason code. */
const REASON_SENTENCES: Readonly<Record<string, string>> = {
  assigned: 'the product was assigned',
  unassigned: 'the product was unassigned',
  order_placed: 'an order was placed',
  order_returned: 'an order was cancelled or refunded',
  threshold_reached: 'the backorder threshold was reached',
  date_reached: 'the back-in-stock date was reached',
  disabled_by_merchant: 'backorder was switched off by hand',
  enabled_by_merchant: 'backorder was switched on by hand',
  episode_ended: 'stock rose above the switch condition',
  date_changed: 'the back-in-stock date changed',
  api_edit: 'the stock or limits were changed through the API',
  admin_edit: 'the stock or limits were changed in Backorder',
  import_edit: 'the stock or limits were changed by an import',
  bigcommerce_sync: 'the inventory level changed in BigCommerce',
  stock_received: 'incoming stock was received',
  day_started: 'a new day started',
  switch_condition_changed: 'the switch condition changed',
};

function reasonSentence(reason: string): string {
  return REASON_SENTENCES[reason] ?? reason.replaceAll('_', ' ');
}

function statusWords(view: { readonly status: Status | null; readonly block: Block | null }): string {
  if (view.status === null) return 'Not assigned';
  const words = STATUS_WORDS[view.status];
  return view.block === null || view.status !== 'unavailable'
    ? words
    : `${words} (${BLOCK_WORDS[view.block].toLowerCase()})`;
}

const units = (n: number) => `${n} unit${Math.abs(n) === 1 ? '' : 's'}`;
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** What happened, in one sentence: `Order #123 sold 2 units, 1 backordered`, `In stock → Backorder: …`. */
export function describeActivity(entry: ActivityEntry): string {
  if (entry.kind === 'transition') {
    const { from, to, reason } = entry.transition;
    // A block set or lifted while the item is in stock or in backorder does not change what shoppers see.
    const change =
      statusWords(from) !== statusWords(to)
        ? `${statusWords(from)} → ${statusWords(to)}`
        : `${statusWords(to)}, backorder ${to.block === null ? 'allowed again' : 'blocked'}`;
    return `${change}: ${reasonSentence(reason)}`;
  }
  const { movement } = entry;
  const orderId = orderIdOfCause(entry);
  const order = orderId === null ? null : `Order #${orderId}`;
  const stock = `stock ${movement.stockAfter}`;
  switch (movement.kind) {
    case 'sale': {
      const sold = `${order ?? 'An order'} sold ${units(-movement.delta)}`;
      return movement.backorderedDelta > 0 ? `${sold}, ${movement.backorderedDelta} backordered` : sold;
    }
    case 'return': {
      const back = `${order ?? 'An order'} gave back ${units(movement.delta)}`;
      return movement.backorderedDelta < 0
        ? `${back}, ${-movement.backorderedDelta} of them backordered`
        : back;
    }
    case 'set':
      return `Stock set to ${movement.stockAfter} (${signed(movement.delta)})`;
    case 'sync':
      return `BigCommerce inventory level taken: ${stock} (${signed(movement.delta)})`;
    case 'receive':
      return `Received ${units(movement.delta)} of incoming stock: ${stock}`;
    case 'assignment':
      return `Assigned with ${units(movement.delta)} in stock`;
    case 'unassignment':
      return 'Unassigned: stock and backorders closed at 0';
    case 'episode_end':
      return `Back in stock: ${units(-movement.backorderedDelta)} no longer count as backordered`;
  }
}

/** What caused it: `Order #123`, `API request`, `Daily date check`. */
export function causeWords(entry: Pick<ActivityEntry, 'causeType' | 'causeRef'>): string {
  const orderId = orderIdOfCause(entry);
  if (orderId !== null) return `Order #${orderId}`;
  return CAUSE_WORDS[entry.causeType] ?? entry.causeType.replaceAll('_', ' ');
}

/** Who: `BigCommerce`, `Backorder`, the merchant's email, `API key abc…`. */
export function actorWords(actor: string): string {
  if (actor === 'bigcommerce') return 'BigCommerce';
  if (actor === 'system') return 'Backorder';
  if (actor.startsWith('admin:')) return actor.slice('admin:'.length);
  if (actor.startsWith('api-key:')) return `API key ${actor.slice('api-key:'.length)}…`;
  return actor;
}
