import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { describe, inject } from 'vitest';
import { createSandbox, type Sandbox } from '../../../../../src/sandbox/server.js';
import { storefrontPlugin } from '../../../../../src/sandbox/storefront/index.js';

/** This run's Chromium (test/support/global-setup.ts); null when there is none and none is required. */
const CHROMIUM = inject('chromiumPath');

/** Skipped only when the run has no browser (REQUIRE_BROWSER=1 makes that a failed run instead). */
export const describeBrowser = CHROMIUM === null ? describe.skip : describe;

export function launchBrowser(): Promise<Browser> {
  if (CHROMIUM === null) throw new Error('launchBrowser: this run has no browser (see describeBrowser)');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The sandbox with its Cornerstone-like storefront and the demo store (no catalog: tests create theirs). */
export function storefrontSandbox(): Promise<Sandbox> {
  return createSandbox({ listen: true, ensureDemoStore: true, plugins: [storefrontPlugin()] });
}

/** A BigCommerce API call to the sandbox with the demo store's token. */
export async function sandboxApi<T = unknown>(
  sandbox: Sandbox,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${sandbox.url}/stores/${sandbox.config.demoStoreHash}${path}`, {
    method,
    headers: {
      'x-auth-token': sandbox.config.demoApiToken,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export interface SandboxProduct {
  readonly id: number;
  readonly variants: readonly {
    id: number;
    sku: string;
    option_values: { id: number; option_id: number; label: string }[];
  }[];
  readonly options: readonly {
    id: number;
    display_name: string;
    option_values: { id: number; label: string }[];
  }[];
}

/**
 * A product as it looks once Backorder manages it: inventory tracking off, so BigCommerce (here the
 * sandbox) always lets shoppers buy; what the shopper is told comes from the app's script.
 */
export async function createProduct(
  sandbox: Sandbox,
  name: string,
  sizes: readonly string[] = [],
): Promise<SandboxProduct> {
  const sku = name.toUpperCase().replace(/[^A-Z]+/g, '-');
  const created = await sandboxApi<{ data: { id: number } }>(sandbox, 'POST', '/v3/catalog/products', {
    name,
    type: 'physical',
    sku,
    price: 25,
    weight: 1,
    inventory_tracking: 'none',
    ...(sizes.length > 0
      ? {
          variants: sizes.map((size) => ({
            sku: `${sku}-${size}`,
            option_values: [{ option_display_name: 'Size', label: size }],
          })),
        }
      : {}),
  });
  const full = await sandboxApi<{ data: SandboxProduct }>(
    sandbox,
    'GET',
    `/v3/catalog/products/${created.data.id}?include=variants,options`,
  );
  return full.data;
}

/** Makes `src` the store's only storefront script, as the app's install step would register it. */
export async function useScript(sandbox: Sandbox, src: string | null): Promise<void> {
  const existing = await sandboxApi<{ data: { uuid: string }[] }>(sandbox, 'GET', '/v3/content/scripts');
  for (const script of existing.data) {
    await sandboxApi(sandbox, 'DELETE', `/v3/content/scripts/${script.uuid}`);
  }
  if (src === null) return;
  await sandboxApi(sandbox, 'POST', '/v3/content/scripts', {
    name: 'Backorder',
    kind: 'src',
    src,
    load_method: 'defer',
    location: 'footer',
    visibility: 'storefront',
    auto_uninstall: true,
  });
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Uncaught errors and console errors of a page, to prove the script never breaks it. */
export function watchErrors(page: Page): { pageErrors: string[]; consoleErrors: string[] } {
  const watched = { pageErrors: [] as string[], consoleErrors: [] as string[] };
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  return watched;
}

/** Console errors other than the browser's own note that a request failed (which no script can silence). */
export function scriptErrors(consoleErrors: readonly string[]): string[] {
  return consoleErrors.filter(
    (text) => !/^Failed to load resource|^Access to fetch at .* has been blocked by CORS policy/.test(text),
  );
}

/** Waits until the script has done its work (or until the page has loaded, when the script never came). */
export async function scriptSettled(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const api = (window as unknown as { BackorderForBigCommerce?: { ready: Promise<void> } })
      .BackorderForBigCommerce;
    if (api === undefined) return false;
    await api.ready;
    return true;
  });
}
