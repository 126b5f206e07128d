import type { AssignmentDeps } from '../../app/assignment/assignment-deps.js';
import type { ImportDeps } from '../../app/imports/import-deps.js';
import type { ModeMoveDeps } from '../../app/modes/run-mode-move.js';
import type { ActivityLog } from '../../app/ports/activity-log.js';
import type { ApiKeyRepository } from '../../app/ports/api-key-repository.js';
import type { AssignedProducts } from '../../app/ports/assigned-products.js';
import type { Clock } from '../../app/ports/clock.js';
import type { HistoryRepository } from '../../app/ports/history-repository.js';
import type { ItemRepository } from '../../app/ports/item-repository.js';
import type { ItemTransactions } from '../../app/ports/item-transactions.js';
import type { JobQueue } from '../../app/ports/job-queue.js';
import type { OrderLineRepository } from '../../app/ports/order-line-repository.js';
import type { OrderReport } from '../../app/ports/order-report.js';
import type { PackingSlipPrinter } from '../../app/ports/packing-slip-printer.js';
import type { ProductRepository } from '../../app/ports/product-repository.js';
import type { ReevaluationRepository } from '../../app/ports/reevaluation-repository.js';
import type { SettingsRepository } from '../../app/ports/settings-repository.js';
import type { StoreDashboard } from '../../app/ports/store-dashboard.js';
import type { StoreOrders } from '../../app/ports/store-orders.js';
import type { StoreRepository } from '../../app/ports/store-repository.js';
import type { StoreSetup } from '../../app/ports/store-setup.js';
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
  /** Re-evaluations of the items after a change of S (PATCH /settings queues one). */
  readonly reevaluations: ReevaluationRepository;
  /** The store's locale and time zone (previews write dates as the storefront does). */
  readonly stores: Pick<StoreRepository, 'getStore' | 'recordInventoryFeatures'>;
  readonly templates: TemplateRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly orderReport: OrderReport;
  readonly activityLog: ActivityLog;
  readonly dashboard: StoreDashboard;
  readonly history: HistoryRepository;
  /** The packing slips: the orders the app recorded, each read again from BigCommerce, and printed. */
  readonly orderLines: Pick<OrderLineRepository, 'listOrderLines'>;
  readonly storeOrders: StoreOrders;
  /** The store's inventory features, checked on demand (Settings' "Check again"). */
  readonly storeSetup: Pick<StoreSetup, 'getInventoryFeatures'>;
  readonly packingSlipPrinter: PackingSlipPrinter;
  /**
   * The stores' control panel, `{store_hash}` standing for a store's hash
   * (`https://store-{store_hash}.mybigcommerce.com`): links to orders are made from it.
   */
  readonly controlPanelUrl: string;
  readonly jobs: JobQueue;
  /** Admin session tokens (src/http/session.ts), accepted besides API keys. */
  readonly session: SessionGuardDeps;
  /** What the assignment use cases (src/app/assignment) need: BigCommerce, runs, notifications, … */
  readonly assignment: AssignmentDeps;
  /** What the import use cases (src/app/imports) need: the runs, the file reader, temp files, … */
  readonly imports: ImportDeps;
  /** What mode moves (src/app/modes) need: BigCommerce's catalog and inventory, the moves, … */
  readonly modeMoves: ModeMoveDeps;
  /** Shown in the OpenAPI document. */
  readonly version?: string;
}
