import { bigCommerceWebhookEvents } from '../../../src/adapters/bigcommerce/webhook-events.adapter.js';
import type { AssignmentDeps } from '../../../src/app/assignment/assignment-deps.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import type { DeliverBackorderLimitsDeps } from '../../../src/app/outbox/deliver-backorder-limits.js';
import type { DeliverLevelsDeps } from '../../../src/app/outbox/deliver-levels.js';
import type { DeliverOutboxDeps } from '../../../src/app/outbox/deliver-outbox.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { JobContext, JobName } from '../../../src/app/ports/job-queue.js';
import type { SettingsPatch } from '../../../src/app/ports/settings-repository.js';
import type { StoragePorts } from '../../../src/app/ports/storage-ports.js';
import type { StoreProduct } from '../../../src/app/ports/store-catalog.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { StoreRecord } from '../../../src/app/ports/store-repository.js';
import type { StoreSetup } from '../../../src/app/ports/store-setup.js';
import type { TemplateInput, TemplateRecord } from '../../../src/app/ports/template-repository.js';
import {
  type ProcessWebhookDeps,
  type ProcessWebhookOutcome,
  processWebhook,
} from '../../../src/app/webhooks/process-webhook.js';
import type { ItemEvent } from '../../../src/core/events.js';
import { uniqueStoreHash } from '../../builders/store.builder.js';
import type { Delivery } from '../../builders/webhook.builder.js';
import {
  createInMemoryStorePorts,
  InMemoryBigCommerce,
  type InMemoryStore,
} from '../../fakes/bigcommerce/index.js';
import { type FixedClock, fixedClock } from '../../fakes/clock.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';
import { RecordingJobQueue } from '../../fakes/job-queue.js';

/**
 * A store for the use-case tests of the unit tier, entirely on fakes: the app's storage in memory
 * (test/fakes/in-memory), the store's BigCommerce side in memory (test/fakes/bigcommerce: seed it with
 * test/builders/catalog.builder.ts, change it as an ERP or a merchant would, read what the app wrote),
 * a recording job queue and a fixed clock. WebhookEvents is the real adapter: it is a pure translation
 * of BigCommerce's deliveries (test/builders/webhook.builder.ts builds them).
 *
 * The same use cases against the sandbox, SQLite and PostgreSQL are the `*.integration.test.ts` beside
 * the unit tests.
 */

/** The instant the use-case tests run at (the fake store stamps its modifications with it too). */
export const TEST_NOW = new Date('2026-03-10T15:00:00.000Z');

/** Every dependency the store's use cases take, wired as the composition root wires them. */
export type UseCaseDeps = AssignmentDeps &
  DeliverOutboxDeps &
  DeliverLevelsDeps &
  DeliverBackorderLimitsDeps &
  ProcessWebhookDeps &
  StoragePorts & { readonly storeSetup: StoreSetup; readonly jobs: RecordingJobQueue };

export interface StoreOnFakes {
  /** The app's store. */
  readonly store: StoreRecord;
  readonly storeId: StoreId;
  /** The app's storage. */
  readonly repos: StoragePorts;
  /** The store on the fake BigCommerce. */
  readonly shop: InMemoryStore;
  readonly jobs: RecordingJobQueue;
  readonly clock: FixedClock;
  /** What the use cases reported without failing (reportError). */
  readonly errors: { readonly error: unknown; readonly context: string }[];
  readonly deps: UseCaseDeps;
}

export interface StoreOptions {
  readonly timezone?: string;
  readonly settings?: SettingsPatch;
  /** The store's default template (none unless given). */
  readonly template?: Partial<TemplateInput>;
}

export const A_TEMPLATE: TemplateInput = {
  name: 'Default',
  buttonText: 'Pre-order',
  backorderMessage: 'Ships later',
  cartMessage: 'Backordered',
  unavailableMessage: '',
  threshold: null,
  incomingStock: 0,
  backInStockDate: null,
  packingSlipMessage: 'Backordered items ship separately.',
};

/** An installed store, connected to its (empty) BigCommerce store. */
export async function aStoreOnFakes(options: StoreOptions = {}): Promise<StoreOnFakes> {
  const clock = fixedClock(TEST_NOW);
  const repos = createInMemoryRepositories();
  // The fake store stamps what changes on it (`modifiedAt`) with the test's clock.
  const ports = createInMemoryStorePorts(
    new InMemoryBigCommerce({ stores: repos.stores, now: () => clock.now() }),
  );
  const store = await repos.stores.install({
    storeHash: uniqueStoreHash(),
    accessTokenEncrypted: 'v1:sealed-token',
    scope: 'store_v2_products store_v2_orders',
    timezone: options.timezone ?? 'America/Chicago',
    now: clock.now(),
  });
  if (options.settings !== undefined)
    await repos.settings.updateSettings(store.id, options.settings, TEST_NOW);
  if (options.template !== undefined) await aTemplate(repos, store.id, options.template);
  const shop = ports.bigcommerce.store(store.storeHash);
  const jobs = new RecordingJobQueue();
  const errors: { error: unknown; context: string }[] = [];
  const deps: UseCaseDeps = {
    ...repos,
    storeCatalog: ports.storeCatalog,
    storeInventory: ports.storeInventory,
    storeOrders: ports.storeOrders,
    storeSetup: ports.storeSetup,
    webhookEvents: bigCommerceWebhookEvents,
    jobs,
    clock,
    notificationWindowMs: 0,
    reportError: (error, context) => errors.push({ error, context }),
    deliveryOptions: { retryBaseMs: 1_000, retryMaxMs: 60_000 },
  };
  return { store, storeId: store.id, repos, shop, jobs, clock, errors, deps };
}

/** A template of the store (its default when it is the first). */
export async function aTemplate(
  repos: StoragePorts,
  storeId: StoreId,
  input: Partial<TemplateInput> = {},
): Promise<TemplateRecord> {
  const made = await repos.templates.createTemplate(storeId, { ...A_TEMPLATE, ...input }, TEST_NOW);
  if (!made.ok) throw new Error(`template: ${made.message}`);
  return made.template;
}

/** Records a delivery in the store's inbox as the webhook route does; its inbox id (null: a duplicate). */
export async function receive(world: StoreOnFakes, delivery: Delivery): Promise<number | null> {
  const read = bigCommerceWebhookEvents.readDelivery(delivery);
  if (!read.ok) throw new Error(`not a delivery: ${read.issues.join('; ')}`);
  const recorded = await world.repos.inbox.record(world.storeId, {
    eventHash: read.delivery.eventKey,
    scope: read.delivery.scope,
    payload: delivery,
    receivedAt: world.clock.now(),
  });
  return recorded.duplicate ? null : recorded.id;
}

/** Receives the delivery and processes it, as the webhook.process job does. */
export async function deliver(world: StoreOnFakes, delivery: Delivery): Promise<ProcessWebhookOutcome> {
  const inboxId = await receive(world, delivery);
  if (inboxId === null) throw new Error(`${delivery.scope} was received before (same event key)`);
  return processWebhook(world.deps, { storeId: world.storeId, inboxId });
}

export const jobContext = (name: JobName, attempt = 1): JobContext => ({ id: 'test', name, attempt });

let adminChanges = 0;

/** Applies `event` to an item through the item pipeline as the merchant's edit would; throws if refused. */
export async function adminChange(
  world: StoreOnFakes,
  itemId: number,
  event: Exclude<ItemEvent, { kind: 'assigned' }>,
) {
  adminChanges += 1;
  const outcome = await applyItemEvent(world.repos, {
    storeId: world.storeId,
    itemId,
    idempotencyKey: `test-change:${adminChanges}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:a@b.c',
    now: world.clock.now(),
    event,
  });
  if (!outcome.applied) throw new Error(`change refused: ${JSON.stringify(outcome)}`);
  return outcome;
}

/**
 * Assigns a product of the fake store straight through the item pipeline (the assignment use case is
 * tested on its own): one item for a product without options, one per option variant otherwise, with
 * the stock given (a number, or per variant SKU).
 */
export async function assigned(
  world: StoreOnFakes,
  product: StoreProduct,
  stock: number | Readonly<Record<string, number>>,
  options: { readonly threshold?: number | null; readonly templateId?: number | null } = {},
): Promise<ItemRecord[]> {
  const variants = product.variants.filter((v) => v.options.length > 0);
  const items =
    variants.length === 0
      ? [{ bcVariantId: null, sku: product.sku, stock: stock as number }]
      : variants.map((v) => ({
          bcVariantId: v.id,
          sku: v.sku,
          stock: (stock as Readonly<Record<string, number>>)[v.sku] ?? 0,
        }));
  const outcome = await assignProductItems(world.repos, {
    storeId: world.storeId,
    idempotencyKey: `test-assign:${product.id}`,
    cause: { type: 'assignment', ref: null },
    actor: 'admin:merchant@example.com',
    now: world.clock.now(),
    product: {
      bcProductId: product.id,
      name: product.name,
      sku: product.sku,
      templateId: options.templateId ?? null,
      originalSettings: { inventory_tracking: 'none' },
    },
    items: items.map((i) => ({
      ...i,
      threshold: options.threshold ?? null,
      incoming: 0,
      backInStockDate: null,
    })),
  });
  if (!outcome.applied) throw new Error(`assignment failed: ${JSON.stringify(outcome)}`);
  return outcome.items.map((i) => i.item);
}
