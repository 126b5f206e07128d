import createClient, { type Client } from 'openapi-fetch';
import type { Session } from '../session/session.js';
import { apiErrorOf, toApiError } from './errors.js';
import type { paths } from './v1.js';

/**
 * The typed client of /api/v1 (openapi-fetch over the generated `paths`): the same operations an ERP
 * calls, authenticated by the admin session (`Authorization: Bearer <session token>`). An answer
 * AUTH.INVALID_SESSION ends the session (the app then asks to be opened again).
 */
export type ApiClient = Client<paths>;

export const API_BASE_PATH = '/api/v1';

export function createApiClient(
  session: Pick<Session, 'token' | 'end'>,
  options: { readonly baseUrl?: string; readonly fetch?: (request: Request) => Promise<Response> } = {},
): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? API_BASE_PATH,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${session.token()}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.status !== 401) return undefined;
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      if ((body as { error?: { code?: string } } | null)?.error?.code === 'AUTH.INVALID_SESSION')
        session.end();
      return undefined;
    },
  });
  return client;
}

/**
 * Awaits an openapi-fetch call and gives its data, or throws an ApiError (the refusal's code and
 * sentence, or CLIENT.NETWORK when the server was not reached).
 */
export async function call<R extends { data?: unknown; error?: unknown; response: Response }>(
  request: Promise<R>,
): Promise<NonNullable<R['data']>> {
  let result: R;
  try {
    result = await request;
  } catch (error) {
    throw toApiError(error);
  }
  if (!result.response.ok) throw apiErrorOf(result.response.status, result.error);
  return result.data as NonNullable<R['data']>;
}
