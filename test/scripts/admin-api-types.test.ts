import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN_API_TYPES_PATH, renderAdminApiTypes } from '../../scripts/admin-api-types.js';

describe('src/admin/api/v1.d.ts', () => {
  it('is generated from the served OpenAPI document (run `npm run gen:api` when this fails)', async () => {
    expect(readFileSync(ADMIN_API_TYPES_PATH, 'utf8')).toBe(await renderAdminApiTypes());
  });
});
