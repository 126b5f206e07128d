import type { RequestDeliveryDeps } from '../jobs/request-delivery.js';
import type { Clock } from '../ports/clock.js';
import type { ImportRunRepository } from '../ports/import-run-repository.js';
import type { ItemRepository } from '../ports/item-repository.js';
import type { ItemTransactions } from '../ports/item-transactions.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { SpreadsheetReader } from '../ports/spreadsheet-reader.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { TempFiles } from '../ports/temp-files.js';

/** What the import use cases need; wired in the composition root. */
export interface ImportDeps extends RequestDeliveryDeps {
  readonly importRuns: ImportRunRepository;
  readonly items: ItemRepository;
  readonly itemTransactions: ItemTransactions;
  /** The store's locale and time zone (how dates are written in its files, what "today" is). */
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
  readonly spreadsheetReader: SpreadsheetReader;
  readonly tempFiles: TempFiles;
  readonly notifications: NotificationRepository;
  readonly clock: Clock;
  /** config.mail.notificationWindowMs: the result email waits for the grouping window. */
  readonly notificationWindowMs?: number;
}
