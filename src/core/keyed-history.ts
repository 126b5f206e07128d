import { type DecideResult, decide } from './decide.js';
import type { ItemEvent } from './events.js';
import type { Item, StoreRules } from './item.js';

/**
 * Idempotent application, stated purely: an event carrying an idempotency key that was already
 * applied changes nothing. The database enforces the same with a unique (store, key) index on the
 * ledger; the storage contract suite checks both agree.
 */
export interface KeyedHistory {
  readonly item: Item | null;
  readonly appliedKeys: ReadonlySet<string>;
}

export type KeyedOutcome =
  | { readonly kind: 'applied'; readonly history: KeyedHistory; readonly result: DecideResult }
  | { readonly kind: 'duplicate'; readonly history: KeyedHistory };

export function applyKeyed(
  history: KeyedHistory,
  key: string,
  event: ItemEvent,
  rules: StoreRules,
  now: Date,
): KeyedOutcome {
  if (history.appliedKeys.has(key)) return { kind: 'duplicate', history };
  const result = decide(history.item, event, rules, now);
  if (!result.ok) return { kind: 'applied', history, result };
  return {
    kind: 'applied',
    history: { item: result.decision.item, appliedKeys: new Set([...history.appliedKeys, key]) },
    result,
  };
}
