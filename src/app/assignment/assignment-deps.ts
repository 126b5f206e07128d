import type { AssignmentRunRepository } from '../ports/assignment-run-repository.js';
import type { CatalogEchoes } from '../ports/catalog-echoes.js';
import type { Clock } from '../ports/clock.js';
import type { HistoryRepository } from '../ports/history-repository.js';
import type { ItemRepository } from '../ports/item-repository.js';
import type { ItemTransactions } from '../ports/item-transactions.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { LevelEchoes } from '../ports/level-echoes.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { Outbox } from '../ports/outbox.js';
import type { ProductRepository } from '../ports/product-repository.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { StoreCatalog } from '../ports/store-catalog.js';
import type { StoreInventory } from '../ports/store-inventory.js';
import type { TemplateRepository } from '../ports/template-repository.js';
import type { StoreQuota } from './assignment-estimate.js';

/** What the assignment use cases need (one object for all of them; each uses a part). */
export interface AssignmentDeps {
  readonly storeCatalog: StoreCatalog;
  /** Cap at checkout and native backorders: levels read and written with the tracking the modes need. */
  readonly storeInventory: Pick<StoreInventory, 'setLevels' | 'readLevels'>;
  readonly levelEchoes: Pick<LevelEchoes, 'expect' | 'take'>;
  /** The app's product writes, so that their store/product/updated webhooks are not re-read. */
  readonly catalogEchoes: Pick<CatalogEchoes, 'expect' | 'take' | 'forgetOlderThan'>;
  readonly items: ItemRepository;
  readonly itemTransactions: ItemTransactions;
  readonly products: ProductRepository;
  readonly templates: Pick<TemplateRepository, 'getTemplate' | 'getDefaultTemplate'>;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
  readonly assignmentRuns: AssignmentRunRepository;
  readonly history: Pick<HistoryRepository, 'listLedger'>;
  readonly outbox: Pick<Outbox, 'listPending' | 'markDelivered'>;
  /** For `notify` (src/app/notifications): assigned / unassigned emails. */
  readonly notifications: NotificationRepository;
  /** config.mail.notificationWindowMs: when the grouped email is flushed. */
  readonly notificationWindowMs?: number;
  readonly jobs: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
  /** Told about failures that do not fail the use case (a job that could not be queued, an email refused). */
  readonly reportError?: (error: unknown, context: string) => void;
  readonly options?: AssignmentOptions;
}

export interface AssignmentOptions {
  /** Products fetched and assigned together (one BigCommerce read, batched writes). Default 250. */
  readonly chunkSize?: number;
  /**
   * An inline assignment also queues its run's job this far ahead, so a crash half-way is resumed by
   * the job (which finds the run done otherwise). Default 5 minutes.
   */
  readonly resumeAfterMs?: number;
  /** The store's BigCommerce quota, for the estimate told when a bulk run starts (default 150 / 30 s). */
  readonly storeQuota?: StoreQuota;
  /** What the storefront shows on variants the app disables. */
  readonly disabledMessage?: string;
}
