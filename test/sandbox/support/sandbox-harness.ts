import { type SandboxConfig, sandboxConfigFor } from '../../../src/sandbox/sandbox.config.js';
import { type CreateSandboxOptions, createSandbox, type Sandbox } from '../../../src/sandbox/server.js';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly query?: Record<string, string | number | boolean>;
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

/**
 * Talks to the sandbox over real HTTP, as an app would (X-Auth-Token, JSON). Bodies default to `any`:
 * tests read BigCommerce's JSON of many shapes and assert on it.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly storeHash: string,
    readonly token: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, this.storeHash, token);
  }

  forStore(storeHash: string, token: string): ApiClient {
    return new ApiClient(this.baseUrl, storeHash, token);
  }

  /** `path` starts with /v2/ or /v3/, e.g. /v3/catalog/products. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted on, not typed
  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(`${this.baseUrl}/stores/${this.storeHash}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null) headers['x-auth-token'] = token;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown;
    if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted on, not typed
  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted on, not typed
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted on, not typed
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted on, not typed
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}

export interface TestSandbox {
  readonly sandbox: Sandbox;
  readonly api: ApiClient;
  close(): Promise<void>;
}

/** A sandbox on an ephemeral port with an in-memory database and the demo store (empty catalog). */
export async function startTestSandbox(
  overrides: Partial<SandboxConfig> = {},
  options: Omit<CreateSandboxOptions, 'config'> = {},
): Promise<TestSandbox> {
  const config = sandboxConfigFor({
    demoStoreHash: 'teststore',
    demoApiToken: 'test-token-123456',
    ...overrides,
  });
  const sandbox = await createSandbox({ ensureDemoStore: true, ...options, config });
  const api = new ApiClient(sandbox.url, config.demoStoreHash, config.demoApiToken);
  return { sandbox, api, close: () => sandbox.close() };
}
