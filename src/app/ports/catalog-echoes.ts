import type { StoreId } from './store-id.js';

/**
 * The product writes the app sent to BigCommerce, remembered for a while so that the
 * `store/product/updated` webhook each one causes is recognised as the app's own echo and not re-read
 * (issue 12: a 50,000-product assignment re-read every product it wrote, one GET each). The webhook
 * carries only the product's id — no mark of who changed it, no list of what changed (webhooks.v3.yml) —
 * so the app keeps its own record: one entry per product write request, taken by one webhook.
 */
export interface CatalogEchoes {
  /** Remembers product writes about to be sent (before sending: the webhook may come back before the answer). */
  expect(storeId: StoreId, bcProductIds: readonly number[], at: Date): Promise<void>;
  /**
   * Takes one remembered write of the product sent since `since`: true when there was one (the webhook is
   * the app's own), false otherwise. Each remembered write is taken once.
   */
  take(storeId: StoreId, bcProductId: number, since: Date): Promise<boolean>;
  /** Forgets writes remembered before `before` (their webhook never came, or came and was taken). */
  forgetOlderThan(storeId: StoreId, before: Date): Promise<number>;
}
