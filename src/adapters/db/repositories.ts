import type { DatabaseHandle } from './database.js';
import { KyselyHistoryRepository } from './history.repo.js';
import { KyselyWebhookInbox } from './inbox.repo.js';
import { KyselyItemStore } from './item-store.js';
import { KyselyOrderLineRepository } from './order-line.repo.js';
import { KyselyOutbox } from './outbox.repo.js';
import { KyselyProductRepository } from './product.repo.js';
import { KyselySettingsRepository } from './settings.repo.js';
import { KyselyStoreRepository } from './store.repo.js';
import { KyselyTemplateRepository } from './template.repo.js';

/** Every storage adapter over one database, for wiring (src/main.ts) and tests. */
export function createRepositories({ db, dialect }: Pick<DatabaseHandle, 'db' | 'dialect'>) {
  return {
    stores: new KyselyStoreRepository(db),
    settings: new KyselySettingsRepository(db),
    templates: new KyselyTemplateRepository(db),
    products: new KyselyProductRepository(db),
    items: new KyselyItemStore(db, dialect),
    history: new KyselyHistoryRepository(db),
    orderLines: new KyselyOrderLineRepository(db),
    inbox: new KyselyWebhookInbox(db),
    outbox: new KyselyOutbox(db, dialect),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
