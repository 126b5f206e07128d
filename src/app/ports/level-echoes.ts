import type { StoreId } from './store-id.js';

/**
 * The level writes the app sent to BigCommerce (cap-at-checkout mode), remembered for a while so that
 * the inventory webhook each one causes — the same method and value — is recognised as the app's own
 * echo and not taken as someone else's stock movement or an ERP's new level. A webhook carries no mark of who
 * made the change (webhooks.v3.yml), so the app keeps its own record.
 */
export interface LevelEchoes {
  /** Remembers changes about to be sent (before sending: the webhook may come back before the answer). */
  expect(storeId: StoreId, changes: readonly LevelEcho[], at: Date): Promise<void>;
  /**
   * Takes one remembered write of the item with exactly this method and value, sent since `since`: true when there was
   * one (the webhook is the app's own), false otherwise. Each remembered change is taken once.
   */
  take(storeId: StoreId, echo: LevelEcho, since: Date): Promise<boolean>;
  /** Forgets changes remembered before `before` (their webhook never came, or came and was taken). */
  forgetOlderThan(storeId: StoreId, before: Date): Promise<number>;
}

export interface LevelEcho {
  readonly itemId: number;
  /** `relative`: `value` is the change; `absolute`: `value` is the level written (as the webhook says). */
  readonly method: 'relative' | 'absolute';
  readonly value: number;
}
