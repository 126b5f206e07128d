import { expect, it } from 'vitest';
import type { Repositories } from '../../../src/adapters/db/repositories.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { type AssignedItemInput, assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { unassignProductItems } from '../../../src/app/items/unassign-product-items.js';
import type { AssignedProductQuery } from '../../../src/app/ports/assigned-products.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { ItemEvent } from '../../../src/core/events.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

let bcIds = 900_000;
let events = 0;

/** A product assigned in `storeId` with these items (SKUs made unique per store by the caller). */
async function aProduct(
  repos: Repositories,
  storeId: StoreId,
  product: { name: string; sku?: string | null; templateId?: number | null; at?: Date },
  items: readonly Partial<AssignedItemInput>[] = [{ bcVariantId: null }],
) {
  bcIds += 1;
  const assignment = anAssignment(storeId, { items, now: product.at ?? NOW });
  const outcome = await assignProductItems(repos, {
    ...assignment,
    product: {
      ...assignment.product,
      bcProductId: bcIds,
      name: product.name,
      sku: product.sku === undefined ? `P${bcIds}` : product.sku,
      templateId: product.templateId ?? null,
    },
  });
  if (!outcome.applied) throw new Error('not assigned');
  return { product: outcome.product, items: outcome.items.map((i) => i.item) };
}

async function apply(
  repos: Repositories,
  storeId: StoreId,
  itemId: number,
  event: Exclude<ItemEvent, { kind: 'assigned' }>,
  now = NOW,
) {
  events += 1;
  const outcome = await applyItemEvent(repos, {
    storeId,
    itemId,
    idempotencyKey: `contract:${events}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:x',
    now,
    event,
  });
  if (!outcome.applied) throw new Error(`not applied: ${JSON.stringify(outcome)}`);
  return outcome.item;
}

const page = (query: Partial<AssignedProductQuery> = {}): AssignedProductQuery => ({
  offset: 0,
  limit: 50,
  ...query,
});

describeEachDatabase('AssignedProducts', (db) => {
  it('lists the store’s assigned products by name, each with its assigned items and template', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos);
    const made = await repos.templates.createTemplate(
      store.id,
      {
        name: 'Pre-order',
        buttonText: 'Pre-order',
        backorderMessage: '',
        cartMessage: '',
        unavailableMessage: '',
        threshold: null,
        incomingStock: 0,
        backInStockDate: null,
        packingSlipMessage: '',
      },
      NOW,
    );
    if (!made.ok) throw new Error(made.code);
    const s = store.id;
    const shoe = await aProduct(repos, s, { name: 'trail shoe', templateId: made.template.id }, [
      {
        bcVariantId: 11,
        sku: `SHOE-S-${s}`,
        stock: 3,
        optionValues: [{ optionId: 1, valueId: 2, name: 'Size', label: 'S' }],
      },
      {
        bcVariantId: 12,
        sku: `SHOE-M-${s}`,
        stock: 0,
        threshold: 4,
        incoming: 6,
        backInStockDate: '2025-04-01',
        optionValues: [{ optionId: 1, valueId: 3, name: 'Size', label: 'M' }],
      },
    ]);
    const cap = await aProduct(repos, s, { name: 'Cap', sku: null }, [{ bcVariantId: null, sku: null }]);
    const gone = await aProduct(repos, s, { name: 'Apron' });
    await unassignProductItems(repos, {
      storeId: s,
      productId: gone.product.id,
      idempotencyKey: `unassign:${gone.product.id}`,
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:x',
      now: NOW,
    });
    await aProduct(repos, other.id, { name: 'Another store’s' });

    const listed = await repos.assignedProducts.listAssignedProducts(s, page());

    expect(listed.total).toBe(2);
    expect(listed.products.map((p) => p.name)).toEqual(['Cap', 'trail shoe']);
    const [capRow, shoeRow] = listed.products;
    expect(capRow).toMatchObject({
      id: cap.product.id,
      bcProductId: cap.product.bcProductId,
      sku: null,
      templateId: null,
      templateName: null,
      assignedAt: NOW,
      updatedAt: NOW,
    });
    expect(capRow!.items.map((i) => [i.bcVariantId, i.sku])).toEqual([[null, null]]);
    expect(shoeRow).toMatchObject({ templateId: made.template.id, templateName: 'Pre-order' });
    expect(shoeRow!.items.map((i) => i.sku)).toEqual([`SHOE-S-${s}`, `SHOE-M-${s}`]);
    expect(shoeRow!.items[1]).toMatchObject({
      bcVariantId: 12,
      stock: 0,
      threshold: 4,
      incoming: 6,
      backInStockDate: '2025-04-01',
      status: 'backorder',
      block: null,
      active: true,
      optionValues: [{ optionId: 1, valueId: 3, name: 'Size', label: 'M' }],
    });
    expect(shoeRow!.items).toEqual(shoe.items);

    expect(await repos.assignedProducts.getAssignedProduct(s, shoe.product.bcProductId)).toEqual(shoeRow);
    expect(await repos.assignedProducts.getAssignedProduct(s, gone.product.bcProductId)).toBeNull();
    expect(await repos.assignedProducts.getAssignedProduct(other.id, shoe.product.bcProductId)).toBeNull();
    expect(await repos.assignedProducts.listAssignedProducts(other.id, page())).toMatchObject({ total: 1 });
  });

  it('walks every assigned product with its items by name, in keyset pages that skip and repeat nothing', async () => {
    const { repos } = db();
    const s = (await aStore(repos)).id;
    const other = await aStore(repos);
    // Two products with one name (ordered by id), names differing only in case, and one unassigned.
    const made = [];
    for (const name of ['beta', 'Alpha', 'alpha', 'Gamma', 'BETA', 'delta']) {
      made.push(
        await aProduct(repos, s, { name }, [{ bcVariantId: null, sku: `${name}-${made.length}-${s}` }]),
      );
    }
    const jacket = await aProduct(repos, s, { name: 'Jacket' }, [
      {
        bcVariantId: 21,
        sku: `J-S-${s}`,
        optionValues: [{ optionId: 1, valueId: 2, name: 'Size', label: 'S' }],
      },
      { bcVariantId: 22, sku: `J-M-${s}` },
    ]);
    await unassignProductItems(repos, {
      storeId: s,
      productId: made[5]!.product.id,
      idempotencyKey: `unassign:${made[5]!.product.id}`,
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:x',
      now: NOW,
    });
    await aProduct(repos, other.id, { name: 'Another store’s' });

    const walked: string[] = [];
    let after: Parameters<typeof repos.assignedProducts.listAssignedProductsByName>[1]['after'];
    let pages = 0;
    do {
      const listed = await repos.assignedProducts.listAssignedProductsByName(s, {
        limit: 2,
        ...(after === undefined ? {} : { after }),
      });
      pages += 1;
      walked.push(...listed.products.map((p) => `${p.name}:${p.items.length}`));
      expect(listed.products.length).toBeLessThanOrEqual(2);
      after = listed.next ?? undefined;
    } while (after !== undefined);

    const byName = (
      a: { product: { name: string; id: number } },
      b: { product: { name: string; id: number } },
    ) =>
      a.product.name.toLowerCase().localeCompare(b.product.name.toLowerCase()) || a.product.id - b.product.id;
    const expected = [...made.slice(0, 5), jacket]
      .sort(byName)
      .map((p) => `${p.product.name}:${p.items.length}`);
    expect(walked).toEqual(expected);
    expect(walked.slice(0, 2)).toEqual(['Alpha:1', 'alpha:1']);
    expect(pages).toBe(3);
    const all = await repos.assignedProducts.listAssignedProductsByName(s, { limit: 100 });
    expect(all.next).toBeNull();
    expect(all.products.find((p) => p.name === 'Jacket')!.items).toEqual(jacket.items);
    expect(
      (await repos.assignedProducts.listAssignedProductsByName(other.id, { limit: 100 })).products,
    ).toHaveLength(1);
  });

  it('finds products by a case-insensitive part of their name, their SKU or a variant’s SKU', async () => {
    const { repos } = db();
    const s = (await aStore(repos)).id;
    await aProduct(repos, s, { name: 'Blue Hoodie', sku: 'HOOD' }, [
      { bcVariantId: 1, sku: 'HD-blue-L' },
      { bcVariantId: 2, sku: 'HD-blue-XL' },
    ]);
    await aProduct(repos, s, { name: 'Red Scarf', sku: 'SCARF_1' }, [{ bcVariantId: null, sku: 'SC-RED' }]);
    await aProduct(repos, s, { name: '100% Wool Socks', sku: 'SOCK' }, [{ bcVariantId: null, sku: 'SO-1' }]);

    const names = async (search: string) =>
      (await repos.assignedProducts.listAssignedProducts(s, page({ search }))).products.map((p) => p.name);

    expect(await names('hoodie')).toEqual(['Blue Hoodie']);
    expect(await names('  RED ')).toEqual(['Red Scarf']);
    expect(await names('hood')).toEqual(['Blue Hoodie']);
    // A variant's SKU finds its product, with all of its items.
    expect(await names('blue-xl')).toEqual(['Blue Hoodie']);
    const found = await repos.assignedProducts.listAssignedProducts(s, page({ search: 'blue-xl' }));
    expect(found.products[0]!.items).toHaveLength(2);
    // `%` and `_` are the characters themselves, not wildcards.
    expect(await names('100%')).toEqual(['100% Wool Socks']);
    expect(await names('f_1')).toEqual(['Red Scarf']);
    expect(await names('f_2')).toEqual([]);
    expect(await names('%')).toEqual(['100% Wool Socks']);
    expect(await names('')).toEqual(['100% Wool Socks', 'Blue Hoodie', 'Red Scarf']);
    expect((await repos.assignedProducts.listAssignedProducts(s, page({ search: 'nothing' }))).total).toBe(0);
  });

  it('keeps products with at least one item in the status or block asked for, with all their items', async () => {
    const { repos } = db();
    const s = (await aStore(repos)).id;
    const mixed = await aProduct(repos, s, { name: 'Mixed' }, [
      { bcVariantId: 1, sku: `MX-1-${s}`, stock: 5 },
      { bcVariantId: 2, sku: `MX-2-${s}`, stock: 0 },
    ]);
    const stocked = await aProduct(repos, s, { name: 'Stocked' }, [{ sku: `ST-${s}`, stock: 8 }]);
    const off = await aProduct(repos, s, { name: 'Switched off' }, [{ sku: `OFF-${s}`, stock: 0 }]);
    await apply(repos, s, off.items[0]!.id, { kind: 'disabled' });
    const capped = await aProduct(repos, s, { name: 'Capped' }, [
      { sku: `CAP-${s}`, stock: 1, threshold: 1 },
    ]);
    await apply(repos, s, capped.items[0]!.id, { kind: 'sold', quantity: 2 });
    const inStockOff = await aProduct(repos, s, { name: 'In stock, off' }, [{ sku: `ISO-${s}`, stock: 9 }]);
    await apply(repos, s, inStockOff.items[0]!.id, { kind: 'disabled' });

    const names = async (query: Partial<AssignedProductQuery>) =>
      (await repos.assignedProducts.listAssignedProducts(s, page(query))).products.map((p) => p.name);

    expect(await names({ status: 'backorder' })).toEqual(['Mixed']);
    expect(
      (await repos.assignedProducts.listAssignedProducts(s, page({ status: 'backorder' }))).products[0]!
        .items,
    ).toHaveLength(2);
    expect(await names({ status: 'in_stock' })).toEqual(['In stock, off', 'Mixed', 'Stocked']);
    expect(await names({ status: 'unavailable' })).toEqual(['Capped', 'Switched off']);
    expect(await names({ block: 'manual' })).toEqual(['In stock, off', 'Switched off']);
    expect(await names({ block: 'threshold' })).toEqual(['Capped']);
    expect(await names({ block: 'date' })).toEqual([]);
    // Status and block hold for the same item.
    expect(await names({ status: 'in_stock', block: 'manual' })).toEqual(['In stock, off']);
    expect(await names({ status: 'backorder', block: 'manual' })).toEqual([]);
    expect(await names({ status: 'in_stock', search: 'stock' })).toEqual(['In stock, off', 'Stocked']);
    expect(stocked.items[0]!.status).toBe('in_stock');
    expect(mixed.items.map((i) => i.status)).toEqual(['in_stock', 'backorder']);
  });

  it('sorts by name, stock, backordered, latest change or assignment, either way, ties by id', async () => {
    const { repos } = db();
    const s = (await aStore(repos)).id;
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    const b = await aProduct(repos, s, { name: 'beta', at: at(1) }, [
      { bcVariantId: 1, sku: `B1-${s}`, stock: 2 },
      { bcVariantId: 2, sku: `B2-${s}`, stock: 2 },
    ]);
    const a = await aProduct(repos, s, { name: 'Alpha', at: at(2) }, [{ sku: `A-${s}`, stock: 7 }]);
    const c = await aProduct(repos, s, { name: 'Gamma', at: at(3) }, [{ sku: `C-${s}`, stock: 1 }]);
    const twin = await aProduct(repos, s, { name: 'alpha', at: at(3) }, [{ sku: `A2-${s}`, stock: 4 }]);
    // Selling changes stock, backordered and the latest change.
    await apply(repos, s, c.items[0]!.id, { kind: 'sold', quantity: 3 }, at(10));
    await apply(repos, s, b.items[1]!.id, { kind: 'edited', source: 'admin', stock: 6 }, at(20));

    const ids = async (query: Partial<AssignedProductQuery>) =>
      (await repos.assignedProducts.listAssignedProducts(s, page(query))).products.map((p) => p.id);
    const [A, B, C, T] = [a.product.id, b.product.id, c.product.id, twin.product.id];

    expect(await ids({})).toEqual([A, T, B, C]);
    expect(await ids({ sort: 'name', direction: 'desc' })).toEqual([C, B, T, A]);
    // Stock: beta 2 + 6, Alpha 7, Gamma 1 − 3, alpha 4.
    expect(await ids({ sort: 'stock' })).toEqual([C, T, A, B]);
    expect(await ids({ sort: 'stock', direction: 'desc' })).toEqual([B, A, T, C]);
    expect(await ids({ sort: 'backordered', direction: 'desc' })).toEqual([C, T, A, B]);
    // Latest change first by default.
    expect(await ids({ sort: 'updated' })).toEqual([B, C, T, A]);
    expect(await ids({ sort: 'updated', direction: 'asc' })).toEqual([A, T, C, B]);
    expect(await ids({ sort: 'assigned' })).toEqual([B, A, C, T]);
    const listed = await repos.assignedProducts.listAssignedProducts(s, page({ sort: 'updated' }));
    expect(listed.products[0]!.updatedAt).toEqual(at(20));
  });

  it('pages by offset and says how many products match in all', async () => {
    const { repos } = db();
    const s = (await aStore(repos)).id;
    for (const n of [5, 3, 1, 4, 2]) await aProduct(repos, s, { name: `Product ${n}` });

    const names = async (offset: number, limit: number) => {
      const listed = await repos.assignedProducts.listAssignedProducts(s, { offset, limit });
      return [listed.total, listed.products.map((p) => p.name)];
    };
    expect(await names(0, 2)).toEqual([5, ['Product 1', 'Product 2']]);
    expect(await names(2, 2)).toEqual([5, ['Product 3', 'Product 4']]);
    expect(await names(4, 2)).toEqual([5, ['Product 5']]);
    expect(await names(6, 2)).toEqual([5, []]);
  });
});
