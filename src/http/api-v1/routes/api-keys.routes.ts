import { createApiKey } from '../../../app/api-keys/create-api-key.js';
import { listApiKeys } from '../../../app/api-keys/list-api-keys.js';
import { revokeApiKey } from '../../../app/api-keys/revoke-api-key.js';
import { apiKeyJson } from '../api-json.js';
import {
  apiKeyCreateSchema,
  apiKeyListSchema,
  apiKeyParamsSchema,
  createdApiKeySchema,
} from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';

/** Managing keys needs the merchant (an admin session): a key cannot mint or revoke keys. */
export function apiKeyOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'listApiKeys',
      method: 'GET',
      path: '/api-keys',
      tag: 'API keys',
      summary: 'List API keys',
      description: 'The store’s keys that are not revoked; never the keys themselves.',
      access: 'session',
      responses: { 200: { description: 'The keys.', schema: apiKeyListSchema } },
      errors: [],
    }).handle(async ({ principal }) => ({
      status: 200,
      body: { data: (await listApiKeys(deps, { storeId: principal.storeId })).map(apiKeyJson) },
    })),
    defineOperation({
      operationId: 'createApiKey',
      method: 'POST',
      path: '/api-keys',
      tag: 'API keys',
      summary: 'Create an API key',
      description: 'The answer holds the key itself, this once; only its hash is stored.',
      access: 'session',
      body: apiKeyCreateSchema,
      responses: { 201: { description: 'The new key.', schema: createdApiKeySchema } },
      errors: [400, 422],
    }).handle(async ({ principal, body }) => {
      const result = await createApiKey(deps, { storeId: principal.storeId, name: body.name });
      if (!result.ok) return result;
      return {
        status: 201,
        body: { ...apiKeyJson(result.apiKey), key: result.key },
        headers: { 'cache-control': 'no-store' },
      };
    }),
    defineOperation({
      operationId: 'revokeApiKey',
      method: 'DELETE',
      path: '/api-keys/{key_id}',
      tag: 'API keys',
      summary: 'Revoke an API key',
      description: 'Requests with it are refused from now on (AUTH.REVOKED_KEY).',
      access: 'session',
      params: apiKeyParamsSchema,
      responses: { 204: { description: 'Revoked.' } },
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const result = await revokeApiKey(deps, { storeId: principal.storeId, keyId: params.key_id });
      return result.ok ? { status: 204, body: undefined } : result;
    }),
  ];
}
