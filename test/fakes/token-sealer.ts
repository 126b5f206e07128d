import type { TokenSealer } from '../../src/app/ports/token-sealer.js';

/**
 * A TokenSealer that records what it is asked to seal and passes everything to `sealer` (use-case
 * tests give it the real AES-GCM cipher, src/adapters/crypto/token-cipher.ts: pure, no I/O).
 */
export function recordingSealer(sealer: TokenSealer) {
  const sealed: { accessToken: string; storeHash: string; value: string }[] = [];
  const tokens: TokenSealer = {
    seal(accessToken, storeHash) {
      const value = sealer.seal(accessToken, storeHash);
      sealed.push({ accessToken, storeHash, value });
      return value;
    },
    open: (value, storeHash) => sealer.open(value, storeHash),
  };
  return { tokens, sealed };
}
