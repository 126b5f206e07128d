import { type Refusal, refuse } from '../../core/item.js';
import type { ApiKeyRecord, ApiKeyRepository } from '../ports/api-key-repository.js';
import type { Clock } from '../ports/clock.js';
import type { StoreId } from '../ports/store-id.js';
import {
  displayPrefix,
  generateApiKey,
  hashApiKey,
  MAX_KEY_LENGTH,
  MIN_KEY_LENGTH,
} from './api-key-secret.js';

export interface ApiKeysDeps {
  readonly apiKeys: ApiKeyRepository;
  readonly clock: Clock;
}

export interface CreateApiKeyInput {
  readonly storeId: StoreId;
  readonly name: string;
  /** Use this key instead of generating one (demo mode's DEMO_API_KEY). */
  readonly key?: string;
}

export const API_KEY_REFUSALS = {
  invalidName: 'API_KEY.INVALID_NAME',
  invalidKey: 'API_KEY.INVALID_KEY',
  taken: 'API_KEY.TAKEN',
  revoked: 'API_KEY.REVOKED',
  notFound: 'API_KEY.NOT_FOUND',
} as const;

export const MAX_API_KEY_NAME_LENGTH = 100;

export type CreateApiKeyResult =
  | {
      readonly ok: true;
      /** The key itself: shown once, never stored. */
      readonly key: string;
      readonly apiKey: ApiKeyRecord;
      /** False when the given key was already this store's (demo mode starting again). */
      readonly created: boolean;
    }
  | Refusal;

export async function createApiKey(deps: ApiKeysDeps, input: CreateApiKeyInput): Promise<CreateApiKeyResult> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_API_KEY_NAME_LENGTH) {
    return refuse(
      API_KEY_REFUSALS.invalidName,
      `An API key needs a name of 1 to ${MAX_API_KEY_NAME_LENGTH} characters.`,
    );
  }
  const key = input.key ?? generateApiKey();
  if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH || /\s/.test(key)) {
    return refuse(
      API_KEY_REFUSALS.invalidKey,
      `A given API key must be ${MIN_KEY_LENGTH} to ${MAX_KEY_LENGTH} characters without spaces.`,
    );
  }
  const keyHash = hashApiKey(key);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const existing = await deps.apiKeys.findByHash(keyHash);
    if (existing !== null) return reuse(existing, input.storeId, key);
    const inserted = await deps.apiKeys.insert({
      storeId: input.storeId,
      name,
      prefix: displayPrefix(key),
      keyHash,
      now: deps.clock.now(),
    });
    if (inserted !== null) return { ok: true, key, apiKey: inserted, created: true };
    // Another request inserted the same key between the lookup and the insert: look again.
  }
  throw new Error('API key insert conflicted twice');
}

function reuse(existing: ApiKeyRecord, storeId: StoreId, key: string): CreateApiKeyResult {
  if (existing.storeId !== storeId) {
    return refuse(API_KEY_REFUSALS.taken, 'This key is already in use; choose another one.');
  }
  if (existing.revokedAt !== null) {
    return refuse(API_KEY_REFUSALS.revoked, 'This key was revoked and cannot be used again.');
  }
  return { ok: true, key, apiKey: existing, created: false };
}
