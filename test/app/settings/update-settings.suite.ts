import { describe, expect, it } from 'vitest';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { getSettings } from '../../../src/app/settings/get-settings.js';
import { runReevaluation } from '../../../src/app/settings/run-reevaluation.js';
import { type UpdateSettingsDeps, updateSettings } from '../../../src/app/settings/update-settings.js';
import type { TestDatabase } from '../../adapters/db/support/storage-targets.js';
import { anAssignedItem, anAssignment } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { RecordingJobQueue } from '../../fakes/job-queue.js';

/**
 * Run by update-settings.test.ts on the in-memory storage (the unit tier) and by
 * update-settings.integration.test.ts on SQLite and PostgreSQL.
 */
export function updateSettingsSuite(db: () => TestDatabase): void {
  function setup() {
    const jobs = new RecordingJobQueue();
    const clock = fixedClock(NOW);
    const deps: UpdateSettingsDeps = {
      settings: db().repos.settings,
      stores: db().repos.stores,
      items: db().repos.items,
      reevaluations: db().repos.reevaluations,
      dashboard: db().repos.dashboard,
      jobs,
      clock,
    };
    /** Runs the re-evaluation job the last change queued, as the worker would. */
    const work = async (storeId: StoreId) => {
      const sent = jobs.named('settings.reevaluate').at(-1);
      if (sent === undefined) throw new Error('no re-evaluation queued');
      const { reevaluationId } = sent.payload as { reevaluationId: number };
      return runReevaluation({ ...db().repos, jobs, clock }, { storeId, reevaluationId });
    };
    return { deps, jobs, clock, work };
  }

  it('validates every field with a code and changes nothing when one is wrong', async () => {
    const { deps } = setup();
    const store = await aStore(db().repos);
    const before = await db().repos.settings.getSettings(store.id);
    const cases = [
      [{}, 'SETTINGS.NOTHING_TO_CHANGE'],
      [{ switchCondition: -1 }, 'STORE.INVALID_SWITCH_CONDITION'],
      [{ switchCondition: 1.5 }, 'STORE.INVALID_SWITCH_CONDITION'],
      [{ switchCondition: 3_000_000_000 }, 'STORE.INVALID_SWITCH_CONDITION'],
      [{ switchCondition: 2, notificationEmails: ['ops@example.com', 'nope'] }, 'SETTINGS.INVALID_EMAIL'],
      [
        { notificationEmails: Array.from({ length: 21 }, (_v, i) => `a${i}@example.com`) },
        'SETTINGS.TOO_MANY_EMAILS',
      ],
      [{ notifyEvents: ['backorder_enabled', 'order_shipped'] }, 'SETTINGS.UNKNOWN_EVENT'],
    ] as const;
    for (const [patch, code] of cases) {
      const result = await updateSettings(deps, { storeId: store.id, patch, actor: 'admin:x@example.com' });
      expect(result, JSON.stringify(patch)).toMatchObject({ ok: false, code });
    }
    expect(await db().repos.settings.getSettings(store.id)).toEqual(before);
  });

  it('normalises recipients (trimmed, without duplicates) and events (in their canonical order)', async () => {
    const { deps } = setup();
    const store = await aStore(db().repos);
    const result = await updateSettings(deps, {
      storeId: store.id,
      actor: 'admin:x@example.com',
      patch: {
        notificationEmails: [' ops@example.com ', 'OPS@example.com', 'boss@example.com'],
        notifyEvents: ['import_finished', 'assigned', 'import_finished'],
        restockOnCancel: false,
      },
    });
    expect(result).toMatchObject({
      ok: true,
      reevaluation: null,
      settings: {
        notificationEmails: ['ops@example.com', 'boss@example.com'],
        notifyEvents: ['assigned', 'import_finished'],
        restockOnCancel: false,
        keepTrackingOff: true,
      },
    });
    expect(await getSettings(deps, { storeId: store.id })).toMatchObject({
      ok: true,
      settings: { restockOnCancel: false },
    });
    expect(await getSettings(deps, { storeId: asStoreId(987_654_321) })).toMatchObject({
      ok: false,
      code: 'STORE.NOT_FOUND',
    });
  });

  it('queues a re-evaluation when S changes; its job re-evaluates every item, page by page', async () => {
    const { deps, jobs, work } = setup();
    const store = await aStore(db().repos);
    const other = await aStore(db().repos);
    // One product with 230 variants (more than a page): stock 0..229.
    const outcome = await assignProductItems(
      db().repos,
      anAssignment(store.id, { items: Array.from({ length: 230 }, (_v, stock) => ({ stock })) }),
    );
    if (!outcome.applied) throw new Error('assignment failed');
    const otherItem = await anAssignedItem(db().repos, other.id, { stock: 3 });

    const result = await updateSettings(deps, {
      storeId: store.id,
      actor: 'admin:x@example.com',
      patch: { switchCondition: 220 },
    });
    // Answered at once: nothing looked at yet, the job queued.
    expect(result).toMatchObject({
      ok: true,
      settings: { switchCondition: 220 },
      reevaluation: { status: 'running', switchCondition: 220, totalItems: 230, doneItems: 0 },
    });
    if (!result.ok || result.reevaluation === null) throw new Error('not queued');
    expect(jobs.named('settings.reevaluate')).toEqual([
      expect.objectContaining({ payload: { storeId: store.id, reevaluationId: result.reevaluation.id } }),
    ]);
    const byS = async () =>
      (await db().repos.history.listTransitions(store.id, { limit: 1000 })).filter(
        (t) => t.causeType === 'settings_change',
      );
    expect(await byS()).toEqual([]);
    // Stock 0 was already out of stock (backorder at S = 0); stock 1..220 now are too.
    expect(await work(store.id)).toMatchObject({
      status: 'done',
      totalItems: 230,
      doneItems: 230,
      changedItems: 220,
      finishedAt: NOW,
    });
    const items = await db().repos.items.listItems(store.id, { limit: 1000 });
    for (const item of items) {
      expect(item.status, `stock ${item.stock}`).toBe(item.stock <= 220 ? 'backorder' : 'in_stock');
    }
    const transitions = await db().repos.history.listTransitions(store.id, { limit: 1000 });
    const bySettings = transitions.filter((t) => t.causeType === 'settings_change');
    expect(bySettings).toHaveLength(220);
    expect(bySettings[0]).toMatchObject({ actor: 'admin:x@example.com', reason: expect.any(String) });
    expect(jobs.named('notifications.flush')).toHaveLength(1);
    // Other stores are not touched.
    expect(await db().repos.items.getItem(other.id, otherItem.id)).toEqual(otherItem);
  });

  it('ends episodes and clears threshold blocks when S falls below the stock', async () => {
    const { deps, work } = setup();
    const store = await aStore(db().repos, { switchCondition: 5 });
    // Stock 2 ≤ S = 5, threshold 0: unavailable with a threshold block.
    const item = await anAssignedItem(db().repos, store.id, { stock: 2, threshold: 0 });
    expect(item).toMatchObject({ status: 'unavailable', block: 'threshold' });
    const result = await updateSettings(deps, {
      storeId: store.id,
      actor: 'api-key:bo_x',
      patch: { switchCondition: 1 },
    });
    expect(result).toMatchObject({ ok: true });
    expect(await work(store.id)).toMatchObject({ status: 'done', changedItems: 1 });
    expect(await db().repos.items.getItem(store.id, item.id)).toMatchObject({
      status: 'in_stock',
      block: null,
      backordered: 0,
    });
  });

  it('saving S again finishes a re-evaluation that was lost, touching only what is stale', async () => {
    const { deps, work } = setup();
    const store = await aStore(db().repos);
    const stale = await anAssignedItem(db().repos, store.id, { stock: 2 });
    const fine = await anAssignedItem(db().repos, store.id, { stock: 9 });
    // As if the process died right after the settings were written: S = 4, no item re-evaluated yet.
    await db().repos.settings.updateSettings(store.id, { switchCondition: 4 }, NOW);
    expect(await db().repos.items.getItem(store.id, stale.id)).toMatchObject({ status: 'in_stock' });

    const result = await updateSettings(deps, {
      storeId: store.id,
      actor: 'admin:x@example.com',
      patch: { switchCondition: 4 },
    });
    expect(result).toMatchObject({ ok: true });
    expect(await work(store.id)).toMatchObject({ status: 'done', doneItems: 2, changedItems: 1 });
    expect(await db().repos.items.getItem(store.id, stale.id)).toMatchObject({ status: 'backorder' });
    expect(await db().repos.history.listTransitions(store.id, { itemId: fine.id })).toHaveLength(1);
  });

  it('a job that dies part-way resumes after its cursor, changing no item twice', async () => {
    const { deps, jobs, clock } = setup();
    const store = await aStore(db().repos);
    const outcome = await assignProductItems(
      db().repos,
      anAssignment(store.id, { items: Array.from({ length: 230 }, (_v, stock) => ({ stock })) }),
    );
    if (!outcome.applied) throw new Error('assignment failed');
    const result = await updateSettings(deps, {
      storeId: store.id,
      actor: 'admin:x@example.com',
      patch: { switchCondition: 220 },
    });
    if (!result.ok || result.reevaluation === null) throw new Error('not queued');
    const reevaluationId = result.reevaluation.id;
    // The process dies after recording the first page (200 items).
    const reevaluations = db().repos.reevaluations;
    let pages = 0;
    const dying = {
      ...db().repos,
      jobs,
      clock,
      reevaluations: {
        get: reevaluations.get.bind(reevaluations),
        latest: reevaluations.latest.bind(reevaluations),
        finish: reevaluations.finish.bind(reevaluations),
        advance: async (...args: Parameters<typeof reevaluations.advance>) => {
          pages += 1;
          if (pages > 1) throw new Error('the process died');
          return reevaluations.advance(...args);
        },
      },
    };
    await expect(runReevaluation(dying, { storeId: store.id, reevaluationId })).rejects.toThrow('died');
    expect(await reevaluations.get(store.id, reevaluationId)).toMatchObject({
      status: 'running',
      doneItems: 200,
      // Stock 0 was out of stock already.
      changedItems: 199,
    });
    // The queue runs the job again: it picks up after the first page.
    const ended = await runReevaluation(
      { ...db().repos, jobs, clock },
      { storeId: store.id, reevaluationId },
    );
    // The second page was changed before the process died, unrecorded: the count misses those 21
    // items, while each item changed exactly once.
    expect(ended).toMatchObject({ status: 'done', totalItems: 230, doneItems: 230, changedItems: 199 });
    const transitions = await db().repos.history.listTransitions(store.id, { limit: 1000 });
    expect(transitions.filter((t) => t.causeType === 'settings_change')).toHaveLength(220);
  });

  it('a newer S supersedes a re-evaluation still running: its job stops, the newer one does the work', async () => {
    const { deps, jobs, clock, work } = setup();
    const store = await aStore(db().repos);
    const item = await anAssignedItem(db().repos, store.id, { stock: 3 });
    const first = await updateSettings(deps, {
      storeId: store.id,
      actor: 'system',
      patch: { switchCondition: 5 },
    });
    const second = await updateSettings(deps, {
      storeId: store.id,
      actor: 'system',
      patch: { switchCondition: 1 },
    });
    if (!first.ok || first.reevaluation === null || !second.ok) throw new Error('not queued');
    expect(await db().repos.reevaluations.get(store.id, first.reevaluation.id)).toMatchObject({
      status: 'superseded',
    });
    // The first job runs anyway (it was queued): it changes nothing.
    expect(
      await runReevaluation(
        { ...db().repos, jobs, clock },
        { storeId: store.id, reevaluationId: first.reevaluation.id },
      ),
    ).toMatchObject({ status: 'superseded', doneItems: 0 });
    expect(await work(store.id)).toMatchObject({ status: 'done', switchCondition: 1, changedItems: 0 });
    expect(await db().repos.items.getItem(store.id, item.id)).toMatchObject({ status: 'in_stock' });
  });

  describe('without a switch condition in the change', () => {
    it('re-evaluates nothing', async () => {
      const { deps, jobs } = setup();
      const store = await aStore(db().repos);
      await anAssignedItem(db().repos, store.id, { stock: 2 });
      await db().repos.settings.updateSettings(store.id, { switchCondition: 4 }, NOW);
      const result = await updateSettings(deps, {
        storeId: store.id,
        actor: 'admin:x@example.com',
        patch: { keepTrackingOff: false },
      });
      expect(result).toMatchObject({ ok: true, reevaluation: null });
      expect(jobs.sent).toEqual([]);
      expect(await db().repos.reevaluations.latest(store.id)).toBeNull();
    });
  });
}
