import { describe, expect, it } from 'vitest';
import {
  type AuthCodeExchange,
  BigCommerceError,
  type BigCommerceErrorCode,
  createAppAuthorization,
} from '../../../src/adapters/bigcommerce/index.js';
import { ok, startFakeServer } from './support/fake-bigcommerce.js';
import { onCleanup } from './support/harness.js';

const REQUEST = { code: 'qr6h3thvbvag2ffq', scope: 'store_v2_products store_v2_orders', storeHash: 'abc123' };
const CLIENT_SECRET = 'client-secret-never-in-a-reason';

const failingWith = (code: BigCommerceErrorCode, status: number | null) =>
  createAppAuthorization({
    clientId: 'cid',
    clientSecret: CLIENT_SECRET,
    loginUrl: 'http://login.invalid',
    redirectUri: 'https://app.example/auth',
    exchange: async () => {
      throw new BigCommerceError({ code, status, method: 'POST', path: '/oauth2/token', title: 'no' });
    },
  });

describe('AppAuthorization through the login service', () => {
  it("posts the install code with the app's credentials and returns the grant in the app's terms", async () => {
    const server = await startFakeServer(() =>
      ok({
        access_token: 'ACCESS',
        scope: 'store_v2_products store_v2_orders',
        user: { id: 7, username: 'staff@example.com', email: 'staff@example.com' },
        owner: { id: 24654, username: 'owner@example.com', email: 'owner@example.com' },
        context: 'stores/abc123',
        account_uuid: 'uuid-1',
      }),
    );
    onCleanup(() => server.close());
    const authorization = createAppAuthorization({
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      loginUrl: server.url,
      redirectUri: 'https://app.example/auth',
    });

    expect(await authorization.exchangeInstallCode(REQUEST)).toEqual({
      ok: true,
      grant: {
        storeHash: 'abc123',
        accessToken: 'ACCESS',
        scope: 'store_v2_products store_v2_orders',
        user: { id: 7, email: 'staff@example.com' },
        owner: { id: 24654, email: 'owner@example.com' },
      },
    });
    expect(server.requests[0]?.path).toBe('/oauth2/token');
    expect(server.requests[0]?.body).toEqual({
      client_id: 'cid',
      client_secret: CLIENT_SECRET,
      code: REQUEST.code,
      context: 'stores/abc123',
      scope: REQUEST.scope,
      grant_type: 'authorization_code',
      redirect_uri: 'https://app.example/auth',
    });
  });

  it('a grant without an owner names none; the store granted is the one BigCommerce says', async () => {
    const exchange = async (input: AuthCodeExchange) => ({
      access_token: 'ACCESS',
      scope: input.scope,
      user: { id: 7, email: 'staff@example.com' },
      context: 'stores/other9',
    });
    const authorization = createAppAuthorization({
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      loginUrl: 'http://login.invalid',
      redirectUri: 'https://app.example/auth',
      exchange,
    });
    const result = await authorization.exchangeInstallCode(REQUEST);
    expect(result).toMatchObject({ ok: true, grant: { storeHash: 'other9', owner: null } });
  });

  it('a bad, used or expired code is INSTALL.CODE_REFUSED', async () => {
    const refusals: [BigCommerceErrorCode, number][] = [
      ['BIGCOMMERCE.BAD_REQUEST', 400],
      ['BIGCOMMERCE.UNAUTHORIZED', 401],
      ['BIGCOMMERCE.FORBIDDEN', 403],
      ['BIGCOMMERCE.NOT_FOUND', 404],
      ['BIGCOMMERCE.UNPROCESSABLE', 422],
    ];
    for (const [code, status] of refusals) {
      const result = await failingWith(code, status).exchangeInstallCode(REQUEST);
      expect(result).toEqual({
        ok: false,
        code: 'INSTALL.CODE_REFUSED',
        message: expect.any(String),
        reason: `${code} (HTTP ${status})`,
      });
    }
  });

  it('anything else from the login service is INSTALL.LOGIN_UNAVAILABLE, with no secret in the reason', async () => {
    const outages: [BigCommerceErrorCode, number | null][] = [
      ['BIGCOMMERCE.SERVER_ERROR', 503],
      ['BIGCOMMERCE.RATE_LIMITED', 429],
      ['BIGCOMMERCE.TIMEOUT', null],
      ['BIGCOMMERCE.NETWORK', null],
      ['BIGCOMMERCE.UNEXPECTED_RESPONSE', 200],
    ];
    for (const [code, status] of outages) {
      const result = await failingWith(code, status).exchangeInstallCode(REQUEST);
      expect(result).toMatchObject({ ok: false, code: 'INSTALL.LOGIN_UNAVAILABLE' });
      const text = JSON.stringify(result);
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain(REQUEST.code);
    }
  });

  it('a bug is not an outage: it is thrown', async () => {
    const authorization = createAppAuthorization({
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      loginUrl: 'http://login.invalid',
      redirectUri: 'https://app.example/auth',
      exchange: async () => {
        throw new TypeError('a bug');
      },
    });
    await expect(authorization.exchangeInstallCode(REQUEST)).rejects.toThrow(TypeError);
  });
});
