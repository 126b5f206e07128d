import Fastify, { type FastifyInstance } from 'fastify';
import { openDatabase } from '../../../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../../../src/adapters/db/migrate.js';
import { createRepositories, type Repositories } from '../../../../../src/adapters/db/repositories.js';
import { applyItemEvent } from '../../../../../src/app/items/apply-item-event.js';
import {
  type AssignedItemInput,
  assignProductItems,
} from '../../../../../src/app/items/assign-product-items.js';
import type { ItemRecord } from '../../../../../src/app/ports/item-repository.js';
import type { StoreId } from '../../../../../src/app/ports/store-id.js';
import type { TemplateInput, TemplateRecord } from '../../../../../src/app/ports/template-repository.js';
import {
  type StorefrontRoutesOptions,
  storefrontRoutes,
} from '../../../../../src/http/routes/storefront/index.js';
import { NOW } from '../../../../builders/store.builder.js';

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/**
 * The app with only the storefront plugin, wired to real repositories; its answers' cache as in
 * production unless `cache` says otherwise (`{ ttlMs: 0 }`: every request reads the storage).
 */
export async function storefrontApp(
  repos: Repositories,
  cache?: StorefrontRoutesOptions['cache'],
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(storefrontRoutes, {
    stores: repos.stores,
    products: repos.products,
    items: repos.items,
    templates: repos.templates,
    settings: repos.settings,
    ...(cache === undefined ? {} : { cache }),
  });
  await app.ready();
  return app;
}

export function aStorefrontTemplate(overrides: Partial<TemplateInput> = {}): TemplateInput {
  return {
    name: `Template ${process.pid}-${next()}`,
    buttonText: 'Pre-order now',
    backorderMessage: 'Ships on {back_in_stock_date}; {incoming_stock} on the way.',
    cartMessage: 'Backordered: ships on {back_in_stock_date}',
    unavailableMessage: '',
    threshold: null,
    incomingStock: 0,
    backInStockDate: null,
    packingSlipMessage: 'Backordered items ship separately.',
    ...overrides,
  };
}

export async function aTemplateIn(
  repos: Repositories,
  storeId: StoreId,
  overrides: Partial<TemplateInput> = {},
): Promise<TemplateRecord> {
  const result = await repos.templates.createTemplate(storeId, aStorefrontTemplate(overrides), NOW);
  if (!result.ok) throw new Error(`template refused: ${result.code}`);
  return result.template;
}

export interface AssignInput {
  readonly bcProductId: number;
  readonly templateId?: number | null;
  /** One per item; `bcVariantId: null` for a product without variants. */
  readonly items: readonly (Partial<AssignedItemInput> & { bcVariantId: number | null })[];
}

/** Assigns a product the way the assignment use case does, straight through the ItemRepository. */
export async function assignProduct(
  repos: Repositories,
  storeId: StoreId,
  input: AssignInput,
): Promise<{ productId: number; items: ItemRecord[] }> {
  const n = next();
  const outcome = await assignProductItems(repos, {
    storeId,
    idempotencyKey: `test-assign:${process.pid}:${n}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:merchant@example.com',
    now: NOW,
    product: {
      bcProductId: input.bcProductId,
      name: `Product ${input.bcProductId}`,
      sku: `P-${process.pid}-${n}`,
      templateId: input.templateId ?? null,
      originalSettings: { inventory_tracking: 'variant', availability: 'available' },
    },
    items: input.items.map((item, i) => ({
      sku: `S-${process.pid}-${n}-${i}`,
      stock: 10,
      threshold: null,
      incoming: 0,
      backInStockDate: null,
      ...item,
    })),
  });
  if (!outcome.applied) throw new Error(`assignment failed: ${JSON.stringify(outcome)}`);
  return { productId: outcome.product.id, items: outcome.items.map((i) => i.item) };
}

/** The merchant's "disable backorder" toggle on one item. */
export async function disableBackorder(repos: Repositories, storeId: StoreId, itemId: number): Promise<void> {
  const outcome = await applyItemEvent(repos, {
    storeId,
    itemId,
    event: { kind: 'disabled' },
    idempotencyKey: `test-disable:${process.pid}:${next()}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:merchant@example.com',
    now: NOW,
  });
  if (!outcome.applied) throw new Error(`disable failed: ${JSON.stringify(outcome)}`);
}

/** A migrated in-memory SQLite database with every repository (browser tests, script route tests). */
export async function memoryRepositories(): Promise<{ repos: Repositories; destroy: () => Promise<void> }> {
  const handle = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(handle.db);
  return { repos: createRepositories(handle), destroy: () => handle.destroy() };
}
