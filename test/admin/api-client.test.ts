import { describe, expect, it } from 'vitest';
import { call, createApiClient } from '../../src/admin/api/client.js';
import { ApiError } from '../../src/admin/api/errors.js';

const BASE = 'http://app.test/api/v1';

function fakeServer(answer: (request: Request) => Response) {
  const seen: Request[] = [];
  let ended = 0;
  const session = { token: () => 'session-token-1', end: () => void ended++ };
  const api = createApiClient(session, {
    baseUrl: BASE,
    fetch: async (request) => {
      seen.push(request.clone());
      return answer(request);
    },
  });
  return { api, seen, ended: () => ended };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client (src/admin/api/client.ts)', () => {
  it('sends the session as a Bearer token and gives the answer’s data', async () => {
    const server = fakeServer(() => json(200, { switch_condition: 3 }));
    const settings = await call(server.api.GET('/settings'));
    expect(settings).toMatchObject({ switch_condition: 3 });
    expect(server.seen[0]!.url).toBe(`${BASE}/settings`);
    expect(server.seen[0]!.headers.get('authorization')).toBe('Bearer session-token-1');
  });

  it('throws a refusal as an ApiError with its code, status and sentence', async () => {
    const server = fakeServer(() => json(409, { error: { code: 'TEMPLATE.IN_USE', message: 'm' } }));
    const refused = await call(
      server.api.DELETE('/templates/{template_id}', { params: { path: { template_id: 4 } } }),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'TEMPLATE.IN_USE', status: 409 });
    expect((refused as ApiError).sentence).toContain('Products still use this template');
    expect(server.ended()).toBe(0);
  });

  it('ends the session when the API says it is no longer valid', async () => {
    const server = fakeServer(() => json(401, { error: { code: 'AUTH.INVALID_SESSION', message: 'm' } }));
    await expect(call(server.api.GET('/settings'))).rejects.toMatchObject({ code: 'AUTH.INVALID_SESSION' });
    expect(server.ended()).toBe(1);
  });

  it('says CLIENT.NETWORK when the server is not reached', async () => {
    const server = fakeServer(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(call(server.api.GET('/settings'))).rejects.toMatchObject({
      code: 'CLIENT.NETWORK',
      status: 0,
    });
  });
});
