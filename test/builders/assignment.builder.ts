import type { Repositories } from '../../src/adapters/db/repositories.js';
import {
  type AssignedItemInput,
  type AssignProductInput,
  assignProductItems,
} from '../../src/app/items/assign-product-items.js';
import type { ItemRecord } from '../../src/app/ports/item-repository.js';
import type { StoreId } from '../../src/app/ports/store-id.js';
import { NOW } from './store.builder.js';

let sequence = 0;

function next(): number {
  sequence += 1;
  return sequence;
}

/** One item of a product being assigned; stock defaults as a template without limits gives them. */
export function anAssignedItemInput(overrides: Partial<AssignedItemInput> = {}): AssignedItemInput {
  const n = next();
  return {
    bcVariantId: 70_000 + n,
    sku: `SKU-${process.pid}-${n}`,
    stock: 10,
    threshold: null,
    incoming: 0,
    backInStockDate: null,
    ...overrides,
  };
}

/** Assigning a product with the given items (one variant by default). */
export function anAssignment(
  storeId: StoreId,
  overrides: Partial<Omit<AssignProductInput, 'items'>> & {
    items?: readonly Partial<AssignedItemInput>[];
  } = {},
): AssignProductInput {
  const n = next();
  const { items, ...rest } = overrides;
  return {
    storeId,
    idempotencyKey: `assign:${n}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:merchant@example.com',
    now: NOW,
    product: {
      bcProductId: 1_000 + n,
      name: `Product ${n}`,
      sku: `P-${process.pid}-${n}`,
      templateId: null,
      originalSettings: { inventory_tracking: 'variant', availability: 'available' },
    },
    items: (items ?? [{}]).map((i) => anAssignedItemInput(i)),
    ...rest,
  };
}

/** Assigns a one-item product and returns its item. */
export async function anAssignedItem(
  repos: Repositories,
  storeId: StoreId,
  item: Partial<AssignedItemInput> = {},
): Promise<ItemRecord> {
  const outcome = await assignProductItems(repos, anAssignment(storeId, { items: [item] }));
  if (!outcome.applied) throw new Error(`assignment failed: ${JSON.stringify(outcome)}`);
  return outcome.items[0]!.item;
}
