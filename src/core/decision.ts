import type { Block, Item, Status } from './item.js';

/** Why a stock movement happened; the ledger's `kind` column. */
export type MovementKind =
  | 'assignment'
  | 'sale'
  | 'return'
  | 'set'
  | 'sync'
  | 'receive'
  /** B reset to 0 when stock rose above S without a stock movement of its own (S changed). */
  | 'episode_end'
  | 'unassignment';

/** A stock movement: one ledger row. `stock` after the movement = stock before + delta. */
export interface Movement {
  readonly kind: MovementKind;
  readonly delta: number;
  /**
   * Change of B: +b of a sale, −b given back by a return, −B when the movement ends the episode (R4), so
   * that B = Σ backorderedDelta over the item's ledger.
   */
  readonly backorderedDelta: number;
}

export type NotificationEvent = 'backorder_enabled' | 'backorder_disabled';

/** What a change asks the world to do. The shell persists these and delivers them. */
export type Effect =
  /** Tell the merchant (grouped per store by the shell). */
  | { readonly kind: 'notify'; readonly event: NotificationEvent; readonly reason: Block | null }
  /** Write purchasability to BigCommerce (availability or purchasing_disabled). */
  | { readonly kind: 'setPurchasable'; readonly purchasable: boolean };

/** The shopper-visible state before and after; `null` = not assigned. */
export interface StatusView {
  readonly status: Status | null;
  readonly block: Block | null;
}

/** The outcome of applying one event to one item. */
export interface Decision {
  /** The item after the event; null once unassigned. */
  readonly item: Item | null;
  readonly from: StatusView;
  readonly to: StatusView;
  /** The stock movement to append to the ledger; null when stock did not move. */
  readonly movement: Movement | null;
  /**
   * b: the units of a sale that were backorders (0 for any other event). What the sale's order line
   * records; the movement's backordered delta may differ when the same change also ended the episode.
   */
  readonly backorderedUnits: number;
  /** The episode the movement belongs to (a sale records it, so a later give-back can check it). */
  readonly episode: number;
  /** True when status or block changed: append a transition-log row. */
  readonly changed: boolean;
  /** Human-readable cause of the transition, from the rules (e.g. `threshold reached`). */
  readonly reason: string;
  readonly effects: readonly Effect[];
}
