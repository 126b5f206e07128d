import { randomUUID } from 'node:crypto';
import {
  INVALID_SIGNED_REQUEST,
  type SignedRequest,
  type SignedRequests,
} from '../../src/app/ports/signed-requests.js';
import { refuse } from '../../src/core/item.js';

/** What a test says of a request; the id and times default as BigCommerce would sign it now. */
export type SignedRequestInput = Omit<SignedRequest, 'id' | 'issuedAt' | 'expiresAt'> &
  Partial<Pick<SignedRequest, 'id' | 'issuedAt' | 'expiresAt'>>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Requests signed one second after another, as BigCommerce's `iat` would be (never two alike). */
let signedSeconds = 0;

/**
 * SignedRequests that accept exactly the given tokens, each standing for its request; anything else
 * (none included) is refused as the real adapter refuses it. Each verification is a freshly signed
 * request, as each opening of the app in BigCommerce's control panel is (a new `id`, a later
 * `issuedAt`), unless the test fixes them (to replay one). How the adapter verifies BigCommerce's
 * JWTs is tested in test/adapters/bigcommerce/signed-requests.adapter.test.ts.
 */
export function signedRequestsFor(requests: Readonly<Record<string, SignedRequestInput>>): SignedRequests {
  return {
    async verify(signed) {
      const request = signed === undefined ? undefined : requests[signed];
      if (!request) return refuse(INVALID_SIGNED_REQUEST, 'signed_payload_jwt is not valid for this app.');
      signedSeconds += 1;
      const issuedAt = request.issuedAt ?? new Date(Date.UTC(2025, 0, 1) + signedSeconds * 1000);
      return {
        ok: true,
        request: {
          ...request,
          id: request.id ?? randomUUID(),
          issuedAt,
          expiresAt: request.expiresAt ?? new Date(issuedAt.getTime() + DAY_MS),
        },
      };
    },
  };
}
