import { randomUUID } from 'node:crypto';
import type { Decision } from '../../core/decision.js';
import type { ItemEvent } from '../../core/events.js';
import { type Refusal, refuse } from '../../core/item.js';
import { clientRequestKey, itemRequestKey, requestFingerprint } from '../jobs/keys.js';
import { type RequestDeliveryDeps, requestDelivery } from '../jobs/request-delivery.js';
import type { Clock } from '../ports/clock.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { CauseType, ItemTransactions } from '../ports/item-transactions.js';
import type { StoreId } from '../ports/store-id.js';
import { applyItemEvent } from './apply-item-event.js';
import { ITEM_REFUSALS } from './item-refusals.js';

export interface ItemChangeDeps extends RequestDeliveryDeps {
  readonly items: ItemRepository;
  readonly itemTransactions: ItemTransactions;
  readonly clock: Clock;
}

/** An assigned item of the store, by SKU (the public API) or by id (the admin screens). */
export type ItemRef = { readonly sku: string } | { readonly itemId: number };

/** Who asks for a change, and how a retry of the same request is recognised. */
export interface ChangeRequest {
  readonly storeId: StoreId;
  readonly item: ItemRef;
  readonly source: 'api' | 'admin';
  /** `api-key:<prefix>`, `admin:<user>`, … */
  readonly actor: string;
  /**
   * The client's Idempotency-Key: a request applies once under it, and a retry (the same operation,
   * item and values) answers with the item as it is; the key sent with another request is refused
   * (IDEMPOTENCY.KEY_REUSED). Without one, each request is a change of its own.
   */
  readonly requestKey?: string | null;
}

export type ItemChangeResult =
  | {
      readonly ok: true;
      readonly item: ItemRecord;
      /** True when the request key had been applied before: nothing changed now. */
      readonly replayed: boolean;
      /** Null when replayed. */
      readonly decision: Decision | null;
    }
  | Refusal;

export function itemNotFound(ref: ItemRef): Refusal {
  return refuse(
    ITEM_REFUSALS.itemNotFound,
    'sku' in ref ? `No assigned item with SKU "${ref.sku}".` : `No assigned item ${ref.itemId}.`,
  );
}

/** The assigned item a request points at, in the request's store only. */
export async function findAssignedItem(
  items: ItemRepository,
  storeId: StoreId,
  ref: ItemRef,
): Promise<ItemRecord | null> {
  const item =
    'sku' in ref ? await items.findItemBySku(storeId, ref.sku) : await items.getItem(storeId, ref.itemId);
  return item?.active ? item : null;
}

/**
 * Applies one event to the requested item through the item pipeline (one transaction: the core decides,
 * history and effects are written), then asks for the effects to be delivered.
 */
export async function changeItem(
  deps: ItemChangeDeps,
  request: ChangeRequest,
  operation: string,
  event: Exclude<ItemEvent, { kind: 'assigned' | 'unassigned' }>,
): Promise<ItemChangeResult> {
  const item = await findAssignedItem(deps.items, request.storeId, request.item);
  if (item === null) return itemNotFound(request.item);

  const requestRef = request.requestKey ?? randomUUID();
  const outcome = await applyItemEvent(deps, {
    ...(request.requestKey == null
      ? {}
      : {
          request: {
            key: clientRequestKey(request.source, request.requestKey),
            fingerprint: requestFingerprint(operation, item.id, event),
          },
        }),
    storeId: request.storeId,
    itemId: item.id,
    idempotencyKey: itemRequestKey(request.source, requestRef, operation, item.id),
    cause: { type: causeTypeOf(request.source), ref: requestRef },
    actor: request.actor,
    now: deps.clock.now(),
    event,
  });
  if (outcome.applied) {
    if (outcome.outboxWrites > 0) await requestDelivery(deps, request.storeId);
    return { ok: true, item: outcome.item, replayed: false, decision: outcome.decision };
  }
  if (outcome.duplicate) {
    return outcome.item?.active
      ? { ok: true, item: outcome.item, replayed: true, decision: null }
      : itemNotFound(request.item);
  }
  // Unassigned between the lookup and the change: to the caller, the item is gone.
  if (outcome.refusal.code === 'ITEM.NOT_ASSIGNED') return itemNotFound(request.item);
  return outcome.refusal;
}

function causeTypeOf(source: ChangeRequest['source']): CauseType {
  return source === 'api' ? 'api_request' : 'admin_action';
}
