import { describe, expect, it } from 'vitest';
import { documentedErrorCodes, servedOpenApiDocument } from '../../scripts/admin-api-types.js';
import {
  CLIENT_ERROR_CODES,
  ERROR_SENTENCES,
  sentenceFor,
  UNKNOWN_ERROR_SENTENCE,
} from '../../src/admin/api/error-sentences.js';
import { ApiError, apiErrorOf, describeError, toApiError } from '../../src/admin/api/errors.js';

describe('the sentences of refusal codes (src/admin/api/error-sentences.ts)', () => {
  it('has a sentence for every code the served OpenAPI document lists, and no other but the client’s own', async () => {
    const documented = documentedErrorCodes(await servedOpenApiDocument());
    expect(documented.length).toBeGreaterThan(40);
    const mapped = Object.keys(ERROR_SENTENCES);
    expect(documented.filter((code) => !mapped.includes(code))).toEqual([]);
    const clientCodes: string[] = Object.values(CLIENT_ERROR_CODES);
    expect(mapped.filter((code) => !documented.includes(code) && !clientCodes.includes(code))).toEqual([]);
  });

  it('says each in a plain sentence, never the code itself', () => {
    for (const [code, sentence] of Object.entries(ERROR_SENTENCES)) {
      expect(sentence, code).toMatch(/^[A-Z].*[.!]$/);
      expect(sentence, code).not.toContain(code);
    }
  });

  it('says something plain for a code this version does not know', () => {
    expect(sentenceFor('SOMETHING.NEW')).toBe(UNKNOWN_ERROR_SENTENCE);
  });
});

describe('ApiError', () => {
  it('reads the API’s envelope: code, status, details and the sentence of the code', () => {
    const error = apiErrorOf(409, {
      error: { code: 'BACKORDER.THRESHOLD_REACHED', message: 'for developers' },
    });
    expect(error).toMatchObject({ code: 'BACKORDER.THRESHOLD_REACHED', status: 409 });
    expect(error.sentence).toBe(ERROR_SENTENCES['BACKORDER.THRESHOLD_REACHED']);
    expect(describeError(error)).not.toContain('for developers');
  });

  it('names the fields of a validation refusal', () => {
    const error = apiErrorOf(400, {
      error: {
        code: 'VALIDATION.INVALID_BODY',
        message: 'x',
        details: [{ path: 'notification_emails.1', message: 'Invalid email address' }],
      },
    });
    expect(describeError(error)).toBe('Some values are not valid: notification_emails.1.');
  });

  it('turns anything else into a client code: an answer that is not the envelope, a failed fetch', () => {
    expect(apiErrorOf(502, '<html>Bad gateway</html>').code).toBe(CLIENT_ERROR_CODES.unexpected);
    expect(toApiError(new TypeError('Failed to fetch')).code).toBe(CLIENT_ERROR_CODES.network);
    const kept = new ApiError('ITEM.NOT_FOUND', 404);
    expect(toApiError(kept)).toBe(kept);
  });
});
