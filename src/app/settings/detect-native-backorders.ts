import { type Refusal, refuse } from '../../core/item.js';
import { enqueue } from '../jobs/enqueue.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StoreId } from '../ports/store-id.js';
import { StoreNotConnectedError } from '../ports/store-not-connected.js';
import type { StoreRecord, StoreRepository } from '../ports/store-repository.js';
import type { StoreSetup } from '../ports/store-setup.js';

/**
 * Checks which of BigCommerce's inventory features the store uses — its native backorders (beta) and
 * its inventory locations — and records the answer on the store with the time of the check. Which
 * modes the merchant may choose follows from it (`native` needs native backorders on), and the
 * Settings screen shows it.
 *
 * Run by the `settings.detect-native` job (install, opening the app, an order line BigCommerce says is
 * backordered) and on demand from Settings. An outage is thrown (the job is retried); a store the app
 * cannot reach any more is a refusal, as there is nothing to check.
 */
export interface DetectNativeBackordersDeps {
  readonly storeSetup: Pick<StoreSetup, 'getInventoryFeatures'>;
  readonly stores: Pick<StoreRepository, 'recordInventoryFeatures'>;
  readonly clock: Clock;
}

export const DETECT_NATIVE_REFUSALS = {
  notConnected: 'STORE.NOT_CONNECTED',
  storeNotFound: 'STORE.NOT_FOUND',
} as const;

export type DetectNativeBackordersResult =
  | { readonly ok: true; readonly store: StoreRecord }
  | Refusal<(typeof DETECT_NATIVE_REFUSALS)[keyof typeof DETECT_NATIVE_REFUSALS]>;

export async function detectNativeBackorders(
  deps: DetectNativeBackordersDeps,
  input: { readonly storeId: StoreId },
): Promise<DetectNativeBackordersResult> {
  let features: Awaited<ReturnType<StoreSetup['getInventoryFeatures']>>;
  try {
    features = await deps.storeSetup.getInventoryFeatures(input.storeId);
  } catch (error) {
    if (error instanceof StoreNotConnectedError) {
      return refuse(DETECT_NATIVE_REFUSALS.notConnected, `Store ${input.storeId} is not connected.`);
    }
    throw error;
  }
  const store = await deps.stores.recordInventoryFeatures(input.storeId, features, deps.clock.now());
  return store === null
    ? refuse(DETECT_NATIVE_REFUSALS.storeNotFound, `No store ${input.storeId}.`)
    : { ok: true, store };
}

/** How long a check holds before opening the app checks again (the beta is switched in the control panel). */
export const INVENTORY_FEATURES_RECHECK_MS = 60 * 60 * 1000;

/** The store's features were never checked, or were checked longer ago than INVENTORY_FEATURES_RECHECK_MS. */
export function inventoryFeaturesStale(store: StoreRecord, now: Date): boolean {
  const checkedAt = store.inventoryFeaturesCheckedAt;
  return checkedAt === null || now.getTime() - checkedAt.getTime() >= INVENTORY_FEATURES_RECHECK_MS;
}

/**
 * Queues the check (one waiting per store). A failure to queue is told, not thrown: the callers (opening
 * the app, an order's webhook) must not fail for it, and the next opening asks again.
 */
export async function requestNativeBackordersCheck(
  deps: {
    readonly jobs: Pick<JobQueue, 'send'>;
    readonly reportError?: (error: unknown, context: string) => void;
  },
  storeId: StoreId,
): Promise<void> {
  try {
    await enqueue(deps.jobs, 'settings.detect-native', { storeId });
  } catch (error) {
    deps.reportError?.(error, `queueing the native backorders check of store ${storeId}`);
  }
}
