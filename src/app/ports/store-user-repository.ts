import type { StoreId } from './store-id.js';

/**
 * Control-panel users of each store who may open the app. BigCommerce tells the app about users at
 * install (the owner), at load (whoever opens it) and at remove_user; admin sessions are only honoured
 * for users still listed here, and a removal is remembered so an earlier link cannot undo it.
 */
export interface StoreUserRepository {
  /** Records the user, or refreshes their email and last-seen time. */
  upsertUser(storeId: StoreId, user: StoreUserInput, now: Date): Promise<void>;
  /**
   * BigCommerce removed the user from the app at `removedAt` (its removal request's signing time):
   * their row goes (ending their sessions) and the removal is remembered — the latest one, should
   * an older removal arrive later. True when a row was removed.
   */
  removeUser(storeId: StoreId, bcUserId: number, removedAt: Date): Promise<boolean>;
  /** When BigCommerce last removed the user from the app, or null if it never did. */
  findRemoval(storeId: StoreId, bcUserId: number): Promise<Date | null>;
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
