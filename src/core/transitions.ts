import { REFUSAL_CODES, type RefusalCode } from './codes.js';
import type { Effect } from './decision.js';
import type { EventKind } from './events.js';
import type { Block, Status } from './item.js';

/**
 * The backorder rules written as data. `decide` (decide.ts) reads these tables; docs/state-machine.md is
 * generated from them (scripts/generate-state-machine-doc.ts), so the documentation cannot drift from
 * the code. Every rule of docs/product.md#rules has an id (R1…) that names its tests.
 */

export type BlockKey = Block | 'none';
export const BLOCK_KEYS = ['none', 'threshold', 'date', 'manual'] as const satisfies readonly BlockKey[];

/** What an event does to the block it finds, before the automatic rules run. */
export type BlockRule =
  | { readonly action: 'keep' }
  | { readonly action: 'clear' }
  | { readonly action: 'set'; readonly block: Block }
  | { readonly action: 'refuse'; readonly code: RefusalCode }
  /** `edited` only: clear when the edit came from an import or the API and wrote the date. */
  | { readonly action: 'clearWhenDateImported' };

/** One line per event, for the generated documentation. */
export const EVENT_DOCS: Record<EventKind, string> = {
  assigned: 'Product assigned: stock copied from BigCommerce, threshold / incoming / date from the template.',
  sold: 'An order line of q units placed: stock −q, B +b (R8).',
  returned: 'A cancelled or refunded line gives back: stock +q, B −b if in the same episode (R9).',
  edited: 'Stock, T, I or D written by the merchant (`admin`), an import (`import`) or the API (`api`).',
  synced: 'A new inventory level found in BigCommerce (ERP or person) becomes stock.',
  received: 'Incoming units arrived: incoming −q, stock +q (R14).',
  dayStarted: 'A new store-local day began (scheduler): the date rule is checked.',
  enabled: 'The merchant’s “enable backorder” toggle.',
  disabled: 'The merchant’s “disable backorder” toggle.',
  reevaluated: 'The switch condition S changed: status is derived again.',
  unassigned: 'Product unassigned: tracking stops, purchase disabled, ledger closed at 0.',
};

const keep = { action: 'keep' } as const;
const clear = { action: 'clear' } as const;
const manual = { action: 'set', block: 'manual' } as const;
const keepAll = { none: keep, threshold: keep, date: keep, manual: keep } as const;

/**
 * Block transitions: (event × block found) → what happens to the block. After this, the automatic
 * rules below run and may set or clear blocks; `enabled` is refused when they would block again.
 */
export const BLOCK_TRANSITIONS: Record<EventKind, Record<BlockKey, BlockRule>> = {
  assigned: keepAll, // only ever applied to an unassigned item, which has no block
  sold: keepAll,
  returned: keepAll,
  edited: { none: keep, threshold: keep, date: { action: 'clearWhenDateImported' }, manual: keep },
  synced: keepAll,
  received: keepAll,
  dayStarted: keepAll,
  enabled: {
    none: { action: 'refuse', code: REFUSAL_CODES.alreadyEnabled },
    threshold: clear,
    date: clear,
    manual: clear,
  },
  disabled: {
    none: manual,
    threshold: manual,
    date: manual,
    manual: { action: 'refuse', code: REFUSAL_CODES.alreadyDisabled },
  },
  reevaluated: keepAll,
  unassigned: { none: clear, threshold: clear, date: clear, manual: clear },
};

/** What the automatic rules may look at: the numbers after the event and the store's today. */
export interface RuleFacts {
  readonly stock: number;
  readonly switchCondition: number;
  readonly backordered: number;
  readonly threshold: number | null;
  readonly block: Block | null;
  readonly backInStockDate: string | null;
  /** Store-local date now. */
  readonly today: string;
  /** Status before the event. */
  readonly previousStatus: Status | null;
}

export interface AutomaticRule {
  readonly id: string;
  readonly name: string;
  readonly when: string;
  readonly outcome: string;
  readonly applies: (f: RuleFacts) => boolean;
  /** The block the rule leaves (undefined = block unchanged). */
  readonly block?: (f: RuleFacts) => Block | null;
  readonly resetsBackordered?: boolean;
  readonly startsEpisode?: boolean;
}

/** Evaluated in this order after every event except unassignment. */
export const AUTOMATIC_RULES: readonly AutomaticRule[] = [
  {
    id: 'R4',
    name: 'episode ends',
    when: 'stock > S',
    outcome: 'B := 0; a threshold block is cleared',
    applies: (f) => f.stock > f.switchCondition,
    block: (f) => (f.block === 'threshold' ? null : f.block),
    resetsBackordered: true,
  },
  {
    id: 'R5',
    name: 'episode starts',
    when: 'stock ≤ S and the item was in stock before (or is just assigned)',
    outcome: 'episode := episode + 1',
    applies: (f) =>
      f.stock <= f.switchCondition && (f.previousStatus === 'in_stock' || f.previousStatus === null),
    startsEpisode: true,
  },
  {
    id: 'R6',
    name: 'back-in-stock date reached',
    when: 'D is set, store-local today ≥ D, and no manual or date block',
    outcome: 'block := date (replaces a threshold block)',
    applies: (f) =>
      f.backInStockDate !== null &&
      f.today >= f.backInStockDate &&
      f.block !== 'manual' &&
      f.block !== 'date',
    block: () => 'date',
  },
  {
    id: 'R7',
    name: 'threshold reached',
    when: 'stock ≤ S, T is set, B ≥ T and no block',
    outcome: 'block := threshold',
    applies: (f) =>
      f.stock <= f.switchCondition &&
      f.threshold !== null &&
      f.backordered >= f.threshold &&
      f.block === null,
    block: () => 'threshold',
  },
];

/** Status derivation (R1–R3): first matching row wins. */
export const STATUS_RULES: readonly {
  readonly id: string;
  readonly when: string;
  readonly status: Status;
  readonly matches: (stock: number, switchCondition: number, block: Block | null) => boolean;
}[] = [
  { id: 'R1', when: 'stock > S', status: 'in_stock', matches: (stock, s) => stock > s },
  {
    id: 'R2',
    when: 'stock ≤ S and no block',
    status: 'backorder',
    matches: (_stock, _s, block) => block === null,
  },
  { id: 'R3', when: 'stock ≤ S and a block', status: 'unavailable', matches: () => true },
];

export type StatusKey = Status | 'unassigned';
export const STATUS_KEYS = [
  'unassigned',
  'in_stock',
  'backorder',
  'unavailable',
] as const satisfies readonly StatusKey[];

/** Stands for the block in a `notify` effect of the table; `decide` fills in the real block. */
const disabledNotice: Effect = { kind: 'notify', event: 'backorder_disabled', reason: null };
const enabledNotice: Effect = { kind: 'notify', event: 'backorder_enabled', reason: null };
const purchasable: Effect = { kind: 'setPurchasable', purchasable: true };
const notPurchasable: Effect = { kind: 'setPurchasable', purchasable: false };

/**
 * Effects of a status change (R13): (from × to) → effects. Purchasability is written to BigCommerce
 * only when it changes; assignment writes it once so BigCommerce matches the app from the start,
 * and unassignment always disables purchase (docs/product.md#unassignment).
 */
export const STATUS_EFFECTS: Record<StatusKey, Record<StatusKey, readonly Effect[]>> = {
  unassigned: {
    unassigned: [],
    in_stock: [purchasable],
    backorder: [purchasable, enabledNotice],
    unavailable: [notPurchasable],
  },
  in_stock: {
    unassigned: [notPurchasable],
    in_stock: [],
    backorder: [enabledNotice],
    unavailable: [notPurchasable, disabledNotice],
  },
  backorder: {
    unassigned: [notPurchasable],
    in_stock: [],
    backorder: [],
    unavailable: [notPurchasable, disabledNotice],
  },
  unavailable: {
    unassigned: [notPurchasable],
    in_stock: [purchasable],
    backorder: [purchasable, enabledNotice],
    unavailable: [],
  },
};

/** Which block a refused manual enable would hit again (R10), and the code it answers with. */
export const REBLOCK_REFUSALS: Record<Block, RefusalCode | null> = {
  threshold: REFUSAL_CODES.thresholdReached,
  date: REFUSAL_CODES.datePassed,
  manual: null, // enabling clears the manual block; nothing sets it again automatically
};
