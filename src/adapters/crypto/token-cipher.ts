import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TokenSealer } from '../../app/ports/token-sealer.js';

/**
 * Access tokens at rest: AES-256-GCM with a random 12-byte IV and the 16-byte authentication tag.
 *
 * Stored form: `{keyId}:{iv}:{tag}:{ciphertext}`, each part base64url, e.g. `v1:…:…:…`. The key id says
 * which key sealed the value, so a new key can be introduced later: seal with the new one, keep the old
 * ones for opening until every row was re-sealed (`needsResealing` tells which rows are due).
 *
 * `context` is bound as GCM associated data (the store hash): a ciphertext copied onto another store's
 * row does not open there. The app's TokenSealer: the install seals with it, the store clients open.
 */
export interface TokenCipher extends TokenSealer {
  seal(plaintext: string, context: string): string;
  /** Throws TokenCipherError when the value was altered, sealed for another context, or with an unknown key. */
  open(sealed: string, context: string): string;
  /** True when the value was sealed with a key other than the current one. */
  needsResealing(sealed: string): boolean;
}

export interface CipherKey {
  /** Short id written in front of every value, e.g. `v1`; letters and digits. */
  readonly id: string;
  /** 32 bytes. */
  readonly key: Buffer;
}

export class TokenCipherError extends Error {
  override readonly name = 'TokenCipherError';
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[a-z0-9]{1,16}$/i;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function createTokenCipher(options: {
  readonly current: CipherKey;
  /** Keys that may still open old values, never used to seal. */
  readonly retired?: readonly CipherKey[];
}): TokenCipher {
  const keys = new Map<string, Buffer>();
  for (const k of [options.current, ...(options.retired ?? [])]) {
    if (!KEY_ID.test(k.id)) throw new TypeError(`invalid token key id "${k.id}"`);
    if (k.key.length !== 32) throw new TypeError(`token key "${k.id}" must be 32 bytes, got ${k.key.length}`);
    if (keys.has(k.id)) throw new TypeError(`token key id "${k.id}" given twice`);
    // Copied so the caller zeroing or reusing its buffer cannot change ours.
    keys.set(k.id, Buffer.from(k.key));
  }
  const currentId = options.current.id;
  const currentKey = keys.get(currentId)!;

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, currentKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [currentId, b64(iv), b64(tag), b64(ciphertext)].join(':');
    },

    open(sealed, context) {
      const parts = sealed.split(':');
      if (parts.length !== 4 || !parts.slice(1).every((p) => BASE64URL.test(p))) {
        throw new TokenCipherError('sealed token is not in the form keyId:iv:tag:ciphertext');
      }
      const [keyId, ivText, tagText, dataText] = parts as [string, string, string, string];
      const key = keys.get(keyId);
      if (key === undefined) throw new TokenCipherError(`sealed token uses unknown key "${keyId}"`);
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new TokenCipherError('sealed token has a malformed IV or tag');
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(Buffer.from(dataText, 'base64url')), decipher.final()]);
        return plain.toString('utf8');
      } catch (error) {
        // Node says only "Unsupported state or unable to authenticate data"; say what it means here.
        throw new TokenCipherError(
          'sealed token failed authentication (altered, or sealed for another store)',
          {
            cause: error,
          },
        );
      }
    },

    needsResealing(sealed) {
      return sealed.split(':', 1)[0] !== currentId;
    },
  };
}

/** The cipher of the app's configuration: one key (`TOKEN_ENCRYPTION_KEY`) known as `v1`. */
export function tokenCipherFromKey(key: Buffer): TokenCipher {
  return createTokenCipher({ current: { id: 'v1', key } });
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}
