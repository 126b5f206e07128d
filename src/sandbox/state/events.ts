/**
 * Store events: what changed in an emulated store, in BigCommerce webhook terms (scope + data). The state
 * layer publishes them after its transaction commits; the webhook dispatcher turns them into deliveries,
 * and any plugin may subscribe (e.g. to refresh a page).
 */
export type WebhookScope =
  | 'store/order/created'
  | 'store/order/updated'
  | 'store/order/archived'
  | 'store/order/statusUpdated'
  | 'store/product/created'
  | 'store/product/updated'
  | 'store/product/deleted'
  | 'store/product/inventory/updated'
  | 'store/product/inventory/order/updated'
  | 'store/sku/created'
  | 'store/sku/updated'
  | 'store/sku/deleted'
  | 'store/sku/inventory/updated'
  | 'store/sku/inventory/order/updated'
  | 'store/app/uninstalled';

export const WEBHOOK_SCOPES: readonly WebhookScope[] = [
  'store/order/created',
  'store/order/updated',
  'store/order/archived',
  'store/order/statusUpdated',
  'store/product/created',
  'store/product/updated',
  'store/product/deleted',
  'store/product/inventory/updated',
  'store/product/inventory/order/updated',
  'store/sku/created',
  'store/sku/updated',
  'store/sku/deleted',
  'store/sku/inventory/updated',
  'store/sku/inventory/order/updated',
  'store/app/uninstalled',
];

export interface StoreEvent {
  readonly storeHash: string;
  readonly scope: WebhookScope;
  readonly data: Record<string, unknown>;
  /** Only the hooks of this API client get it (store/app/uninstalled goes to the uninstalled app only). */
  readonly onlyClientId?: string;
}

export type StoreEventListener = (event: StoreEvent) => void;

export class StoreEventBus {
  private readonly listeners = new Set<StoreEventListener>();

  subscribe(listener: StoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(events: readonly StoreEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) listener(event);
    }
  }
}

/** Does a hook registered for `hookScope` receive `eventScope`? BigCommerce allows `store/order/*` etc. */
export function scopeMatches(hookScope: string, eventScope: string): boolean {
  if (hookScope === eventScope) return true;
  if (hookScope.endsWith('/*')) return eventScope.startsWith(hookScope.slice(0, -1));
  return false;
}
