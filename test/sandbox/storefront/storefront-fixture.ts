import type { LightMyRequestResponse } from 'fastify';
import { demoCatalogPlugin } from '../../../src/sandbox/seed/index.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox/server.js';
import type { ProductView } from '../../../src/sandbox/state/catalog.types.js';
import { storefrontPlugin } from '../../../src/sandbox/storefront/index.js';

/** A demo-store sandbox with the storefront, and a shopper whose cookies persist across requests. */
export const STORE = 'demo1234';

export async function storefrontSandbox(options: { listen?: boolean } = {}): Promise<Sandbox> {
  return createSandbox({
    listen: options.listen ?? false,
    ensureDemoStore: true,
    plugins: [demoCatalogPlugin(STORE), storefrontPlugin()],
  });
}

export function productBySku(sandbox: Sandbox, sku: string): ProductView {
  const found = sandbox.state.products.listProducts(STORE, { sku }, { variants: true, options: true })
    .items[0];
  if (!found) throw new Error(`no product ${sku} in the demo catalog`);
  return found;
}

export class Shopper {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly sandbox: Sandbox) {}

  async request(
    method: 'GET' | 'POST',
    url: string,
    body?: { form?: Record<string, string>; json?: unknown; multipart?: FormData },
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | FormData | undefined;
    if (body?.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    } else if (body?.multipart) {
      payload = body.multipart;
    } else if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    }
    const res = await this.sandbox.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired =
        c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>) {
    return this.request('POST', url, { form });
  }
}
