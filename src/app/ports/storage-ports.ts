import type { ActivityLog } from './activity-log.js';
import type { ApiKeyRepository } from './api-key-repository.js';
import type { AssignedProducts } from './assigned-products.js';
import type { AssignmentRunRepository } from './assignment-run-repository.js';
import type { CatalogEchoes } from './catalog-echoes.js';
import type { DateCheckRepository } from './date-check-repository.js';
import type { HistoryRepository } from './history-repository.js';
import type { ImportRunRepository } from './import-run-repository.js';
import type { ItemRepository } from './item-repository.js';
import type { ItemTransactions } from './item-transactions.js';
import type { LevelEchoes } from './level-echoes.js';
import type { ModeMoveRepository } from './mode-move-repository.js';
import type { NotificationRepository } from './notification-repository.js';
import type { OrderLineRepository } from './order-line-repository.js';
import type { OrderReport } from './order-report.js';
import type { Outbox } from './outbox.js';
import type { ProductRepository } from './product-repository.js';
import type { ReevaluationRepository } from './reevaluation-repository.js';
import type { SettingsRepository } from './settings-repository.js';
import type { StoreDashboard } from './store-dashboard.js';
import type { StoreRepository } from './store-repository.js';
import type { StoreUserRepository } from './store-user-repository.js';
import type { TemplateRepository } from './template-repository.js';
import type { UsedSignedRequests } from './used-signed-requests.js';
import type { WebhookInbox } from './webhook-inbox.js';

/**
 * Every storage port over one store of data (the tables of one database): what the item transactions
 * write, the other ports read. The database adapter (src/adapters/db, `createRepositories`) provides
 * it; use cases take the ports they name from it.
 */
export interface StoragePorts {
  readonly stores: StoreRepository;
  readonly settings: SettingsRepository;
  readonly templates: TemplateRepository;
  readonly products: ProductRepository;
  readonly items: ItemRepository;
  readonly itemTransactions: ItemTransactions;
  readonly history: HistoryRepository;
  readonly orderLines: OrderLineRepository;
  readonly inbox: WebhookInbox;
  readonly outbox: Outbox;
  readonly levelEchoes: LevelEchoes;
  readonly catalogEchoes: CatalogEchoes;
  readonly modeMoves: ModeMoveRepository;
  readonly reevaluations: ReevaluationRepository;
  readonly assignmentRuns: AssignmentRunRepository;
  readonly dateChecks: DateCheckRepository;
  readonly notifications: NotificationRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly orderReport: OrderReport;
  readonly storeUsers: StoreUserRepository;
  readonly activityLog: ActivityLog;
  readonly dashboard: StoreDashboard;
  readonly usedSignedRequests: UsedSignedRequests;
  readonly assignedProducts: AssignedProducts;
  readonly importRuns: ImportRunRepository;
}
