import type { Demo } from '../../src/demo/start-demo.js';

/** HTTP to a demo's app (its public API, with the demo's key) and to its sandbox (as the store's API token). */
export type Response = { status: number; body: unknown };

export function api(demo: Demo, method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
  return call(
    `${demo.info.apiUrl}${pathAndQuery}`,
    { authorization: `Bearer ${demo.info.apiKey}` },
    method,
    body,
  );
}

export function bc(demo: Demo, method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
  return call(
    `${demo.info.sandboxUrl}/stores/${demo.info.storeHash}${pathAndQuery}`,
    { 'x-auth-token': demo.info.sandboxApiToken },
    method,
    body,
  );
}

async function call(url: string, headers: Record<string, string>, method: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

export function expectOk(response: Response, what: string): void {
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  }
}
