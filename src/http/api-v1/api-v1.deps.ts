import type { AssignmentDeps } from '../../app/assignment/assignment-deps.js';
import type { ApiKeyRepository } from '../../app/ports/api-key-repository.js';
import type { AssignedProducts } from '../../app/ports/assigned-products.js';
import type { Clock } from '../../app/ports/clock.js';
import type { ItemRepository } from '../../app/ports/item-repository.js';
import type { ItemTransactions } from '../../app/ports/item-transactions.js';
import type { JobQueue } from '../../app/ports/job-queue.js';
import type { OrderReport } from '../../app/ports/order-report.js';
import type { ProductRepository } from '../../app/ports/product-repository.js';
import type { SettingsRepository } from '../../app/ports/settings-repository.js';
import type { TemplateRepository } from '../../app/ports/template-repository.js';
import type { SessionGuardDeps } from '../session.js';

/** What the public API needs; wired in the composition root. */
export interface ApiV1Deps {
  readonly clock: Clock;
  readonly items: ItemRepository;
  readonly itemTransactions: ItemTransactions;
  readonly products: ProductRepository;
  readonly assignedProducts: AssignedProducts;
  readonly settings: SettingsRepository;
  readonly templates: TemplateRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly orderReport: OrderReport;
  readonly jobs: JobQueue;
  /** Admin session tokens (src/http/session.ts), accepted besides API keys. */
  readonly session: SessionGuardDeps;
  /** What the assignment use cases (src/app/assignment) need: BigCommerce, runs, notifications, … */
  readonly assignment: AssignmentDeps;
  /** Shown in the OpenAPI document. */
  readonly version?: string;
}
