import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallPriority } from '../app/ports/job-queue.js';

/**
 * The priority of the store calls made by the work running now, carried through its awaits: the job
 * runner sets it around a handler (from the job catalogue), the BigCommerce transport reads it before
 * each call. A context rather than a parameter, so the use cases between the two never pass it along.
 */
const current = new AsyncLocalStorage<CallPriority>();

export function runAtCallPriority<T>(priority: CallPriority, work: () => T): T {
  return current.run(priority, work);
}

/** Outside any job (the merchant's HTTP requests, start-up): `normal`. */
export function currentCallPriority(): CallPriority {
  return current.getStore() ?? 'normal';
}
