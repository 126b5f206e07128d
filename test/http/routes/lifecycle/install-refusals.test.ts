import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstallCodeRequest, InstallCodeResult } from '../../../../src/app/ports/app-authorization.js';
import { refuse } from '../../../../src/core/item.js';
import { LifecycleHarness, uniqueHash } from './support/lifecycle-harness.js';

/**
 * The error pages of /auth for what the login service answers, with the code exchange scripted: each
 * refusal keeps its page, status and code, and none writes a store.
 */
let h: LifecycleHarness;
let answer: (request: InstallCodeRequest) => InstallCodeResult;

beforeAll(async () => {
  h = await LifecycleHarness.start({
    appAuthorization: { exchangeInstallCode: async (request) => answer(request) },
  });
});

afterAll(async () => {
  await h?.close();
});

const authorize = (hash: string) =>
  h.page(`${h.appUrl}/auth?code=one-time&scope=store_v2_orders&context=stores/${hash}`);

describe('/auth refusals', () => {
  it('a refused code is 400 INSTALL.CODE_REFUSED, an unavailable login service 502 INSTALL.LOGIN_UNAVAILABLE', async () => {
    const cases = [
      ['INSTALL.CODE_REFUSED', 400, 'Start the install again from the control panel.'],
      ['INSTALL.LOGIN_UNAVAILABLE', 502, 'Nothing was saved; try the install again in a moment.'],
    ] as const;
    for (const [code, status, advice] of cases) {
      const hash = uniqueHash('r');
      answer = () => ({ ...refuse(code, 'no'), reason: 'BIGCOMMERCE.SERVER_ERROR (HTTP 503)' });
      const page = await authorize(hash);
      expect(page.status).toBe(status);
      expect(page.errorCode).toBe(code);
      expect(page.sessionToken).toBeNull();
      expect(page.html).toContain(advice);
      expect(await h.storeRow(hash)).toBeUndefined();
    }
  });

  it('a grant for another store is 400 INSTALL.CONTEXT_MISMATCH and writes nothing', async () => {
    const hash = uniqueHash('r');
    const other = uniqueHash('o');
    const requests: InstallCodeRequest[] = [];
    answer = (request) => {
      requests.push(request);
      return {
        ok: true,
        grant: {
          storeHash: other,
          accessToken: 'granted-token',
          scope: 'store_v2_orders',
          user: { id: 1, email: 'o@example.com' },
          owner: null,
        },
      };
    };
    const page = await authorize(hash);
    expect(requests).toEqual([{ code: 'one-time', scope: 'store_v2_orders', storeHash: hash }]);
    expect(page.status).toBe(400);
    expect(page.errorCode).toBe('INSTALL.CONTEXT_MISMATCH');
    expect(page.html).not.toContain('granted-token');
    expect(await h.storeRow(hash)).toBeUndefined();
    expect(await h.storeRow(other)).toBeUndefined();
  });
});
