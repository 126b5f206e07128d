import type { MovementKind } from '../../core/decision.js';
import type { Block, Status } from '../../core/item.js';
import type { ItemLabel } from './item-label.js';
import type { CauseType } from './item-transactions.js';
import type { StoreId } from './store-id.js';

/**
 * The store's history as the Activity screen reads it: the stock ledger and the transition log merged
 * into one list, newest first, each entry with the item it is about named (product, variant, SKU).
 */
export interface ActivityLog {
  /**
   * Up to `limit` entries matching every filter given, in `ACTIVITY_ORDER` (newest first), starting
   * after `after` when given.
   */
  listActivity(storeId: StoreId, query: ActivityQuery): Promise<ActivityEntry[]>;
}

export type ActivityKind = 'movement' | 'transition';

export const ACTIVITY_KINDS: readonly ActivityKind[] = ['movement', 'transition'];

/** Every cause a history row records, for filters (the type fails when CauseType gains one). */
export const CAUSE_TYPES = [
  'order_line',
  'import_row',
  'api_request',
  'admin_action',
  'bigcommerce_webhook',
  'bigcommerce_sync',
  'scheduler',
  'settings_change',
  'assignment',
] as const satisfies readonly CauseType[];
type MissingCause = Exclude<CauseType, (typeof CAUSE_TYPES)[number]>;
const everyCauseListed: MissingCause extends never ? true : false = true;
void everyCauseListed;

/** Every kind of stock movement the ledger records, for the API's schema. */
export const MOVEMENT_KINDS = [
  'assignment',
  'sale',
  'return',
  'set',
  'sync',
  'receive',
  'episode_end',
  'unassignment',
] as const satisfies readonly MovementKind[];
type MissingMovement = Exclude<MovementKind, (typeof MOVEMENT_KINDS)[number]>;
const everyMovementListed: MissingMovement extends never ? true : false = true;
void everyMovementListed;

export interface ActivityQuery {
  /** Only entries about the item with this SKU (among all the store's items, assigned or not). */
  readonly sku?: string;
  /** Only entries about items of this BigCommerce product. */
  readonly bcProductId?: number;
  readonly causeType?: CauseType;
  readonly kind?: ActivityKind;
  /** Entries at or after this instant. */
  readonly since?: Date;
  /** Entries strictly before this instant. */
  readonly until?: Date;
  /** Keyset paging: entries that come after this position in ACTIVITY_ORDER. */
  readonly after?: ActivityPosition;
  readonly limit: number;
}

/**
 * Where an entry stands in the list. The order is `at` descending, then the item event that wrote it
 * (a ledger row and a transition of one change share it), then the transition before the movement it
 * followed from, then the row id: a total order, so pages never skip or repeat an entry.
 */
export interface ActivityPosition {
  readonly at: Date;
  readonly eventId: number;
  readonly kind: ActivityKind;
  readonly id: number;
}

/** Within one change, the transition is listed above (newer than) the movement that caused it. */
export const KIND_RANK: Readonly<Record<ActivityKind, number>> = { movement: 0, transition: 1 };

/** Negative when `a` comes first (is newer) in the activity list. */
export function compareActivity(a: ActivityPosition, b: ActivityPosition): number {
  return (
    b.at.getTime() - a.at.getTime() ||
    b.eventId - a.eventId ||
    KIND_RANK[b.kind] - KIND_RANK[a.kind] ||
    b.id - a.id
  );
}

interface ActivityEntryBase extends ActivityPosition {
  readonly item: ItemLabel;
  readonly causeType: CauseType;
  readonly causeRef: string | null;
  readonly actor: string;
}

export interface MovementActivity extends ActivityEntryBase {
  readonly kind: 'movement';
  readonly movement: {
    readonly kind: MovementKind;
    readonly delta: number;
    readonly backorderedDelta: number;
    readonly stockAfter: number;
    readonly backorderedAfter: number;
  };
}

export interface TransitionActivity extends ActivityEntryBase {
  readonly kind: 'transition';
  readonly transition: {
    readonly from: { readonly status: Status | null; readonly block: Block | null };
    readonly to: { readonly status: Status | null; readonly block: Block | null };
    readonly reason: string;
  };
}

export type ActivityEntry = MovementActivity | TransitionActivity;
