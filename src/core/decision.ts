import type { Block, Item, Status } from './item.js';

/** Why a stock movement happened; the ledger's `kind` column. */
export type MovementKind = 'assignment' | 'sale' | 'return' | 'set' | 'sync' | 'receive' | 'unassignment';

/** A stock movement: one ledger row. `stock` after the movement = stock before + delta. */
export interface Movement {
  readonly kind: MovementKind;
  readonly delta: number;
  /** Units of this movement that were backorders (b of a sale; −b given back by a return). */
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
  /** The episode the movement belongs to (a sale records it, so a later give-back can check it). */
  readonly episode: number;
  /** True when status or block changed: append a transition-log row. */
  readonly changed: boolean;
  /** Human-readable cause of the transition, from the rules (e.g. `threshold reached`). */
  readonly reason: string;
  readonly effects: readonly Effect[];
}
