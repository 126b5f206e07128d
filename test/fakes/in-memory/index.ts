import type { StoragePorts } from '../../../src/app/ports/storage-ports.js';
import { InMemoryActivityLog, InMemoryStoreDashboard } from './activity.js';
import { InMemoryApiKeyRepository } from './api-keys.js';
import { InMemoryAssignedProducts } from './assigned-products.js';
import { InMemoryAssignmentRunRepository } from './assignment-runs.js';
import { InMemoryCatalogEchoes } from './catalog-echoes.js';
import { InMemoryDatabase } from './database.js';
import { InMemoryHistoryRepository } from './history.js';
import { InMemoryImportRunRepository } from './import-runs.js';
import { InMemoryWebhookInbox } from './inbox.js';
import { InMemoryItemTransactions } from './item-transactions.js';
import { InMemoryItemRepository, InMemoryProductRepository } from './items.js';
import { InMemoryLevelEchoes } from './level-echoes.js';
import { InMemoryModeMoveRepository } from './mode-moves.js';
import { InMemoryNotificationRepository } from './notifications.js';
import { InMemoryOrderLineRepository, InMemoryOrderReport } from './order-lines.js';
import { InMemoryOutbox } from './outbox.js';
import { InMemoryReevaluationRepository } from './reevaluations.js';
import {
  InMemoryDateCheckRepository,
  InMemorySettingsRepository,
  InMemoryStoreRepository,
  InMemoryStoreUserRepository,
} from './stores.js';
import { InMemoryTemplateRepository } from './templates.js';

import { InMemoryUsedSignedRequests } from './used-signed-requests.js';

export { InMemoryDatabase } from './database.js';

/**
 * Every storage port over one in-memory database: the same bag as `createRepositories(handle)` in
 * src/adapters/db/repositories.ts, held to the same contract suite (test/adapters/db). Pass a database
 * to look at what was stored (its journal, for instance); by default each call starts empty.
 */
export function createInMemoryRepositories(db: InMemoryDatabase = new InMemoryDatabase()): StoragePorts {
  return {
    stores: new InMemoryStoreRepository(db),
    settings: new InMemorySettingsRepository(db),
    templates: new InMemoryTemplateRepository(db),
    products: new InMemoryProductRepository(db),
    items: new InMemoryItemRepository(db),
    itemTransactions: new InMemoryItemTransactions(db),
    history: new InMemoryHistoryRepository(db),
    orderLines: new InMemoryOrderLineRepository(db),
    inbox: new InMemoryWebhookInbox(db),
    outbox: new InMemoryOutbox(db),
    levelEchoes: new InMemoryLevelEchoes(db),
    catalogEchoes: new InMemoryCatalogEchoes(db),
    modeMoves: new InMemoryModeMoveRepository(db),
    reevaluations: new InMemoryReevaluationRepository(db),
    assignmentRuns: new InMemoryAssignmentRunRepository(db),
    dateChecks: new InMemoryDateCheckRepository(db),
    notifications: new InMemoryNotificationRepository(db),
    apiKeys: new InMemoryApiKeyRepository(db),
    orderReport: new InMemoryOrderReport(db),
    storeUsers: new InMemoryStoreUserRepository(db),
    activityLog: new InMemoryActivityLog(db),
    dashboard: new InMemoryStoreDashboard(db),
    usedSignedRequests: new InMemoryUsedSignedRequests(db),
    assignedProducts: new InMemoryAssignedProducts(db),
    importRuns: new InMemoryImportRunRepository(db),
  };
}
