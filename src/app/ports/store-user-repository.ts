/**
 * Control-panel users of each store who may open the app. BigCommerce tells the app about users at
 * install (the owner), at load (whoever opens it) and at remove_user; admin sessions are only honoured
 * for users still listed here.
 */
export interface StoreUserRepository {
  /** Records the user, or refreshes their email and last-seen time. */
  upsertUser(storeId: number, user: StoreUserInput, now: Date): Promise<void>;
  /** True when a row was removed. */
  removeUser(storeId: number, bcUserId: number): Promise<boolean>;
  removeAllUsers(storeId: number): Promise<number>;
  findUser(storeId: number, bcUserId: number): Promise<StoreUserRecord | null>;
  listUsers(storeId: number): Promise<StoreUserRecord[]>;
}

export interface StoreUserInput {
  readonly bcUserId: number;
  readonly email: string;
  readonly isOwner: boolean;
}

export interface StoreUserRecord extends StoreUserInput {
  readonly storeId: number;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}
