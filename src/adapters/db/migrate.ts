import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator } from 'kysely';
import * as initialSchema from './migrations/0001-initial-schema.js';
import * as jobSlotsAndDateChecks from './migrations/0002-job-slots-and-date-checks.js';
import * as notificationBatches from './migrations/0003-notification-batches.js';
import * as storeUsers from './migrations/0004-store-users.js';
import * as assignmentRuns from './migrations/0005-assignment-runs.js';
import * as defaultMessageSections from './migrations/0006-default-message-sections.js';
import * as templateUnavailableMessage from './migrations/0007-template-unavailable-message.js';
import * as itemOptionValues from './migrations/0008-item-option-values.js';
import * as activityIndexes from './migrations/0009-activity-indexes.js';
import * as productsByTemplate from './migrations/0010-products-by-template.js';
import * as assignmentStockDefaults from './migrations/0011-assignment-stock-defaults.js';
import * as assignedProductsIndexes from './migrations/0012-assigned-products-indexes.js';
import * as requestKeysAndSignedRequests from './migrations/0014-request-keys-and-signed-requests.js';
import * as storeName from './migrations/0015-store-name.js';
import * as urgentOutboxMessages from './migrations/0016-urgent-outbox-messages.js';
import * as importRows from './migrations/0017-import-rows.js';
import * as orderCustomerName from './migrations/0018-order-customer-name.js';
import * as inventoryModes from './migrations/0019-inventory-modes.js';
import * as storeLocations from './migrations/0020-store-locations.js';
import * as cappedLevels from './migrations/0021-capped-levels.js';
import * as nativeBackordered from './migrations/0022-native-backordered.js';
import * as modeMoves from './migrations/0023-mode-moves.js';
import * as settingsReevaluations from './migrations/0024-settings-reevaluations.js';
import * as catalogEchoes from './migrations/0025-catalog-echoes.js';
import * as bigcommerceQuota from './migrations/0027-bigcommerce-quota.js';
import type { DB } from './schema.js';

/**
 * Every migration, in order. Listed by import (not found by globbing a folder) so they run the same
 * under tsx, a bundler or compiled JavaScript. Never edit an applied migration: add a new one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-job-slots-and-date-checks': jobSlotsAndDateChecks,
  '0003-notification-batches': notificationBatches,
  '0004-store-users': storeUsers,
  '0005-assignment-runs': assignmentRuns,
  '0006-default-message-sections': defaultMessageSections,
  '0007-template-unavailable-message': templateUnavailableMessage,
  '0008-item-option-values': itemOptionValues,
  '0009-activity-indexes': activityIndexes,
  '0010-products-by-template': productsByTemplate,
  '0011-assignment-stock-defaults': assignmentStockDefaults,
  '0012-assigned-products-indexes': assignedProductsIndexes,
  '0014-request-keys-and-signed-requests': requestKeysAndSignedRequests,
  '0015-store-name': storeName,
  '0016-urgent-outbox-messages': urgentOutboxMessages,
  '0017-import-rows': importRows,
  '0018-order-customer-name': orderCustomerName,
  '0019-inventory-modes': inventoryModes,
  '0020-store-locations': storeLocations,
  '0021-capped-levels': cappedLevels,
  '0022-native-backordered': nativeBackordered,
  '0023-mode-moves': modeMoves,
  '0024-settings-reevaluations': settingsReevaluations,
  '0025-catalog-echoes': catalogEchoes,
  '0027-bigcommerce-quota': bigcommerceQuota,
};

/** Names in the order they apply. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Brings the schema up to date. Safe to run on every start and from several instances at once:
 * PostgreSQL serialises migrators with an advisory lock, SQLite with its write lock.
 * Returns the names of the migrations it applied (empty when the schema was current).
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r: MigrationResult) => r.status === 'Error');
  if (error !== undefined) {
    const which = failed ? ` (migration ${failed.migrationName})` : '';
    throw new MigrationError(`Database migration failed${which}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
