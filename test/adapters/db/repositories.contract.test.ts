import { describe, expect, test } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { unassignProductItems } from '../../../src/app/items/unassign-product-items.js';
import { type HistoryPosition, historyPositionOf } from '../../../src/app/ports/history-repository.js';
import { asStoreId, type StoreId } from '../../../src/app/ports/store-id.js';
import type { TemplateInput } from '../../../src/app/ports/template-repository.js';
import { anAssignedItem, anAssignment } from '../../builders/assignment.builder.js';
import { aStore, NOW, uniqueStoreHash } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const LATER = new Date(NOW.getTime() + 3_600_000);

function aTemplate(overrides: Partial<TemplateInput> = {}): TemplateInput {
  return {
    name: 'Standard',
    buttonText: 'Pre-order',
    backorderMessage: 'Back in stock on {back_in_stock_date}',
    cartMessage: 'This item is on backorder',
    unavailableMessage: 'Sold out until {back_in_stock_date}',
    threshold: 20,
    incomingStock: 5,
    backInStockDate: '2025-04-01',
    packingSlipMessage: 'Backordered items ship separately.',
    ...overrides,
  };
}

describeEachDatabase('Repositories', (db) => {
  describe('stores', () => {
    test('install creates the store with default settings; re-install keeps settings and refreshes credentials', async () => {
      const { repos } = db();
      const storeHash = uniqueStoreHash();
      const store = await repos.stores.install({
        storeHash,
        accessTokenEncrypted: 'v1:first',
        scope: 'a',
        timezone: 'Europe/Paris',
        now: NOW,
      });
      expect(store).toMatchObject({
        storeHash,
        status: 'installed',
        timezone: 'Europe/Paris',
        installedAt: NOW,
      });
      expect(await repos.settings.getSettings(store.id)).toEqual({
        storeId: store.id,
        switchCondition: 0,
        restockOnCancel: true,
        keepTrackingOff: true,
        notificationEmails: [],
        notifyEvents: ['backorder_enabled', 'backorder_disabled'],
        inventoryMode: 'emulated',
        updatedAt: NOW,
      });
      await repos.settings.updateSettings(store.id, { switchCondition: 4 }, NOW);
      expect(
        (await repos.settings.updateSettings(store.id, { inventoryMode: 'capped' }, NOW))?.inventoryMode,
      ).toBe('capped');

      await repos.stores.markUninstalled(store.id, LATER);
      expect(await repos.stores.getStore(store.id)).toMatchObject({
        status: 'uninstalled',
        accessTokenEncrypted: null,
        uninstalledAt: LATER,
      });
      expect((await repos.stores.listInstalledStores()).map((s) => s.id)).not.toContain(store.id);

      const again = await repos.stores.install({
        storeHash,
        accessTokenEncrypted: 'v1:second',
        scope: 'b',
        now: LATER,
      });
      expect(again).toMatchObject({
        id: store.id,
        status: 'installed',
        accessTokenEncrypted: 'v1:second',
        scope: 'b',
        timezone: 'Europe/Paris',
        uninstalledAt: null,
      });
      expect(await repos.settings.getSettings(store.id)).toMatchObject({ switchCondition: 4 });
      expect(await repos.stores.findStoreByHash(storeHash)).toEqual(again);
      expect((await repos.stores.listInstalledStores()).map((s) => s.id)).toContain(store.id);
    });

    test('the profile (time zone, locale) feeds the rules', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 2 });
      await repos.stores.updateProfile(store.id, { timezone: 'Asia/Tokyo', locale: 'ja-JP' }, LATER);
      expect(await repos.settings.getRules(store.id)).toEqual({
        switchCondition: 2,
        timeZone: 'Asia/Tokyo',
        inventoryMode: 'emulated',
      });
      expect(await repos.settings.getRules(asStoreId(987_654_321))).toBeNull();
    });

    test('the store’s name is null until its profile gives one, and kept when a change leaves it out', async () => {
      const { repos } = db();
      const store = await aStore(repos);
      expect(store.name).toBeNull();
      await repos.stores.updateProfile(store.id, { name: 'Acme Outdoor' }, LATER);
      await repos.stores.updateProfile(store.id, { timezone: 'Asia/Tokyo' }, LATER);
      expect(await repos.stores.getStore(store.id)).toMatchObject({
        name: 'Acme Outdoor',
        timezone: 'Asia/Tokyo',
      });
    });

    test('the inventory features: unknown until checked, then each check recorded with its time, per store', async () => {
      const { repos } = db();
      const [store, other] = [await aStore(repos), await aStore(repos)];
      expect(store).toMatchObject({
        nativeBackorders: null,
        inventoryFeaturesCheckedAt: null,
        locations: null,
      });

      const checked = await repos.stores.recordInventoryFeatures(
        store.id,
        { nativeBackorders: true, locations: 3 },
        NOW,
      );
      expect(checked).toMatchObject({
        nativeBackorders: true,
        inventoryFeaturesCheckedAt: NOW,
        locations: 3,
      });
      await repos.stores.recordInventoryFeatures(
        store.id,
        { nativeBackorders: false, locations: null },
        LATER,
      );
      expect(await repos.stores.getStore(store.id)).toMatchObject({
        nativeBackorders: false,
        inventoryFeaturesCheckedAt: LATER,
        locations: null,
      });
      expect(await repos.stores.getStore(other.id)).toMatchObject({
        nativeBackorders: null,
        inventoryFeaturesCheckedAt: null,
      });
      expect(
        await repos.stores.recordInventoryFeatures(
          asStoreId(987_654_321),
          { nativeBackorders: true, locations: 1 },
          NOW,
        ),
      ).toBeNull();
    });
  });

  describe('settings', () => {
    test('are updated per store, and the database refuses a negative switch condition', async () => {
      const { repos } = db();
      const [a, b] = [await aStore(repos), await aStore(repos)];
      const updated = await repos.settings.updateSettings(
        a.id,
        { restockOnCancel: false, notificationEmails: ['ops@example.com'], notifyEvents: [] },
        LATER,
      );
      expect(updated).toMatchObject({
        restockOnCancel: false,
        notificationEmails: ['ops@example.com'],
        notifyEvents: [],
      });
      expect(await repos.settings.getSettings(b.id)).toMatchObject({
        restockOnCancel: true,
        notificationEmails: [],
      });
      await expect(repos.settings.updateSettings(a.id, { switchCondition: -1 }, LATER)).rejects.toThrow();
      expect(
        await repos.settings.updateSettings(asStoreId(987_654_321), { switchCondition: 1 }, LATER),
      ).toBeNull();
    });
  });

  describe('templates', () => {
    test('the first template is the default; exactly one default at a time', async () => {
      const { repos } = db();
      const store = await aStore(repos);
      const first = await repos.templates.createTemplate(store.id, aTemplate(), NOW);
      const second = await repos.templates.createTemplate(store.id, aTemplate({ name: 'Seasonal' }), NOW);
      if (!first.ok || !second.ok) throw new Error('templates not created');
      expect(first.template).toMatchObject({ isDefault: true, threshold: 20, backInStockDate: '2025-04-01' });
      expect(second.template.isDefault).toBe(false);

      expect(await repos.templates.setDefaultTemplate(store.id, second.template.id, LATER)).toMatchObject({
        ok: true,
        template: { isDefault: true },
      });
      const all = await repos.templates.listTemplates(store.id);
      expect(all.filter((t) => t.isDefault).map((t) => t.id)).toEqual([second.template.id]);
      expect((await repos.templates.getDefaultTemplate(store.id))?.id).toBe(second.template.id);
    });

    test('names are unique per store; edits, deletes and their refusals', async () => {
      const { repos } = db();
      const [store, other] = [await aStore(repos), await aStore(repos)];
      const standard = await repos.templates.createTemplate(store.id, aTemplate(), NOW);
      if (!standard.ok) throw new Error(standard.code);
      expect(await repos.templates.createTemplate(store.id, aTemplate(), NOW)).toMatchObject({
        ok: false,
        code: 'TEMPLATE.NAME_TAKEN',
      });
      expect((await repos.templates.createTemplate(other.id, aTemplate(), NOW)).ok).toBe(true);

      const extra = await repos.templates.createTemplate(store.id, aTemplate({ name: 'Extra' }), NOW);
      if (!extra.ok) throw new Error(extra.code);
      expect(
        await repos.templates.updateTemplate(store.id, extra.template.id, { name: 'Standard' }, LATER),
      ).toMatchObject({
        ok: false,
        code: 'TEMPLATE.NAME_TAKEN',
      });
      expect(
        await repos.templates.updateTemplate(
          store.id,
          extra.template.id,
          { threshold: null, cartMessage: 'Later' },
          LATER,
        ),
      ).toMatchObject({
        ok: true,
        template: { name: 'Extra', threshold: null, cartMessage: 'Later', updatedAt: LATER },
      });
      expect(
        await repos.templates.updateTemplate(other.id, extra.template.id, { name: 'Stolen' }, LATER),
      ).toMatchObject({
        ok: false,
        code: 'TEMPLATE.NOT_FOUND',
      });

      expect(await repos.templates.deleteTemplate(store.id, standard.template.id)).toMatchObject({
        code: 'TEMPLATE.IS_DEFAULT',
      });
      await assignProductItems(
        repos,
        anAssignment(store.id, {
          product: { ...anAssignment(store.id).product, templateId: extra.template.id },
        }),
      );
      expect(await repos.templates.deleteTemplate(store.id, extra.template.id)).toMatchObject({
        code: 'TEMPLATE.IN_USE',
      });
      const unused = await repos.templates.createTemplate(store.id, aTemplate({ name: 'Unused' }), NOW);
      if (!unused.ok) throw new Error(unused.code);
      expect(await repos.templates.deleteTemplate(other.id, unused.template.id)).toMatchObject({
        code: 'TEMPLATE.NOT_FOUND',
      });
      expect(await repos.templates.deleteTemplate(store.id, unused.template.id)).toEqual({ ok: true });
      expect(await repos.templates.getTemplate(store.id, unused.template.id)).toBeNull();
    });
  });

  describe('products', () => {
    test('are listed per store and by assignment, and follow their template', async () => {
      const { repos } = db();
      const store = await aStore(repos);
      const template = await repos.templates.createTemplate(store.id, aTemplate(), NOW);
      if (!template.ok) throw new Error(template.code);
      const one = await assignProductItems(repos, anAssignment(store.id));
      const two = await assignProductItems(repos, anAssignment(store.id));
      if (!one.applied || !two.applied) throw new Error('not assigned');
      await unassignProductItems(repos, {
        storeId: store.id,
        productId: two.product.id,
        idempotencyKey: 'unassign:two',
        cause: { type: 'admin_action', ref: null },
        actor: 'admin:x',
        now: NOW,
      });

      expect((await repos.products.listProducts(store.id, { assigned: true })).map((p) => p.id)).toEqual([
        one.product.id,
      ]);
      expect((await repos.products.listProducts(store.id)).map((p) => p.id)).toEqual([
        one.product.id,
        two.product.id,
      ]);
      expect(await repos.products.listProducts(store.id, { afterId: one.product.id })).toHaveLength(1);
      const linked = await repos.products.setTemplate(store.id, one.product.id, template.template.id, LATER);
      expect(linked).toMatchObject({ templateId: template.template.id, updatedAt: LATER });
      expect(await repos.products.listProducts(store.id, { templateId: template.template.id })).toHaveLength(
        1,
      );
    });

    test('are counted by template, unassigned ones included, store by store', async () => {
      const { repos } = db();
      const [store, other] = [await aStore(repos), await aStore(repos)];
      const [first, second] = [
        await repos.templates.createTemplate(store.id, aTemplate({ name: 'First' }), NOW),
        await repos.templates.createTemplate(store.id, aTemplate({ name: 'Second' }), NOW),
      ];
      const elsewhere = await repos.templates.createTemplate(other.id, aTemplate({ name: 'First' }), NOW);
      if (!first.ok || !second.ok || !elsewhere.ok) throw new Error('no template');
      expect(await repos.products.countProductsByTemplate(store.id)).toEqual(new Map());

      const linkedTo = async (storeId: typeof store.id, templateId: number | null) => {
        const assignment = anAssignment(storeId);
        const outcome = await assignProductItems(repos, {
          ...assignment,
          product: { ...assignment.product, templateId },
        });
        if (!outcome.applied) throw new Error('not assigned');
        return outcome.product;
      };
      await linkedTo(store.id, first.template.id);
      const unassigned = await linkedTo(store.id, first.template.id);
      await linkedTo(store.id, second.template.id);
      await linkedTo(store.id, null);
      await linkedTo(other.id, elsewhere.template.id);
      await unassignProductItems(repos, {
        storeId: store.id,
        productId: unassigned.id,
        idempotencyKey: `unassign:${unassigned.id}`,
        cause: { type: 'admin_action', ref: null },
        actor: 'admin:x',
        now: NOW,
      });

      expect(await repos.products.countProductsByTemplate(store.id)).toEqual(
        new Map([
          [first.template.id, 2],
          [second.template.id, 1],
        ]),
      );
      expect(await repos.products.countProductsByTemplate(other.id)).toEqual(
        new Map([[elsewhere.template.id, 1]]),
      );
    });
  });

  describe('items', () => {
    test('are found by BigCommerce ids (with or without variant) and SKU, and listed with filters', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 0 });
      const plain = await anAssignedItem(repos, store.id, {
        bcVariantId: null,
        stock: 0,
        sku: `PLAIN-${store.id}`,
      });
      const dated = await anAssignedItem(repos, store.id, { stock: 3, backInStockDate: '2025-03-01' });

      expect(await repos.items.findItemByBcIds(store.id, plain.bcProductId, null)).toEqual(plain);
      expect(await repos.items.findItemByBcIds(store.id, dated.bcProductId, dated.bcVariantId)).toEqual(
        dated,
      );
      expect(await repos.items.findItemBySku(store.id, `PLAIN-${store.id}`)).toEqual(plain);
      expect((await repos.items.listItems(store.id, { status: 'backorder' })).map((i) => i.id)).toEqual([
        plain.id,
      ]);
      expect(
        (await repos.items.listItems(store.id, { backInStockDateOnOrBefore: '2025-03-10' })).map((i) => i.id),
      ).toEqual([dated.id]);
      expect(await repos.items.listItems(store.id, { productId: plain.productId })).toEqual([plain]);
      expect(await repos.items.listItems(store.id, { afterId: plain.id, limit: 1 })).toEqual([dated]);
    });
  });

  describe('store users', () => {
    test('are recorded once per store and user, refreshed on each visit, listed by user id and removed', async () => {
      const { repos } = db();
      const [store, other] = [await aStore(repos), await aStore(repos)];
      await repos.storeUsers.upsertUser(
        store.id,
        { bcUserId: 9, email: 'staff@example.com', isOwner: false },
        NOW,
      );
      await repos.storeUsers.upsertUser(
        store.id,
        { bcUserId: 3, email: 'owner@example.com', isOwner: true },
        NOW,
      );
      await repos.storeUsers.upsertUser(
        other.id,
        { bcUserId: 9, email: 'staff@example.com', isOwner: true },
        NOW,
      );
      await repos.storeUsers.upsertUser(
        store.id,
        { bcUserId: 9, email: 'new@example.com', isOwner: false },
        LATER,
      );

      expect(await repos.storeUsers.listUsers(store.id)).toEqual([
        {
          storeId: store.id,
          bcUserId: 3,
          email: 'owner@example.com',
          isOwner: true,
          createdAt: NOW,
          lastSeenAt: NOW,
        },
        {
          storeId: store.id,
          bcUserId: 9,
          email: 'new@example.com',
          isOwner: false,
          createdAt: NOW,
          lastSeenAt: LATER,
        },
      ]);
      expect(await repos.storeUsers.findUser(other.id, 9)).toMatchObject({ isOwner: true, lastSeenAt: NOW });
      expect(await repos.storeUsers.findUser(other.id, 3)).toBeNull();

      expect(await repos.storeUsers.findRemoval(store.id, 9)).toBeNull();
      expect(await repos.storeUsers.removeUser(store.id, 9, LATER)).toBe(true);
      expect(await repos.storeUsers.removeUser(store.id, 9, NOW)).toBe(false);
      expect(await repos.storeUsers.findUser(store.id, 9)).toBeNull();
      // The latest removal is remembered, whatever order the removals came in; per store.
      expect(await repos.storeUsers.findRemoval(store.id, 9)).toEqual(LATER);
      expect(await repos.storeUsers.findRemoval(other.id, 9)).toBeNull();
      const latest = new Date(LATER.getTime() + 1000);
      await repos.storeUsers.removeUser(store.id, 9, latest);
      expect(await repos.storeUsers.findRemoval(store.id, 9)).toEqual(latest);
      expect(await repos.storeUsers.findUser(other.id, 9)).not.toBeNull();
      expect(await repos.storeUsers.removeAllUsers(store.id)).toBe(1);
      expect(await repos.storeUsers.listUsers(store.id)).toEqual([]);
      expect(await repos.storeUsers.listUsers(other.id)).toHaveLength(1);
    });
  });

  describe('used signed requests', () => {
    test('accept a request id once per store, until it is forgotten after it expired', async () => {
      const { repos } = db();
      const [store, other] = [await aStore(repos), await aStore(repos)];
      const expires = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);
      const used = repos.usedSignedRequests;

      expect(await used.markUsed(store.id, 'jti-1', expires, NOW)).toBe(true);
      expect(await used.markUsed(store.id, 'jti-1', expires, LATER)).toBe(false);
      expect(await used.markUsed(other.id, 'jti-1', expires, NOW)).toBe(true);
      const both = await Promise.all([
        used.markUsed(store.id, 'jti-2', expires, NOW),
        used.markUsed(store.id, 'jti-2', expires, NOW),
      ]);
      expect(both.sort()).toEqual([false, true]);

      expect(await used.forgetExpired(store.id, LATER)).toBe(0);
      const afterExpiry = new Date(expires.getTime() + 1000);
      expect(await used.forgetExpired(store.id, afterExpiry)).toBe(2);
      // Only the store's own: the other store's use is still remembered.
      expect(await used.markUsed(other.id, 'jti-1', expires, LATER)).toBe(false);
      expect(await used.markUsed(store.id, 'jti-1', expires, afterExpiry)).toBe(true);
    });
  });

  describe('webhook inbox', () => {
    test('records a webhook once per hash and store, even when deliveries race', async () => {
      const { repos } = db();
      const [store, other] = [await aStore(repos), await aStore(repos)];
      const webhook = {
        eventHash: 'sha256:abc',
        scope: 'store/order/created',
        payload: { id: 1 },
        receivedAt: NOW,
      };

      const deliveries = await Promise.all(
        Array.from({ length: 10 }, () => repos.inbox.record(store.id, webhook)),
      );
      expect(deliveries.filter((d) => !d.duplicate)).toHaveLength(1);
      expect(new Set(deliveries.map((d) => d.id)).size).toBe(1);
      expect((await repos.inbox.record(other.id, webhook)).duplicate).toBe(false);

      const [pending] = await repos.inbox.listPending(store.id);
      expect(pending).toMatchObject({ ...webhook, storeId: store.id, processedAt: null, attempts: 0 });
      await repos.inbox.markFailed(store.id, pending!.id, 'BigCommerce unavailable');
      expect(await repos.inbox.listPending(store.id)).toMatchObject([
        { attempts: 1, lastError: 'BigCommerce unavailable' },
      ]);
      await repos.inbox.markProcessed(other.id, pending!.id, LATER); // another store's id: no effect
      expect(await repos.inbox.listPending(store.id)).toHaveLength(1);
      await repos.inbox.markProcessed(store.id, pending!.id, LATER);
      expect(await repos.inbox.listPending(store.id)).toEqual([]);
    });
  });

  describe('history', () => {
    test('lists ledger and transitions newest first, per item, in keyset pages', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 0 });
      const item = await anAssignedItem(repos, store.id, { stock: 5 });
      const other = await anAssignedItem(repos, store.id, { stock: 5 });
      for (let n = 0; n < 4; n += 1) {
        await applyItemEvent(repos, {
          storeId: store.id,
          itemId: item.id,
          event: { kind: 'sold', quantity: 2 },
          idempotencyKey: `history:${n}`,
          cause: { type: 'order_line', ref: String(n) },
          actor: 'bigcommerce',
          now: LATER,
        });
      }

      const ledger = await repos.history.listLedger(store.id, { itemId: item.id });
      expect(ledger.map((r) => r.stockAfter)).toEqual([-3, -1, 1, 3, 5]);
      expect(
        await repos.history.listLedger(store.id, { itemId: item.id, beforeId: ledger[1]!.id, limit: 2 }),
      ).toEqual(ledger.slice(2, 4));
      expect((await repos.history.listLedger(store.id, { limit: 1 }))[0]).toEqual(ledger[0]);
      expect((await repos.history.listLedger(store.id)).map((r) => r.itemId).sort()).toEqual(
        [...Array(5).fill(item.id), other.id].sort(),
      );

      const transitions = await repos.history.listTransitions(store.id);
      expect(transitions.map((t) => [t.itemId, t.to.status])).toEqual([
        [item.id, 'backorder'],
        [other.id, 'in_stock'],
        [item.id, 'in_stock'],
      ]);
      expect(await repos.history.listTransitions(store.id, { beforeId: transitions[0]!.id })).toEqual(
        transitions.slice(1),
      );
      expect(
        await repos.history.listTransitions(store.id, { itemId: item.id, beforeId: transitions[0]!.id }),
      ).toEqual([transitions[2]]);
    });
  });

  describe('an item’s history', () => {
    test('movements and transitions together, newest change first, a change’s transition before its movement, in keyset pages', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 0 });
      const item = await anAssignedItem(repos, store.id, { stock: 5 });
      await anAssignedItem(repos, store.id, { stock: 5 });
      for (let n = 0; n < 4; n += 1) {
        await applyItemEvent(repos, {
          storeId: store.id,
          itemId: item.id,
          event: { kind: 'sold', quantity: 2 },
          idempotencyKey: `item-history:${n}`,
          cause: { type: 'order_line', ref: String(n) },
          actor: 'bigcommerce',
          now: LATER,
        });
      }

      const all = await repos.history.listItemHistory(store.id, item.id, { limit: 100 });
      const label = (e: (typeof all)[number]) =>
        e.type === 'movement' ? `stock ${e.movement.stockAfter}` : `→ ${e.transition.to.status}`;
      expect(all.map(label)).toEqual([
        'stock -3',
        '→ backorder',
        'stock -1',
        'stock 1',
        'stock 3',
        '→ in_stock',
        'stock 5',
      ]);
      expect(all.every((e) => (e.type === 'movement' ? e.movement : e.transition).itemId === item.id)).toBe(
        true,
      );

      // Pages of 3 continue where the previous one stopped, whatever the type of its last entry.
      const paged = [];
      let before: HistoryPosition | undefined;
      for (;;) {
        const page = await repos.history.listItemHistory(store.id, item.id, {
          limit: 3,
          ...(before === undefined ? {} : { before }),
        });
        paged.push(...page);
        if (page.length < 3) break;
        before = historyPositionOf(page[page.length - 1]!);
      }
      expect(paged).toEqual(all);
      expect(await repos.history.listItemHistory(store.id, item.id)).toEqual(all);

      const other = await aStore(repos);
      expect(await repos.history.listItemHistory(other.id, item.id)).toEqual([]);
    });
  });

  describe('order report', () => {
    async function sell(
      storeId: StoreId,
      itemId: number,
      line: { order: number; line: number; quantity: number; at: Date; customer?: string },
    ) {
      const outcome = await applyItemEvent(db().repos, {
        storeId,
        itemId,
        event: { kind: 'sold', quantity: line.quantity },
        idempotencyKey: `order:${line.order}:line:${line.line}:sale`,
        cause: { type: 'order_line', ref: String(line.line) },
        actor: 'system',
        now: line.at,
        orderLine: {
          bcOrderId: line.order,
          bcOrderProductId: line.line,
          customerName: line.customer ?? null,
        },
      });
      if (!outcome.applied) throw new Error(JSON.stringify(outcome));
    }
    const at = (iso: string) => new Date(iso);

    test('an order names the customer recorded with its lines; one recorded without reads null', async () => {
      const { repos } = db();
      const store = await aStore(repos);
      const item = await anAssignedItem(repos, store.id, { stock: 0 });
      await sell(store.id, item.id, { order: 30, line: 301, quantity: 1, at: NOW, customer: 'Zoë Łukasik' });
      await sell(store.id, item.id, { order: 30, line: 302, quantity: 1, at: NOW, customer: 'Zoë Łukasik' });
      await sell(store.id, item.id, { order: 31, line: 311, quantity: 1, at: NOW });

      const orders = await repos.orderReport.listBackorderedOrders(store.id);
      expect(orders.map((o) => [o.bcOrderId, o.customerName])).toEqual([
        [31, null],
        [30, 'Zoë Łukasik'],
      ]);
    });

    test('an item’s lines holding backordered units, newest order then line first, in keyset pages; lines’ orders', async () => {
      const { repos } = db();
      const store = await aStore(repos);
      const item = await anAssignedItem(repos, store.id, { stock: 1 });
      const other = await anAssignedItem(repos, store.id, { stock: 0 });
      await sell(store.id, item.id, { order: 10, line: 101, quantity: 1, at: NOW }); // in stock: none
      await sell(store.id, item.id, { order: 11, line: 111, quantity: 2, at: NOW });
      await sell(store.id, item.id, { order: 12, line: 121, quantity: 1, at: LATER });
      await sell(store.id, item.id, { order: 12, line: 122, quantity: 3, at: LATER });
      await sell(store.id, other.id, { order: 12, line: 123, quantity: 1, at: LATER });

      const lines = await repos.orderReport.listItemOrderLines(store.id, item.id);
      expect(lines.map((l) => [l.bcOrderId, l.bcOrderProductId, l.quantity, l.backordered])).toEqual([
        [12, 122, 3, 3],
        [12, 121, 1, 1],
        [11, 111, 2, 2],
      ]);
      expect(lines[0]).toMatchObject({ returnedQuantity: 0, episode: expect.any(Number), createdAt: LATER });
      expect(
        await repos.orderReport.listItemOrderLines(store.id, item.id, {
          before: { bcOrderId: 12, bcOrderProductId: 122 },
          limit: 1,
        }),
      ).toEqual([lines[1]]);
      expect(
        await repos.orderReport.listItemOrderLines(store.id, item.id, {
          before: { bcOrderId: 12, bcOrderProductId: 121 },
        }),
      ).toEqual([lines[2]]);

      const orders = await repos.orderReport.orderIdsOfLines(store.id, [101, 122, 123, 999]);
      expect([...orders.entries()].sort()).toEqual([
        [101, 10],
        [122, 12],
        [123, 12],
      ]);
      const elsewhere = await aStore(repos);
      expect(await repos.orderReport.listItemOrderLines(elsewhere.id, item.id)).toEqual([]);
      expect((await repos.orderReport.orderIdsOfLines(elsewhere.id, [101])).size).toBe(0);
    });

    test('orders and lines of a period and of one item, with the product’s name and the item’s options', async () => {
      const { repos } = db();
      const store = await aStore(repos);
      const item = await anAssignedItem(repos, store.id, { stock: 0 });
      const other = await anAssignedItem(repos, store.id, { stock: 0 });
      await sell(store.id, item.id, { order: 20, line: 201, quantity: 1, at: at('2025-03-01T10:00:00Z') });
      await sell(store.id, other.id, { order: 21, line: 211, quantity: 2, at: at('2025-03-02T10:00:00Z') });
      await sell(store.id, item.id, { order: 22, line: 221, quantity: 3, at: at('2025-03-03T10:00:00Z') });
      await sell(store.id, other.id, { order: 22, line: 222, quantity: 1, at: at('2025-03-03T10:00:00Z') });
      const period = { from: at('2025-03-02T00:00:00Z'), to: at('2025-03-03T10:00:00Z') };

      const ids = (orders: { bcOrderId: number }[]) => orders.map((o) => o.bcOrderId);
      expect(ids(await repos.orderReport.listBackorderedOrders(store.id, period))).toEqual([21]);
      expect(ids(await repos.orderReport.listBackorderedOrders(store.id, { from: period.from }))).toEqual([
        22, 21,
      ]);
      const ofItem = await repos.orderReport.listBackorderedOrders(store.id, { itemId: item.id });
      expect(ids(ofItem)).toEqual([22, 20]);
      // An order comes with all its lines, the other item's too.
      expect(ofItem[0]!.lines.map((l) => l.bcOrderProductId)).toEqual([221, 222]);

      const lines = await repos.orderReport.listBackorderedLines(store.id, { to: period.to });
      expect(lines.map((l) => l.bcOrderProductId)).toEqual([201, 211]);
      const product = await repos.products.getProduct(store.id, item.productId);
      expect(lines[0]).toEqual({
        bcOrderId: 20,
        bcOrderProductId: 201,
        itemId: item.id,
        sku: item.sku,
        bcProductId: item.bcProductId,
        bcVariantId: item.bcVariantId,
        productName: product!.name,
        optionValues: item.optionValues,
        quantity: 1,
        backordered: 1,
        returnedQuantity: 0,
        createdAt: at('2025-03-01T10:00:00Z'),
      });
      expect(
        (await repos.orderReport.listBackorderedLines(store.id, { itemId: other.id })).map(
          (l) => l.bcOrderProductId,
        ),
      ).toEqual([211, 222]);
      expect(await repos.orderReport.listBackorderedLines((await aStore(repos)).id)).toEqual([]);
    });
  });

  describe('date checks', () => {
    test('know how far each installed store is checked, and the mark only moves forward', async () => {
      const { repos } = db();
      const [store, gone] = [await aStore(repos), await aStore(repos)];
      await repos.stores.markUninstalled(gone.id, NOW);
      const before = await repos.dateChecks.listCheckedThrough();
      expect(before.get(store.id)).toBeNull();
      expect(before.has(gone.id)).toBe(false);

      await repos.dateChecks.markCheckedThrough(store.id, '2025-03-10');
      // A slow, older run finishing late does not undo the newer one's mark.
      await repos.dateChecks.markCheckedThrough(store.id, '2025-03-09');
      expect((await repos.dateChecks.listCheckedThrough()).get(store.id)).toBe('2025-03-10');
      await repos.dateChecks.markCheckedThrough(store.id, '2025-03-11');
      expect((await repos.dateChecks.listCheckedThrough()).get(store.id)).toBe('2025-03-11');
    });
  });

  describe('api keys', () => {
    test('are unique by hash across stores, listed while active, revoked once, and touched at most once a while', async () => {
      const { repos } = db();
      const [store, other] = [await aStore(repos), await aStore(repos)];
      const hash = `key-${uniqueStoreHash()}`;
      const key = await repos.apiKeys.insert({
        storeId: store.id,
        name: 'ERP',
        prefix: 'bo_ab',
        keyHash: hash,
        now: NOW,
      });
      expect(key).toMatchObject({
        storeId: store.id,
        name: 'ERP',
        prefix: 'bo_ab',
        createdAt: NOW,
        lastUsedAt: null,
      });
      expect(
        await repos.apiKeys.insert({
          storeId: other.id,
          name: 'Copy',
          prefix: 'bo_ab',
          keyHash: hash,
          now: NOW,
        }),
      ).toBeNull();
      const second = await repos.apiKeys.insert({
        storeId: store.id,
        name: 'Shop',
        prefix: 'bo_cd',
        keyHash: `${hash}-2`,
        now: LATER,
      });
      expect((await repos.apiKeys.listActive(store.id)).map((k) => k.id)).toEqual([key!.id, second!.id]);
      expect(await repos.apiKeys.listActive(other.id)).toEqual([]);
      expect(await repos.apiKeys.findByHash(hash)).toEqual({ ...key, storeInstalled: true });
      expect(await repos.apiKeys.findByHash(`${hash}-none`)).toBeNull();

      const [first, then] = [new Date(NOW.getTime() + 1000), new Date(NOW.getTime() + 2000)];
      await repos.apiKeys.touch(store.id, key!.id, first, NOW);
      await repos.apiKeys.touch(store.id, key!.id, then, NOW); // used since NOW: not written again
      expect((await repos.apiKeys.findByHash(hash))?.lastUsedAt).toEqual(first);
      await repos.apiKeys.touch(other.id, key!.id, then, then); // another store's id: no effect
      expect((await repos.apiKeys.findByHash(hash))?.lastUsedAt).toEqual(first);
      await repos.apiKeys.touch(store.id, key!.id, then, then);
      expect((await repos.apiKeys.findByHash(hash))?.lastUsedAt).toEqual(then);

      expect(await repos.apiKeys.revoke(other.id, key!.id, LATER)).toBeNull();
      expect(await repos.apiKeys.revoke(store.id, key!.id, LATER)).toMatchObject({ revokedAt: LATER });
      expect(await repos.apiKeys.revoke(store.id, key!.id, new Date(LATER.getTime() + 1))).toMatchObject({
        revokedAt: LATER,
      });
      expect((await repos.apiKeys.listActive(store.id)).map((k) => k.id)).toEqual([second!.id]);
      await repos.stores.markUninstalled(store.id, LATER);
      expect(await repos.apiKeys.findByHash(hash)).toMatchObject({ revokedAt: LATER, storeInstalled: false });
    });
  });

  describe('outbox', () => {
    test('claims due messages with a lease, retries failures later, and forgets delivered ones', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 0 });
      await anAssignedItem(repos, store.id, { stock: 0 }); // → backorder: effects are written
      const pending = await repos.outbox.listPending(store.id);
      expect(pending.length).toBeGreaterThan(0);
      expect(await repos.outbox.storesWithDueMessages(NOW, 10_000)).toContain(store.id);

      const lease = new Date(NOW.getTime() + 30_000);
      const claimed = await repos.outbox.claim(store.id, { now: NOW, leaseUntil: lease });
      expect(claimed.map((m) => m.id)).toEqual(pending.map((m) => m.id));
      expect(claimed.every((m) => m.attempts === 1 && m.availableAt.getTime() === lease.getTime())).toBe(
        true,
      );
      // Leased: nobody else gets them until the lease ends.
      expect(await repos.outbox.claim(store.id, { now: NOW, leaseUntil: lease })).toEqual([]);

      const [failed, ...delivered] = claimed;
      await repos.outbox.markFailed(store.id, failed!.id, 'HTTP 503', LATER);
      await repos.outbox.markDelivered(
        store.id,
        delivered.map((m) => m.id),
        NOW,
      );
      expect(await repos.outbox.claim(store.id, { now: lease, leaseUntil: lease })).toEqual([]);
      const retried = await repos.outbox.claim(store.id, {
        now: LATER,
        leaseUntil: new Date(LATER.getTime() + 1),
      });
      expect(retried).toMatchObject([{ id: failed!.id, attempts: 2, lastError: 'HTTP 503' }]);
      await repos.outbox.markDelivered(store.id, [failed!.id], LATER);
      expect(await repos.outbox.listPending(store.id)).toEqual([]);
    });

    test('lists pending messages a page at a time, after the last id of the page before', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 0 });
      for (let n = 0; n < 4; n += 1) await anAssignedItem(repos, store.id, { stock: 0 });
      const all = (await repos.outbox.listPending(store.id, 1000)).map((m) => m.id);
      expect(all.length).toBeGreaterThan(3);
      const paged: number[] = [];
      for (let afterId = 0; ; ) {
        const page = await repos.outbox.listPending(store.id, 3, afterId);
        expect(page.length).toBeLessThanOrEqual(3);
        paged.push(...page.map((m) => m.id));
        if (page.length < 3) break;
        afterId = page[page.length - 1]!.id;
      }
      expect(paged).toEqual(all);
    });

    test('concurrent claims never hand one message to two workers', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 0 });
      for (let n = 0; n < 6; n += 1) await anAssignedItem(repos, store.id, { stock: 0 });
      const total = (await repos.outbox.listPending(store.id, 1000)).length;

      const lease = new Date(NOW.getTime() + 30_000);
      const batches = await Promise.all(
        Array.from({ length: 6 }, () =>
          repos.outbox.claim(store.id, { now: NOW, leaseUntil: lease, limit: 3 }),
        ),
      );
      const ids = batches.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(Math.min(total, 18));
    });

    test('claims urgent messages (purchase disabled) ahead of older ones; urgentOnly claims nothing else', async () => {
      const { repos } = db();
      const store = await aStore(repos, { switchCondition: 0 });
      for (let n = 0; n < 3; n += 1) await anAssignedItem(repos, store.id, { stock: 0 });
      const item = await anAssignedItem(repos, store.id, { stock: 0 });
      const disabled = await applyItemEvent(repos, {
        storeId: store.id,
        itemId: item.id,
        event: { kind: 'disabled' },
        idempotencyKey: 'urgent:disable',
        cause: { type: 'admin_action', ref: null },
        actor: 'admin:a@b.c',
        now: NOW,
      });
      expect(disabled.applied).toBe(true);
      const pending = await repos.outbox.listPending(store.id, 1000);
      const urgent = pending.filter((m) => m.urgent);
      expect(urgent.map((m) => [m.payload.itemId, m.kind, m.payload.effect])).toEqual([
        [item.id, 'setPurchasable', { kind: 'setPurchasable', purchasable: false }],
      ]);
      expect(pending.filter((m) => !m.urgent).length).toBeGreaterThan(3);

      const lease = new Date(NOW.getTime() + 30_000);
      const onlyUrgent = await repos.outbox.claim(store.id, {
        now: NOW,
        leaseUntil: lease,
        urgentOnly: true,
      });
      expect(onlyUrgent.map((m) => m.id)).toEqual(urgent.map((m) => m.id));
      await repos.outbox.markFailed(store.id, urgent[0]!.id, 'HTTP 503', NOW);

      const [first, ...rest] = await repos.outbox.claim(store.id, {
        now: NOW,
        leaseUntil: lease,
        kind: 'setPurchasable',
        limit: 2,
      });
      expect(first).toMatchObject({ id: urgent[0]!.id, urgent: true });
      expect(rest.map((m) => m.urgent)).toEqual([false]);
      expect(rest[0]!.id).toBeLessThan(first!.id);
    });
  });
});
