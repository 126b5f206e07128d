import type { LocalDate } from './item.js';

/** Who asked for a change; recorded in the ledger and the transition log. */
export type Source = 'admin' | 'import' | 'api' | 'bigcommerce' | 'order' | 'scheduler' | 'system';

/**
 * Everything that can happen to an item (docs/product.md#events).
 * Each event is applied by `decide` (decide.ts); the block changes it makes are data in transitions.ts.
 */
export type ItemEvent =
  /** The product was assigned: stock copied from BigCommerce, stock defaults from the template. */
  | {
      readonly kind: 'assigned';
      readonly stock: number;
      readonly threshold: number | null;
      readonly incoming: number;
      readonly backInStockDate: LocalDate | null;
      /** The episode counter the item had when it was last unassigned (0 for a first assignment), so
       * episodes stay increasing per item and a give-back from before the re-assignment cannot match. */
      readonly lastEpisode?: number;
    }
  /** An order line of `quantity` units was placed. */
  | { readonly kind: 'sold'; readonly quantity: number }
  /**
   * A cancelled or refunded order line gives its units back (only when the store setting is on;
   * the shell decides that). `backordered` and `episode` are what the sale recorded.
   */
  | {
      readonly kind: 'returned';
      readonly quantity: number;
      readonly backordered: number;
      readonly episode: number;
    }
  /** The merchant, an import row or the API edited any of the item's numbers. */
  | {
      readonly kind: 'edited';
      readonly source: 'admin' | 'import' | 'api';
      readonly stock?: number;
      readonly threshold?: number | null;
      readonly incoming?: number;
      readonly backInStockDate?: LocalDate | null;
    }
  /** Someone else (an ERP, a person) wrote a new inventory level in BigCommerce; it becomes stock. */
  | { readonly kind: 'synced'; readonly stock: number }
  /** Incoming units arrived: moved from incoming into stock. */
  | { readonly kind: 'received'; readonly quantity: number }
  /** A new store-local day began (the scheduler), or anything else asks for the date check. */
  | { readonly kind: 'dayStarted' }
  /** The merchant's "enable backorder" toggle. */
  | { readonly kind: 'enabled' }
  /** The merchant's "disable backorder" toggle. */
  | { readonly kind: 'disabled' }
  /** A store setting the rules read (the switch condition) changed: re-evaluate. */
  | { readonly kind: 'reevaluated' }
  /** The product was unassigned: the app stops tracking it and purchase is disabled. */
  | { readonly kind: 'unassigned' };

export type EventKind = ItemEvent['kind'];

/** One key per event kind, in the documented order: a kind added to `ItemEvent` but missing here does not compile. */
const EVENT_KIND_KEYS: Record<EventKind, true> = {
  assigned: true,
  sold: true,
  returned: true,
  edited: true,
  synced: true,
  received: true,
  dayStarted: true,
  enabled: true,
  disabled: true,
  reevaluated: true,
  unassigned: true,
};

export const EVENT_KINDS: readonly EventKind[] = Object.keys(EVENT_KIND_KEYS) as EventKind[];
