import {
  INVALID_SIGNED_REQUEST,
  type SignedRequest,
  type SignedRequests,
} from '../../src/app/ports/signed-requests.js';
import { refuse } from '../../src/core/item.js';

/**
 * SignedRequests that accept exactly the given tokens, each standing for its request; anything else
 * (none included) is refused as the real adapter refuses it. How the adapter verifies BigCommerce's
 * JWTs is tested in test/adapters/bigcommerce/signed-requests.adapter.test.ts.
 */
export function signedRequestsFor(requests: Readonly<Record<string, SignedRequest>>): SignedRequests {
  return {
    async verify(signed) {
      const request = signed === undefined ? undefined : requests[signed];
      return request
        ? { ok: true, request }
        : refuse(INVALID_SIGNED_REQUEST, 'signed_payload_jwt is not valid for this app.');
    },
  };
}
