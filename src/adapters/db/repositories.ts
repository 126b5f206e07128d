import type { StoragePorts } from '../../app/ports/storage-ports.js';
import { KyselyActivityLog } from './activity-log.repo.js';
import { KyselyApiKeyRepository } from './api-key.repo.js';
import { KyselyAssignedProducts } from './assigned-products.repo.js';
import { KyselyAssignmentRunRepository } from './assignment-run.repo.js';
import { KyselyCatalogEchoes } from './catalog-echoes.repo.js';
import type { DatabaseHandle } from './database.js';
import { KyselyDateCheckRepository } from './date-check.repo.js';
import { KyselyHistoryRepository } from './history.repo.js';
import { KyselyImportRunRepository } from './import-run.repo.js';
import { KyselyWebhookInbox } from './inbox.repo.js';
import { KyselyItemRepository } from './item.repo.js';
import { KyselyItemTransactions } from './item-transactions.js';
import { KyselyLevelEchoes } from './level-echoes.repo.js';
import { KyselyModeMoveRepository } from './mode-move.repo.js';
import { KyselyNotificationRepository } from './notification.repo.js';
import { KyselyOrderLineRepository } from './order-line.repo.js';
import { KyselyOrderReport } from './order-report.repo.js';
import { KyselyOutbox } from './outbox.repo.js';
import { KyselyProductRepository } from './product.repo.js';
import { KyselyReevaluationRepository } from './reevaluation.repo.js';
import { KyselySettingsRepository } from './settings.repo.js';
import { KyselyStoreRepository } from './store.repo.js';
import { KyselyStoreDashboard } from './store-dashboard.repo.js';
import { KyselyStoreUserRepository } from './store-user.repo.js';
import { KyselyTemplateRepository } from './template.repo.js';
import { KyselyUsedSignedRequests } from './used-signed-request.repo.js';

/** Every storage adapter over one database, for wiring (src/main.ts) and tests. */
export function createRepositories({ db, dialect }: Pick<DatabaseHandle, 'db' | 'dialect'>) {
  return {
    stores: new KyselyStoreRepository(db),
    settings: new KyselySettingsRepository(db),
    templates: new KyselyTemplateRepository(db),
    products: new KyselyProductRepository(db),
    items: new KyselyItemRepository(db),
    itemTransactions: new KyselyItemTransactions(db, dialect),
    history: new KyselyHistoryRepository(db),
    orderLines: new KyselyOrderLineRepository(db),
    inbox: new KyselyWebhookInbox(db),
    outbox: new KyselyOutbox(db, dialect),
    levelEchoes: new KyselyLevelEchoes(db, dialect),
    catalogEchoes: new KyselyCatalogEchoes(db, dialect),
    modeMoves: new KyselyModeMoveRepository(db),
    reevaluations: new KyselyReevaluationRepository(db),
    assignmentRuns: new KyselyAssignmentRunRepository(db),
    dateChecks: new KyselyDateCheckRepository(db),
    notifications: new KyselyNotificationRepository(db, dialect),
    apiKeys: new KyselyApiKeyRepository(db),
    orderReport: new KyselyOrderReport(db),
    storeUsers: new KyselyStoreUserRepository(db),
    activityLog: new KyselyActivityLog(db),
    dashboard: new KyselyStoreDashboard(db),
    usedSignedRequests: new KyselyUsedSignedRequests(db),
    assignedProducts: new KyselyAssignedProducts(db, dialect),
    importRuns: new KyselyImportRunRepository(db),
  } satisfies StoragePorts;
}

/** The bag as the app sees it: ports only (tests hold it so, and reach no adapter-only method). */
export type Repositories = StoragePorts;
