import { backorderedUnits } from './backordered-units.js';
import { REFUSAL_CODES, type RefusalCode } from './codes.js';
import type { Decision, Effect, Movement, MovementKind, StatusView } from './decision.js';
import type { ItemEvent } from './events.js';
import {
  type Block,
  type Item,
  MAX_UNITS,
  type Refusal,
  type Result,
  refuse,
  type StoreRules,
} from './item.js';
import { isLocalDate, isTimeZone, localDateAt } from './local-date.js';
import { statusOf } from './status.js';
import {
  AUTOMATIC_RULES,
  BLOCK_TRANSITIONS,
  type BlockRule,
  REBLOCK_REFUSALS,
  type RuleFacts,
  STATUS_EFFECTS,
} from './transitions.js';

export type DecideResult = Result<{ readonly decision: Decision }, RefusalCode>;

const UNASSIGNED: StatusView = { status: null, block: null };

/**
 * Applies one event to one item and says what follows: the new numbers, the stock movement for the
 * ledger, whether status or block changed (a transition-log row), and the effects to deliver.
 * Pure: `now` is only used to know the store-local date. A refusal changes nothing.
 */
export function decide(item: Item | null, event: ItemEvent, rules: StoreRules, now: Date): DecideResult {
  const rulesProblem = checkRules(rules);
  if (rulesProblem) return rulesProblem;
  const today = localDateAt(now, rules.timeZone);

  if (item === null) {
    return event.kind === 'assigned'
      ? assign(event, rules, today)
      : refuse(REFUSAL_CODES.notAssigned, 'The item is not assigned to Backorder.');
  }
  if (event.kind === 'assigned') {
    return refuse(REFUSAL_CODES.alreadyAssigned, 'The item is already assigned to Backorder.');
  }
  if (event.kind === 'unassigned') return unassign(item);

  const changed = applyNumbers(item, event, rules);
  if (!changed.ok) return changed;
  const outOfRange = checkRange(item, changed.next);
  if (outOfRange) return outOfRange;

  const ruled = applyBlockRule(BLOCK_TRANSITIONS[event.kind][item.block ?? 'none'], item.block, event);
  if (!ruled.ok) return ruled;

  const settled = applyAutomaticRules({ ...changed.next, block: ruled.block }, rules, today, item.status);
  if (event.kind === 'enabled' && settled.item.block !== null) {
    const code = REBLOCK_REFUSALS[settled.item.block];
    if (code !== null) return refuse(code, reblockMessage(settled.item.block));
  }

  const reason =
    settled.blockReason ?? (ruled.block !== item.block ? blockChangeReason(event) : eventReason(event));
  const movement = withEpisodeEnd(changed.movement, changed.next.backordered - settled.item.backordered);
  const sold = event.kind === 'sold' ? (changed.movement?.backorderedDelta ?? 0) : 0;
  return { ok: true, decision: decisionFor(item, settled.item, movement, reason, sold) };
}

/**
 * R4 resets B when an episode ends. The reset is part of the event's movement (its cause is the event's),
 * so the ledger's backordered deltas always add up to B; with no stock movement it is a row of its own.
 */
function withEpisodeEnd(movement: Movement | null, reset: number): Movement | null {
  if (reset === 0) return movement;
  if (movement === null) return { kind: 'episode_end', delta: 0, backorderedDelta: 0 - reset };
  return { ...movement, backorderedDelta: movement.backorderedDelta - reset };
}

function assign(
  event: Extract<ItemEvent, { kind: 'assigned' }>,
  rules: StoreRules,
  today: string,
): DecideResult {
  const invalid =
    checkStock(event.stock) ??
    checkThreshold(event.threshold) ??
    checkIncoming(event.incoming) ??
    checkDate(event.backInStockDate);
  if (invalid) return invalid;
  const fresh: Item = {
    stock: event.stock,
    threshold: event.threshold,
    backordered: 0,
    incoming: event.incoming,
    backInStockDate: event.backInStockDate,
    block: null,
    status: 'in_stock', // replaced below by the derived status
    episode: event.lastEpisode ?? 0,
  };
  const settled = applyAutomaticRules(fresh, rules, today, null);
  const movement =
    event.stock === 0 ? null : { kind: 'assignment' as const, delta: event.stock, backorderedDelta: 0 };
  return { ok: true, decision: decisionFor(null, settled.item, movement, 'assigned') };
}

function unassign(item: Item): DecideResult {
  // (`0 - x` rather than `-x`: no −0 in the ledger.)
  // The ledger gives the stock back to zero so that, per item, stock = Σ movements always holds;
  // the numbers at unassignment stay readable in that ledger row (and in the emailed CSV).
  const movement: Movement | null =
    item.stock === 0 && item.backordered === 0
      ? null
      : { kind: 'unassignment', delta: 0 - item.stock, backorderedDelta: 0 - item.backordered };
  const decision: Decision = {
    item: null,
    from: { status: item.status, block: item.block },
    to: UNASSIGNED,
    movement,
    backorderedUnits: 0,
    episode: item.episode,
    changed: true,
    reason: 'unassigned',
    effects: STATUS_EFFECTS[item.status].unassigned,
  };
  return { ok: true, decision };
}

type NumbersResult = Result<{ readonly next: Item; readonly movement: Movement | null }, RefusalCode>;

/** The event's own arithmetic on stock, B, I, T and D (before any block rule). */
function applyNumbers(
  item: Item,
  event: Exclude<ItemEvent, { kind: 'assigned' | 'unassigned' }>,
  rules: StoreRules,
): NumbersResult {
  switch (event.kind) {
    case 'sold': {
      const invalid = checkQuantity(event.quantity);
      if (invalid) return invalid;
      return { ok: true, ...sale(item, event.quantity, rules.switchCondition) };
    }
    case 'returned': {
      const invalid =
        checkQuantity(event.quantity) ??
        (isCount(event.backordered) && Number.isSafeInteger(event.episode)
          ? null
          : refuse(
              REFUSAL_CODES.invalidQuantity,
              'A give-back needs the sale’s backordered units and episode.',
            ));
      if (invalid) return invalid;
      // R9: a give-back only reduces B within the episode of its sale; an ended episode already reset B.
      const givenBack = event.episode === item.episode ? Math.min(event.backordered, item.backordered) : 0;
      return {
        ok: true,
        next: { ...item, stock: item.stock + event.quantity, backordered: item.backordered - givenBack },
        movement: { kind: 'return', delta: event.quantity, backorderedDelta: 0 - givenBack },
      };
    }
    case 'edited': {
      const invalid =
        (event.stock === undefined ? null : checkStock(event.stock)) ??
        (event.threshold === undefined ? null : checkThreshold(event.threshold)) ??
        (event.incoming === undefined ? null : checkIncoming(event.incoming)) ??
        (event.backInStockDate === undefined ? null : checkDate(event.backInStockDate));
      if (invalid) return invalid;
      const next: Item = {
        ...item,
        stock: event.stock ?? item.stock,
        threshold: event.threshold === undefined ? item.threshold : event.threshold,
        incoming: event.incoming ?? item.incoming,
        backInStockDate: event.backInStockDate === undefined ? item.backInStockDate : event.backInStockDate,
      };
      return { ok: true, next, movement: stockSet(item, next.stock, 'set') };
    }
    case 'synced': {
      const invalid = checkStock(event.stock);
      if (invalid) return invalid;
      return {
        ok: true,
        next: { ...item, stock: event.stock },
        movement: stockSet(item, event.stock, 'sync'),
      };
    }
    case 'received': {
      const invalid = checkQuantity(event.quantity);
      if (invalid) return invalid;
      if (event.quantity > item.incoming) {
        return refuse(
          REFUSAL_CODES.receiveExceedsIncoming,
          `Cannot receive ${event.quantity} units: only ${item.incoming} are incoming. Set the stock instead.`,
        );
      }
      return {
        ok: true,
        next: { ...item, stock: item.stock + event.quantity, incoming: item.incoming - event.quantity },
        movement: { kind: 'receive', delta: event.quantity, backorderedDelta: 0 },
      };
    }
    case 'dayStarted':
    case 'enabled':
    case 'disabled':
    case 'reevaluated':
      return { ok: true, next: item, movement: null };
  }
}

function sale(item: Item, quantity: number, switchCondition: number): { next: Item; movement: Movement } {
  const b = backorderedUnits(switchCondition, item.stock, quantity);
  return {
    next: { ...item, stock: item.stock - quantity, backordered: item.backordered + b },
    movement: { kind: 'sale', delta: -quantity, backorderedDelta: b },
  };
}

function stockSet(item: Item, stock: number, kind: MovementKind): Movement | null {
  return stock === item.stock ? null : { kind, delta: stock - item.stock, backorderedDelta: 0 };
}

type BlockResult = Result<{ readonly block: Block | null }, RefusalCode>;

function applyBlockRule(rule: BlockRule, block: Block | null, event: ItemEvent): BlockResult {
  switch (rule.action) {
    case 'keep':
      return { ok: true, block };
    case 'clear':
      return { ok: true, block: null };
    case 'set':
      return { ok: true, block: rule.block };
    case 'refuse':
      return refuse(rule.code, refusalMessage(rule.code));
    case 'clearWhenDateImported': {
      // R12: an import or the API writing the date lifts a date block; the date rule (R6) puts it
      // back at once if the new date is already reached. A merchant's edit needs a manual enable.
      const imported =
        event.kind === 'edited' && event.source !== 'admin' && event.backInStockDate !== undefined;
      return { ok: true, block: imported ? null : block };
    }
  }
}

interface Settled {
  readonly item: Item;
  /** Set when an automatic rule set a block: the reason of the transition. */
  readonly blockReason: string | null;
}

/** Runs the automatic rules (R4–R7) in table order and derives the status (R1–R3). */
function applyAutomaticRules(
  candidate: Item,
  rules: StoreRules,
  today: string,
  previousStatus: Item['status'] | null,
): Settled {
  let item = candidate;
  let blockReason: string | null = null;
  for (const rule of AUTOMATIC_RULES) {
    const facts: RuleFacts = {
      stock: item.stock,
      switchCondition: rules.switchCondition,
      backordered: item.backordered,
      threshold: item.threshold,
      block: item.block,
      backInStockDate: item.backInStockDate,
      today,
      previousStatus,
    };
    if (!rule.applies(facts)) continue;
    const block = rule.block ? rule.block(facts) : item.block;
    if (block !== null && block !== item.block) blockReason = BLOCK_SET_REASONS[block];
    if (block === null && item.block !== null && blockReason === null) blockReason = 'episode_ended';
    item = {
      ...item,
      block,
      backordered: rule.resetsBackordered ? 0 : item.backordered,
      episode: rule.startsEpisode ? item.episode + 1 : item.episode,
    };
  }
  return { item: { ...item, status: statusOf(item, rules.switchCondition) }, blockReason };
}

function decisionFor(
  before: Item | null,
  after: Item,
  movement: Movement | null,
  reason: string,
  backorderedUnits = 0,
): Decision {
  const from: StatusView = before === null ? UNASSIGNED : { status: before.status, block: before.block };
  const to: StatusView = { status: after.status, block: after.block };
  const effects = STATUS_EFFECTS[from.status ?? 'unassigned'][after.status].map(
    (e): Effect =>
      e.kind === 'notify' && e.event === 'backorder_disabled' ? { ...e, reason: after.block } : e,
  );
  return {
    item: after,
    from,
    to,
    movement,
    backorderedUnits,
    episode: after.episode,
    changed: from.status !== to.status || from.block !== to.block,
    reason,
    effects,
  };
}

/**
 * R19: the event's arithmetic may not carry stock or B beyond MAX_UNITS (each input is within it).
 * Only a number the event changes is checked, so an item stored out of range by an older version can
 * still be set right, and its other events (a new day, a toggle) still apply.
 */
function checkRange(item: Item, next: Item): Refusal<RefusalCode> | null {
  if (Math.abs(next.stock) > MAX_UNITS && next.stock !== item.stock) {
    return refuse(
      REFUSAL_CODES.stockOutOfRange,
      `This change would take the stock to ${next.stock}, beyond the ±${MAX_UNITS} units an item can hold.`,
    );
  }
  if (next.backordered > MAX_UNITS && next.backordered !== item.backordered) {
    return refuse(
      REFUSAL_CODES.backorderedOutOfRange,
      `This sale would take the backordered units beyond the ${MAX_UNITS} an item can hold.`,
    );
  }
  return null;
}

function checkRules(rules: StoreRules): Refusal<RefusalCode> | null {
  if (!isCount(rules.switchCondition) || rules.switchCondition > MAX_UNITS) {
    return refuse(REFUSAL_CODES.invalidSwitchCondition, 'The switch condition must be a whole number ≥ 0.');
  }
  if (!isTimeZone(rules.timeZone)) {
    return refuse(REFUSAL_CODES.invalidTimeZone, `Unknown time zone: ${rules.timeZone}.`);
  }
  return null;
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function checkQuantity(quantity: number): Refusal<RefusalCode> | null {
  return Number.isSafeInteger(quantity) && quantity > 0 && quantity <= MAX_UNITS
    ? null
    : refuse(REFUSAL_CODES.invalidQuantity, 'A quantity must be a whole number greater than 0.');
}

function checkStock(stock: number): Refusal<RefusalCode> | null {
  return Number.isSafeInteger(stock) && Math.abs(stock) <= MAX_UNITS
    ? null
    : refuse(REFUSAL_CODES.invalidStock, 'Stock must be a whole number (it may be negative).');
}

function checkThreshold(threshold: number | null): Refusal<RefusalCode> | null {
  return threshold === null || (isCount(threshold) && threshold <= MAX_UNITS)
    ? null
    : refuse(
        REFUSAL_CODES.invalidThreshold,
        'The threshold must be empty (unlimited) or a whole number ≥ 0.',
      );
}

function checkIncoming(incoming: number): Refusal<RefusalCode> | null {
  return isCount(incoming) && incoming <= MAX_UNITS
    ? null
    : refuse(REFUSAL_CODES.invalidIncoming, 'Incoming stock must be a whole number ≥ 0.');
}

function checkDate(date: string | null): Refusal<RefusalCode> | null {
  return date === null || isLocalDate(date)
    ? null
    : refuse(
        REFUSAL_CODES.invalidDate,
        `The back-in-stock date must be a calendar date YYYY-MM-DD, not "${date}".`,
      );
}

const BLOCK_SET_REASONS: Record<Block, string> = {
  threshold: 'threshold_reached',
  date: 'date_reached',
  manual: 'disabled_by_merchant',
};

function blockChangeReason(event: ItemEvent): string {
  if (event.kind === 'enabled') return 'enabled_by_merchant';
  if (event.kind === 'disabled') return 'disabled_by_merchant';
  return 'date_changed';
}

function eventReason(event: ItemEvent): string {
  switch (event.kind) {
    case 'assigned':
      return 'assigned';
    case 'sold':
      return 'order_placed';
    case 'returned':
      return 'order_returned';
    case 'edited':
      return `${event.source}_edit`;
    case 'synced':
      return 'bigcommerce_sync';
    case 'received':
      return 'stock_received';
    case 'dayStarted':
      return 'day_started';
    case 'enabled':
      return 'enabled_by_merchant';
    case 'disabled':
      return 'disabled_by_merchant';
    case 'reevaluated':
      return 'switch_condition_changed';
    case 'unassigned':
      return 'unassigned';
  }
}

function refusalMessage(code: RefusalCode): string {
  switch (code) {
    case REFUSAL_CODES.alreadyEnabled:
      return 'Backorder is already enabled for this item.';
    case REFUSAL_CODES.alreadyDisabled:
      return 'Backorder is already disabled for this item.';
    default:
      return 'The change is not allowed.';
  }
}

function reblockMessage(block: Block): string {
  return block === 'threshold'
    ? 'Cannot enable backorder: the backorder threshold is already reached. Raise the threshold first.'
    : 'Cannot enable backorder: the back-in-stock date has passed. Set a later date or clear it first.';
}
