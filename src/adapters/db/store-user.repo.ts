import type { Kysely, Selectable } from 'kysely';
import type { StoreId } from '../../app/ports/store-id.js';
import type {
  StoreUserInput,
  StoreUserRecord,
  StoreUserRepository,
} from '../../app/ports/store-user-repository.js';
import { fromBool, fromTimestamp, toBool, toTimestamp } from './rows.js';
import type { DB, StoreUsersTable } from './schema.js';

export class KyselyStoreUserRepository implements StoreUserRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async upsertUser(storeId: StoreId, user: StoreUserInput, now: Date): Promise<void> {
    const at = toTimestamp(now);
    await this.db
      .insertInto('store_users')
      .values({
        store_id: storeId,
        bc_user_id: user.bcUserId,
        email: user.email,
        is_owner: toBool(user.isOwner),
        created_at: at,
        last_seen_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['store_id', 'bc_user_id'])
          .doUpdateSet({ email: user.email, is_owner: toBool(user.isOwner), last_seen_at: at }),
      )
      .execute();
  }

  async removeUser(storeId: StoreId, bcUserId: number, removedAt: Date): Promise<boolean> {
    const at = toTimestamp(removedAt);
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('store_user_removals')
        .values({ store_id: storeId, bc_user_id: bcUserId, removed_at: at })
        .onConflict((oc) =>
          oc
            .columns(['store_id', 'bc_user_id'])
            .doUpdateSet({ removed_at: at })
            .where('store_user_removals.removed_at', '<', at),
        )
        .execute();
      const result = await trx
        .deleteFrom('store_users')
        .where('store_id', '=', storeId)
        .where('bc_user_id', '=', bcUserId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async findRemoval(storeId: StoreId, bcUserId: number): Promise<Date | null> {
    const row = await this.db
      .selectFrom('store_user_removals')
      .select('removed_at')
      .where('store_id', '=', storeId)
      .where('bc_user_id', '=', bcUserId)
      .executeTakeFirst();
    return row === undefined ? null : fromTimestamp(row.removed_at);
  }

  async removeAllUsers(storeId: StoreId): Promise<number> {
    const result = await this.db.deleteFrom('store_users').where('store_id', '=', storeId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async findUser(storeId: StoreId, bcUserId: number): Promise<StoreUserRecord | null> {
    const row = await this.db
      .selectFrom('store_users')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('bc_user_id', '=', bcUserId)
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  }

  async listUsers(storeId: StoreId): Promise<StoreUserRecord[]> {
    const rows = await this.db
      .selectFrom('store_users')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('bc_user_id')
      .execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: Selectable<StoreUsersTable>): StoreUserRecord {
  return {
    storeId: row.store_id,
    bcUserId: row.bc_user_id,
    email: row.email,
    isOwner: fromBool(row.is_owner),
    createdAt: fromTimestamp(row.created_at),
    lastSeenAt: fromTimestamp(row.last_seen_at),
  };
}
