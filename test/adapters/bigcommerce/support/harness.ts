import { afterEach } from 'vitest';
import {
  type BigCommerceClient,
  type BigCommerceLimits,
  createBigCommerceClient,
} from '../../../../src/adapters/bigcommerce/index.js';
import { fakeTime, type Handler, startFakeServer } from './fake-bigcommerce.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

export const STORE_HASH = 'abc123';
export const TOKEN = 'test-token-xyz';

/** A client for store abc123 pointed at a fresh fake server, on a fake clock (random jitter fixed at 0.5). */
export async function clientOn(handler: Handler, limits: Partial<BigCommerceLimits> = {}) {
  const time = fakeTime();
  const server = await startFakeServer(handler, time.now);
  onCleanup(() => server.close());
  const client: BigCommerceClient = createBigCommerceClient({
    apiBaseUrl: server.url,
    storeHash: STORE_HASH,
    accessToken: TOKEN,
    now: time.now,
    sleep: time.sleep,
    random: () => 0.5,
    limits,
  });
  onCleanup(() => client.close());
  return { client, server, time };
}
