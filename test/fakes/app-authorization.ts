import type {
  AppAuthorization,
  InstallCodeRequest,
  InstallCodeResult,
  StoreGrant,
} from '../../src/app/ports/app-authorization.js';

/**
 * An AppAuthorization that answers what the test says (a grant, or the login service's refusal) and
 * records what it was asked. How the real adapter talks to BigCommerce's login service is tested in
 * test/adapters/bigcommerce/app-authorization.adapter.test.ts.
 */
export function scriptedAuthorization(answer: (request: InstallCodeRequest) => InstallCodeResult) {
  const requests: InstallCodeRequest[] = [];
  const authorization: AppAuthorization = {
    async exchangeInstallCode(request) {
      requests.push(request);
      return answer(request);
    },
  };
  return { authorization, requests };
}

/** An AppAuthorization that grants every code it is given. */
export const granting = (grant: StoreGrant) => scriptedAuthorization(() => ({ ok: true, grant }));
