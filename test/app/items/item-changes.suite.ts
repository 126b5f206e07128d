import { beforeAll, describe, expect, it } from 'vitest';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { disableBackorder } from '../../../src/app/items/disable-backorder.js';
import { editItem } from '../../../src/app/items/edit-item.js';
import { enableBackorder } from '../../../src/app/items/enable-backorder.js';
import type { ChangeRequest, ItemChangeDeps } from '../../../src/app/items/item-change.js';
import { receiveStock } from '../../../src/app/items/receive-stock.js';
import { unassignProductItems } from '../../../src/app/items/unassign-product-items.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { StoreRecord } from '../../../src/app/ports/store-repository.js';
import type { TestDatabase } from '../../adapters/db/support/storage-targets.js';
import { anAssignedItem, anAssignment } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { RecordingJobQueue } from '../../fakes/job-queue.js';

/**
 * Run by item-changes.test.ts on the in-memory storage (the unit tier) and by
 * item-changes.integration.test.ts on SQLite and PostgreSQL.
 */
export function itemChangesSuite(db: () => TestDatabase): void {
  let store: StoreRecord;
  beforeAll(async () => {
    store = await aStore(db().repos);
  });

  function setup() {
    const jobs = new RecordingJobQueue();
    const errors: string[] = [];
    const deps: ItemChangeDeps = {
      items: db().repos.items,
      itemTransactions: db().repos.itemTransactions,
      jobs,
      clock: fixedClock(NOW),
      reportError: (_error, context) => errors.push(context),
    };
    return { deps, jobs, errors };
  }
  const bySku = (item: ItemRecord, extra: Partial<ChangeRequest> = {}): ChangeRequest => ({
    storeId: store.id,
    item: { sku: item.sku! },
    source: 'api',
    actor: 'api-key:bo_test',
    ...extra,
  });
  const current = async (item: ItemRecord) => (await db().repos.items.getItem(store.id, item.id))!;
  const ledgerOf = (item: ItemRecord) => db().repos.history.listLedger(store.id, { itemId: item.id });

  describe('editItem', () => {
    it('applies one edited event through the ItemRepository, recording who and why', async () => {
      const { deps } = setup();
      const item = await anAssignedItem(db().repos, store.id, { stock: 4 });
      const result = await editItem(deps, {
        ...bySku(item),
        requestKey: 'req-1',
        edit: { stock: 9, threshold: 2, incomingStock: 5, backInStockDate: '2099-01-02' },
      });
      expect(result).toMatchObject({
        ok: true,
        replayed: false,
        item: { stock: 9, threshold: 2, incoming: 5, backInStockDate: '2099-01-02' },
      });
      const [movement] = await ledgerOf(item);
      expect(movement).toMatchObject({
        kind: 'set',
        delta: 5,
        idempotencyKey: `api:req-1:edit:item:${item.id}`,
        causeType: 'api_request',
        causeRef: 'req-1',
        actor: 'api-key:bo_test',
      });
    });

    it('refuses an empty edit and values the rules refuse, changing nothing', async () => {
      const { deps, jobs } = setup();
      const item = await anAssignedItem(db().repos, store.id, { stock: 4, threshold: 1 });
      const before = await current(item);
      const cases = [
        [{}, 'ITEM.NOTHING_TO_CHANGE'],
        [{ stock: 1.5 }, 'ITEM.INVALID_STOCK'],
        [{ threshold: -1 }, 'ITEM.INVALID_THRESHOLD'],
        [{ incomingStock: -4 }, 'ITEM.INVALID_INCOMING'],
        [{ backInStockDate: '2026-02-30' }, 'ITEM.INVALID_DATE'],
      ] as const;
      for (const [edit, code] of cases) {
        expect(await editItem(deps, { ...bySku(item), edit }), code).toMatchObject({ ok: false, code });
      }
      expect(await current(item)).toEqual(before);
      expect(await ledgerOf(item)).toHaveLength(1);
      expect(jobs.sent).toEqual([]);
    });

    it('applies a request key once; the same key with another request is refused; without one, every request is new', async () => {
      const { deps } = setup();
      const item = await anAssignedItem(db().repos, store.id, { stock: 4 });
      const first = await editItem(deps, { ...bySku(item), requestKey: 'same', edit: { stock: 6 } });
      const retry = await editItem(deps, { ...bySku(item), requestKey: 'same', edit: { stock: 6 } });
      expect(first).toMatchObject({ ok: true, replayed: false });
      expect(retry).toMatchObject({ ok: true, replayed: true, decision: null, item: { stock: 6 } });
      // The same key with other values, on another item or for another operation is a reuse, refused.
      const other = await anAssignedItem(db().repos, store.id, { stock: 4 });
      for (const reuse of [
        editItem(deps, { ...bySku(item), requestKey: 'same', edit: { stock: 7 } }),
        editItem(deps, { ...bySku(other), requestKey: 'same', edit: { stock: 6 } }),
        disableBackorder(deps, { ...bySku(item), requestKey: 'same' }),
      ]) {
        expect(await reuse).toMatchObject({ ok: false, code: 'IDEMPOTENCY.KEY_REUSED' });
      }
      expect(await ledgerOf(item)).toHaveLength(2);
      expect(
        await editItem(deps, { ...bySku(other), requestKey: 'another', edit: { stock: 1 } }),
      ).toMatchObject({ ok: true, replayed: false });

      // Without keys, a repeated toggle is a second request, refused by the rules.
      const twice = await anAssignedItem(db().repos, store.id, { stock: 4 });
      expect(await disableBackorder(deps, bySku(twice))).toMatchObject({ ok: true });
      expect(await disableBackorder(deps, bySku(twice))).toMatchObject({
        ok: false,
        code: 'BACKORDER.ALREADY_DISABLED',
      });
    });

    it('finds items by id for the admin screens, and only the store’s assigned ones', async () => {
      const { deps } = setup();
      const item = await anAssignedItem(db().repos, store.id, { stock: 4 });
      const admin = await editItem(deps, {
        storeId: store.id,
        item: { itemId: item.id },
        source: 'admin',
        actor: 'admin:owner@example.com',
        edit: { stock: 2 },
      });
      expect(admin).toMatchObject({ ok: true, item: { stock: 2 } });
      const [movement] = await ledgerOf(item);
      expect(movement).toMatchObject({ causeType: 'admin_action', actor: 'admin:owner@example.com' });

      const other = await aStore(db().repos);
      const foreign = await editItem(deps, {
        storeId: other.id,
        item: { itemId: item.id },
        source: 'admin',
        actor: 'admin:x@example.com',
        edit: { stock: 0 },
      });
      expect(foreign).toMatchObject({ ok: false, code: 'ITEM.NOT_FOUND' });
      expect(await editItem(deps, { ...bySku(item), storeId: other.id, edit: { stock: 0 } })).toMatchObject({
        ok: false,
        code: 'ITEM.NOT_FOUND',
      });
      expect(
        await editItem(deps, { ...bySku(item), item: { sku: 'NOPE' }, edit: { stock: 0 } }),
      ).toMatchObject({
        ok: false,
        code: 'ITEM.NOT_FOUND',
      });
      expect((await current(item)).stock).toBe(2);
    });

    it('answers ITEM.NOT_FOUND for an item whose product was unassigned', async () => {
      const { deps } = setup();
      const assignment = anAssignment(store.id);
      const outcome = await assignProductItems(db().repos, assignment);
      if (!outcome.applied) throw new Error('assignment failed');
      const item = outcome.items[0]!.item;
      await unassignProductItems(db().repos, {
        storeId: store.id,
        productId: outcome.product.id,
        idempotencyKey: `unassign:${outcome.product.id}`,
        cause: { type: 'admin_action', ref: null },
        actor: 'admin:x@example.com',
        now: NOW,
      });
      expect(
        await editItem(deps, { ...bySku(item), item: { itemId: item.id }, edit: { stock: 3 } }),
      ).toMatchObject({ ok: false, code: 'ITEM.NOT_FOUND' });
      expect(await enableBackorder(deps, { ...bySku(item), item: { itemId: item.id } })).toMatchObject({
        ok: false,
        code: 'ITEM.NOT_FOUND',
      });
    });
  });

  describe('effects', () => {
    it('asks for outbox delivery and the notification flush when a change has effects, once per store', async () => {
      const { deps, jobs } = setup();
      const item = await anAssignedItem(db().repos, store.id, { stock: 4 });
      await editItem(deps, { ...bySku(item), edit: { stock: 5 } });
      expect(jobs.sent).toEqual([]);
      await disableBackorder(deps, bySku(item));
      // in_stock with a manual block is still in_stock: a block change without a status change has no effects.
      expect(jobs.sent).toEqual([]);
      await editItem(deps, { ...bySku(item), edit: { stock: 0 } });
      expect(jobs.sent).toEqual([
        // The urgent lane first: this change disables purchase (issue 9.1).
        {
          name: 'outbox.urgent',
          payload: { storeId: store.id },
          options: { singletonKey: `outbox.urgent:${store.id}` },
        },
        {
          name: 'outbox.deliver',
          payload: { storeId: store.id },
          options: { singletonKey: `outbox.deliver:${store.id}` },
        },
        {
          name: 'notifications.flush',
          payload: { storeId: store.id },
          options: { singletonKey: `notifications.flush:${store.id}` },
        },
      ]);
      const pending = await db().repos.outbox.listPending(store.id);
      // Written with the change (disabled + manual block, stock now 0 → unavailable).
      const ofChange = pending.filter(
        (m) => m.payload.itemId === item.id && m.payload.to.status === 'unavailable',
      );
      expect(ofChange.map((m) => m.kind)).toEqual(['setPurchasable', 'notify']);
    });

    it('succeeds when the jobs cannot be queued (the change and its outbox rows are committed), reporting it', async () => {
      const { deps, jobs, errors } = setup();
      jobs.failWith = new Error('queue down');
      const item = await anAssignedItem(db().repos, store.id, { stock: 4 });
      const result = await editItem(deps, { ...bySku(item), edit: { stock: -1 } });
      expect(result).toMatchObject({ ok: true, item: { status: 'backorder' } });
      expect(errors).toEqual([
        `queueing effect delivery for store ${store.id}`,
        `queueing effect delivery for store ${store.id}`,
        `queueing effect delivery for store ${store.id}`,
      ]);
      expect((await db().repos.outbox.listPending(store.id)).some((m) => m.payload.itemId === item.id)).toBe(
        true,
      );
    });
  });

  describe('enable, disable, receive', () => {
    it('enables after a manual disable; refuses when the threshold is reached or the date has passed', async () => {
      const { deps } = setup();
      const item = await anAssignedItem(db().repos, store.id, { stock: -1 });
      expect(await disableBackorder(deps, bySku(item))).toMatchObject({
        ok: true,
        item: { status: 'unavailable', block: 'manual' },
      });
      expect(await enableBackorder(deps, bySku(item))).toMatchObject({
        ok: true,
        item: { status: 'backorder', block: null },
      });
      expect(await enableBackorder(deps, bySku(item))).toMatchObject({
        ok: false,
        code: 'BACKORDER.ALREADY_ENABLED',
      });

      const capped = await anAssignedItem(db().repos, store.id, { stock: 0, threshold: 0 });
      expect(await enableBackorder(deps, bySku(capped))).toMatchObject({
        ok: false,
        code: 'BACKORDER.THRESHOLD_REACHED',
      });
      const dated = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-03-01' });
      expect(await enableBackorder(deps, bySku(dated))).toMatchObject({
        ok: false,
        code: 'BACKORDER.DATE_PASSED',
      });
      expect(await current(capped)).toMatchObject({ block: 'threshold' });
      expect(await current(dated)).toMatchObject({ block: 'date' });
    });

    it('receives up to the incoming stock', async () => {
      const { deps } = setup();
      const item = await anAssignedItem(db().repos, store.id, { stock: -2, incoming: 5 });
      expect(await receiveStock(deps, { ...bySku(item), quantity: 5 })).toMatchObject({
        ok: true,
        item: { stock: 3, incoming: 0, status: 'in_stock' },
      });
      expect(await receiveStock(deps, { ...bySku(item), quantity: 1 })).toMatchObject({
        ok: false,
        code: 'ITEM.RECEIVE_EXCEEDS_INCOMING',
      });
      expect(await receiveStock(deps, { ...bySku(item), quantity: 0 })).toMatchObject({
        ok: false,
        code: 'ITEM.INVALID_QUANTITY',
      });
      const [movement] = await ledgerOf(item);
      expect(movement).toMatchObject({ kind: 'receive', delta: 5 });
    });
  });
}
