import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where BigCommerce's OpenAPI files are looked for, and which of them the contract tests need. They are
 * BigCommerce's own files, never copied into this repository: by default the `bigcommerce-openapi`
 * directory of ../shared beside it (CI provides it), or the directory named by BIGCOMMERCE_OPENAPI_DIR.
 * docs/bigcommerce.md#openapi-files says where each file comes from.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const DEFAULT_SPEC_DIR = path.resolve(repoRoot, '../shared/bigcommerce-openapi');

export const SPEC_FILES = {
  v3: [
    'products_catalog.v3.yml',
    'product-variants_catalog.v3.yml',
    'product-variant-options_catalog.v3.yml',
    'inventory.v3.yml',
    'locations.v3.yml',
    'webhooks.v3.yml',
    'scripts.v3.yml',
    'store_logs.v3.yml',
  ],
  v2: ['orders.v2.oas2.yml', 'store_information.v2.yml'],
} as const;

/** The directory this run reads the files from: BIGCOMMERCE_OPENAPI_DIR, else the default. */
export function specDirOfThisRun(): string {
  const configured = process.env.BIGCOMMERCE_OPENAPI_DIR;
  return configured === undefined || configured === '' ? DEFAULT_SPEC_DIR : path.resolve(configured);
}

/** The needed files that are not in `dir` (all of them when the directory does not exist). */
export function missingSpecFiles(dir: string): string[] {
  return [...SPEC_FILES.v3, ...SPEC_FILES.v2].filter((file) => !existsSync(path.join(dir, file)));
}
