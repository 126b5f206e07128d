import { describe, expect, it } from 'vitest';
import {
  BigCommerceError,
  createBigCommerceClientPool,
  isBigCommerceError,
} from '../../../src/adapters/bigcommerce/index.js';
import { aStore } from './support/builders.js';
import { fakeTime, ok, startFakeServer } from './support/fake-bigcommerce.js';
import { clientOn, onCleanup, STORE_HASH, TOKEN } from './support/harness.js';

async function failure(promise: Promise<unknown>): Promise<BigCommerceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BigCommerceError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('BigCommerce client: requests', () => {
  it('builds /stores/{hash}/v2 and /v3 URLs and sends the token and JSON headers', async () => {
    const { client, server } = await clientOn((req) =>
      req.path.endsWith('/v2/store') ? ok(aStore()) : ok({ data: [], meta: {} }),
    );
    const store = await client.getStore();
    await client.listHooks();

    expect(store.timezone.name).toBe('America/Chicago');
    const [storeReq, hooksReq] = server.requests;
    expect(storeReq?.path).toBe(`/stores/${STORE_HASH}/v2/store`);
    expect(hooksReq?.path).toBe(`/stores/${STORE_HASH}/v3/hooks`);
    for (const req of server.requests) {
      expect(req.headers['x-auth-token']).toBe(TOKEN);
      expect(req.headers.accept).toBe('application/json');
    }
  });

  it('sends Content-Type JSON with a body', async () => {
    const { client, server } = await clientOn(() => ok({ id: 7, staff_notes: 'n' }));
    await client.updateOrder(7, { staff_notes: 'n' });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('bounds the number of requests of a store in flight at once', async () => {
    const { client, server } = await clientOn(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return ok(aStore());
    });
    await Promise.all(Array.from({ length: 10 }, () => client.getStore()));
    expect(server.requests).toHaveLength(10);
    expect(server.maxInFlight()).toBe(3);
  });
});

describe('BigCommerce client: rate limits', () => {
  it('on 429 waits X-Rate-Limit-Time-Reset-Ms, then retries once the window has reset', async () => {
    const { client, server, time } = await clientOn((_req, i) =>
      i === 0
        ? {
            status: 429,
            headers: {
              'X-Rate-Limit-Time-Reset-Ms': '1500',
              'X-Rate-Limit-Requests-Left': '0',
              'X-Rate-Limit-Requests-Quota': '150',
              'X-Rate-Limit-Time-Window-Ms': '30000',
            },
            body: { status: 429, title: 'Too many requests' },
          }
        : ok(aStore()),
    );
    const store = await client.getStore();

    expect(store.id).toBe('abc123');
    expect(time.sleeps).toEqual([1500]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBe(1500);
  });

  it('on 429 without a reset header waits X-Retry-After seconds', async () => {
    const { client, time } = await clientOn((_req, i) =>
      i === 0 ? { status: 429, headers: { 'X-Retry-After': '3' } } : ok(aStore()),
    );
    await client.getStore();
    expect(time.sleeps).toEqual([3000]);
  });

  it('on 429 with no timing headers backs off, doubling per repeated 429', async () => {
    const { client, server, time } = await clientOn((_req, i) => (i < 2 ? { status: 429 } : ok(aStore())), {
      rateLimitFallbackMs: 1000,
    });
    await client.getStore();
    expect(time.sleeps).toEqual([1000, 2000]);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up with RATE_LIMITED after maxRateLimitRetries, never sending without waiting', async () => {
    const { client, server, time } = await clientOn(
      () => ({ status: 429, headers: { 'X-Rate-Limit-Time-Reset-Ms': '200' } }),
      { maxRateLimitRetries: 3 },
    );
    const error = await failure(client.getStore());
    expect(error.code).toBe('BIGCOMMERCE.RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(server.requests).toHaveLength(4);
    expect(time.sleeps).toEqual([200, 200, 200]);
    const gaps = server.requests.slice(1).map((r, i) => r.at - server.requests[i]!.at);
    expect(gaps).toEqual([200, 200, 200]);
  });

  it('429 waits do not use up the 5xx retry budget', async () => {
    const replies = [429, 500, 429, 200];
    const { client, server } = await clientOn(
      (_req, i) =>
        replies[i] === 200
          ? ok(aStore())
          : { status: replies[i]!, headers: { 'X-Rate-Limit-Time-Reset-Ms': '100' } },
      { maxRetries: 1 },
    );
    await client.getStore();
    expect(server.requests).toHaveLength(4);
  });

  it('when Requests-Left reaches 0, holds the next request until the window resets', async () => {
    const { client, server, time } = await clientOn((_req, i) =>
      ok(aStore(), {
        'X-Rate-Limit-Requests-Left': i === 0 ? '0' : '149',
        'X-Rate-Limit-Time-Reset-Ms': '4000',
        'X-Rate-Limit-Requests-Quota': '150',
        'X-Rate-Limit-Time-Window-Ms': '30000',
      }),
    );
    await client.getStore();
    expect(time.sleeps).toEqual([]);
    expect(client.rateLimitStatus()).toMatchObject({
      requestsLeft: 0,
      requestsQuota: 150,
      windowMs: 30000,
      resetMs: 4000,
      pausedUntil: time.start + 4000,
    });

    await client.getStore();
    expect(time.sleeps).toEqual([4000]);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBe(4000);

    await client.getStore();
    expect(time.sleeps).toEqual([4000]);
    expect(server.requests).toHaveLength(3);
  });

  it('shares the pause among all clients of the same store in a pool, not with other stores', async () => {
    const time = fakeTime();
    const server = await startFakeServer(
      (req, i) =>
        ok(aStore({ id: req.path.split('/')[2] ?? '' }), {
          'X-Rate-Limit-Requests-Left': i === 0 ? '0' : '10',
          'X-Rate-Limit-Time-Reset-Ms': '2500',
        }),
      time.now,
    );
    onCleanup(() => server.close());
    const pool = createBigCommerceClientPool({ apiBaseUrl: server.url, now: time.now, sleep: time.sleep });
    onCleanup(() => pool.close());

    await pool.forStore({ storeHash: 'store1', accessToken: 't1' }).getStore();
    await pool.forStore({ storeHash: 'store2', accessToken: 't2' }).getStore();
    expect(time.sleeps).toEqual([]);
    await pool.forStore({ storeHash: 'store1', accessToken: 't1' }).getStore();
    expect(time.sleeps).toEqual([2500]);
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['t1', 't2', 't1']);
  });
});

describe('BigCommerce client: retries and errors', () => {
  it('retries 500/502/503/504 with exponential backoff and jitter, then succeeds', async () => {
    const statuses = [500, 502, 503, 504];
    const { client, server, time } = await clientOn(
      (_req, i) => (i < statuses.length ? { status: statuses[i]! } : ok(aStore())),
      { backoffBaseMs: 400, backoffMaxMs: 2000 },
    );
    const store = await client.getStore();
    expect(store.name).toBe('Demo store');
    expect(server.requests).toHaveLength(5);
    // equal jitter with random 0.5: 3/4 of min(max, base * 2^n)
    expect(time.sleeps).toEqual([300, 600, 1200, 1500]);
  });

  it('jitter keeps each wait between half and all of the exponential step', async () => {
    const time = fakeTime();
    const server = await startFakeServer((_req, i) => (i < 2 ? { status: 503 } : ok(aStore())), time.now);
    onCleanup(() => server.close());
    const pool = createBigCommerceClientPool({
      apiBaseUrl: server.url,
      now: time.now,
      sleep: time.sleep,
      random: () => 0.999,
      limits: { backoffBaseMs: 1000 },
    });
    onCleanup(() => pool.close());
    await pool.forStore({ storeHash: STORE_HASH, accessToken: TOKEN }).getStore();
    expect(time.sleeps).toEqual([1000, 1999]);
  });

  it('throws a typed SERVER_ERROR when 5xx outlasts the retries', async () => {
    const { client, server } = await clientOn(
      () => ({ status: 503, body: { status: 503, title: 'Service Unavailable', type: 'x' } }),
      { maxRetries: 2 },
    );
    const error = await failure(client.getProduct(5));
    expect(error.code).toBe('BIGCOMMERCE.SERVER_ERROR');
    expect(error.status).toBe(503);
    expect(error.title).toBe('Service Unavailable');
    expect(error.attempts).toBe(3);
    expect(error.path).toBe(`/stores/${STORE_HASH}/v3/catalog/products/5`);
    expect(error.message).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 404 and reports the v2 message', async () => {
    const { client, server, time } = await clientOn(() => ({
      status: 404,
      body: [{ status: 404, message: 'The requested resource was not found.' }],
    }));
    const error = await failure(client.getOrder(999));
    expect(isBigCommerceError(error, 'BIGCOMMERCE.NOT_FOUND')).toBe(true);
    expect(error.status).toBe(404);
    expect(error.title).toBe('The requested resource was not found.');
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it('does not retry a 422 and carries the v3 title and errors', async () => {
    const { client, server } = await clientOn(() => ({
      status: 422,
      body: {
        status: 422,
        title: 'JSON data is missing or invalid',
        type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
        errors: { destination: 'must be https' },
      },
    }));
    const error = await failure(client.createHook({ scope: 'store/order/created', destination: 'http://x' }));
    expect(error.code).toBe('BIGCOMMERCE.UNPROCESSABLE');
    expect(error.title).toBe('JSON data is missing or invalid');
    expect(error.errors).toEqual({ destination: 'must be https' });
    expect(server.requests).toHaveLength(1);
  });

  it('maps 401 to UNAUTHORIZED without retrying', async () => {
    const { client, server } = await clientOn(() => ({
      status: 401,
      body: { status: 401, title: 'Unauthorized', type: 'x' },
    }));
    const error = await failure(client.listOrderStatuses());
    expect(error.code).toBe('BIGCOMMERCE.UNAUTHORIZED');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a request that timed out', async () => {
    const { client, server } = await clientOn((_req, i) => (i === 0 ? 'hang' : ok(aStore())), {
      timeoutMs: 150,
    });
    const store = await client.getStore();
    expect(store.id).toBe('abc123');
    expect(server.requests).toHaveLength(2);
  });

  it('throws TIMEOUT when every attempt times out', async () => {
    const { client, server } = await clientOn(() => 'hang', { timeoutMs: 100, maxRetries: 1 });
    const error = await failure(client.getStore());
    expect(error.code).toBe('BIGCOMMERCE.TIMEOUT');
    expect(error.status).toBeNull();
    expect(server.requests).toHaveLength(2);
  });

  it('retries a dropped connection (network error)', async () => {
    const { client, server } = await clientOn((_req, i) => (i === 0 ? 'destroy' : ok(aStore())));
    await client.getStore();
    expect(server.requests).toHaveLength(2);
  });

  it('reports a non-JSON success body as UNEXPECTED_RESPONSE', async () => {
    const { client } = await clientOn(() => ({ status: 200, raw: '<html>maintenance</html>' }));
    const error = await failure(client.getStore());
    expect(error.code).toBe('BIGCOMMERCE.UNEXPECTED_RESPONSE');
  });

  it('refuses malformed ids and store hashes before sending anything', async () => {
    const { client, server } = await clientOn(() => ok({}));
    await expect(client.getOrder(-1)).rejects.toThrow(TypeError);
    await expect(client.listProducts({ 'id:in': [] })).rejects.toThrow(/empty list/);
    await expect(client.deleteScript('../../hooks')).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
    expect(() => createBigCommerceClientPool().forStore({ storeHash: 'a/b', accessToken: 't' })).toThrow(
      TypeError,
    );
  });
});
