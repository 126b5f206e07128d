import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTokenCipher,
  TokenCipherError,
  tokenCipherFromKey,
} from '../../../src/adapters/crypto/token-cipher.js';

const key = randomBytes(32);
const cipher = tokenCipherFromKey(key);
const TOKEN = 'abc123tokenfrombigcommerce';

describe('token cipher (AES-256-GCM)', () => {
  it('seals as v1:iv:tag:ciphertext and opens again, with a fresh IV each time', () => {
    const a = cipher.seal(TOKEN, 'store1');
    const b = cipher.seal(TOKEN, 'store1');
    expect(a).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect(cipher.open(a, 'store1')).toBe(TOKEN);
    expect(cipher.open(b, 'store1')).toBe(TOKEN);
  });

  it('round-trips any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.stringMatching(/^[a-z0-9]{1,12}$/),
        (text, ctx) => {
          expect(cipher.open(cipher.seal(text, ctx), ctx)).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses any altered part, another store, another key and malformed values', () => {
    const sealed = cipher.seal(TOKEN, 'store1');
    const parts = sealed.split(':');
    const flip = (text: string) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    const altered = [1, 2, 3].map((i) => parts.map((p, j) => (j === i ? flip(p) : p)).join(':'));
    for (const bad of altered) expect(() => cipher.open(bad, 'store1')).toThrow(TokenCipherError);
    expect(() => cipher.open(sealed, 'store2')).toThrow(TokenCipherError);
    expect(() => tokenCipherFromKey(randomBytes(32)).open(sealed, 'store1')).toThrow(TokenCipherError);
    for (const bad of ['', 'v1:abc', `v9:${parts.slice(1).join(':')}`, `${sealed}:x`, 'v1:!!:??:..']) {
      expect(() => cipher.open(bad, 'store1')).toThrow(TokenCipherError);
    }
  });

  it('opens values of a retired key after rotation and tells which need resealing', () => {
    const old = cipher.seal(TOKEN, 's');
    const rotated = createTokenCipher({
      current: { id: 'v2', key: randomBytes(32) },
      retired: [{ id: 'v1', key }],
    });
    expect(rotated.open(old, 's')).toBe(TOKEN);
    expect(rotated.needsResealing(old)).toBe(true);
    const fresh = rotated.seal(TOKEN, 's');
    expect(fresh.startsWith('v2:')).toBe(true);
    expect(rotated.needsResealing(fresh)).toBe(false);
    expect(() => cipher.open(fresh, 's')).toThrow(TokenCipherError);
  });

  it('accepts only 32-byte keys with distinct ids', () => {
    expect(() => tokenCipherFromKey(randomBytes(16))).toThrow(TypeError);
    expect(() => createTokenCipher({ current: { id: 'v1', key }, retired: [{ id: 'v1', key }] })).toThrow(
      TypeError,
    );
    expect(() => createTokenCipher({ current: { id: 'v:1', key } })).toThrow(TypeError);
  });
});
