import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The storefront script (backorder.js beside this file): plain ES2019 served as written, no build step.
 * Read once per process; the ETag lets browsers revalidate cheaply after the short cache expires.
 */
export interface StorefrontScript {
  readonly source: string;
  readonly etag: string;
}

let cached: StorefrontScript | undefined;

export function storefrontScript(): StorefrontScript {
  if (cached === undefined) {
    const source = readFileSync(new URL('./backorder.js', import.meta.url), 'utf8');
    const etag = `"${createHash('sha256').update(source).digest('base64url').slice(0, 27)}"`;
    cached = { source, etag };
  }
  return cached;
}
