/**
 * Keeps a store's access token unreadable at rest: the token is sealed before the store is recorded and
 * opened only to call the store. A sealed value is bound to its store (the hash): one copied onto
 * another store's row does not open there. Storage never sees the token in clear.
 */
export interface TokenSealer {
  seal(accessToken: string, storeHash: string): string;
  /** Throws when the value was altered, sealed for another store, or with a key no longer held. */
  open(sealed: string, storeHash: string): string;
}
