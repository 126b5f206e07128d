import type { StoreId } from './store-id.js';

/**
 * Control-panel users of each store who may open the app. BigCommerce tells the app about users at
 * install (the owner), at load (whoever opens it) and at remove_user; admin sessions are only honoured
 * for users still listed here.
 */
export interface StoreUserRepository {
  /** Records the user, or refreshes their email and last-seen time. */
  upsertUser(storeId: StoreId, user: StoreUserInput, now: Date): Promise<void>;
  /** True when a row was removed. */
  removeUser(storeId: StoreId, bcUserId: number): Promise<boolean>;
  removeAllUsers(storeId: StoreId): Promise<number>;
  findUser(storeId: StoreId, bcUserId: number): Promise<StoreUserRecord | null>;
  listUsers(storeId: StoreId): Promise<StoreUserRecord[]>;
}

export interface StoreUserInput {
  readonly bcUserId: number;
  readonly email: string;
  readonly isOwner: boolean;
}

export interface StoreUserRecord extends StoreUserInput {
  readonly storeId: StoreId;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}
