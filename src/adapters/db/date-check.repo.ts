import type { Kysely } from 'kysely';
import type { DateCheckRepository } from '../../app/ports/date-check-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { LocalDate } from '../../core/item.js';
import type { DB } from './schema.js';

/** The daily date check's progress, kept on the store row (migration 0002). */
export class KyselyDateCheckRepository implements DateCheckRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async listCheckedThrough(): Promise<ReadonlyMap<number, LocalDate | null>> {
    // One query for all stores: the check runs every few minutes and usually finds nothing to do.
    const rows = await this.db
      .selectFrom('stores')
      .select(['id', 'dates_checked_through'])
      .where('status', '=', 'installed')
      .execute();
    return new Map(rows.map((r) => [r.id, r.dates_checked_through]));
  }

  async markCheckedThrough(storeId: StoreId, date: LocalDate): Promise<void> {
    // Forward only: a slow, older run finishing late cannot undo a newer one's mark.
    await this.db
      .updateTable('stores')
      .set({ dates_checked_through: date })
      .where('id', '=', storeId)
      .where((eb) => eb.or([eb('dates_checked_through', 'is', null), eb('dates_checked_through', '<', date)]))
      .execute();
  }
}
