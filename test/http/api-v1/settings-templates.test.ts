import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { runReevaluation } from '../../../src/app/settings/run-reevaluation.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem, anAssignment } from '../../builders/assignment.builder.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

describeEachDatabase('public API settings and templates', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('settings', () => {
    it('reads the defaults and changes any of them', async () => {
      const tenant = await api.aTenant();
      const read = await api.call('GET', '/api/v1/settings', { auth: tenant.key });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        switch_condition: 0,
        notification_emails: [],
        notify_events: ['backorder_enabled', 'backorder_disabled'],
        restock_on_cancel: true,
        keep_tracking_off: true,
      });
      const changed = await api.call('PATCH', '/api/v1/settings', {
        auth: tenant.key,
        body: {
          notification_emails: ['ops@example.com', 'Boss@Example.com', 'ops@example.com'],
          notify_events: ['import_finished', 'backorder_disabled'],
          restock_on_cancel: false,
          keep_tracking_off: false,
        },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        switch_condition: 0,
        notification_emails: ['ops@example.com', 'Boss@Example.com'],
        notify_events: ['backorder_disabled', 'import_finished'],
        restock_on_cancel: false,
        keep_tracking_off: false,
      });
      // No switch condition given: nothing to re-evaluate.
      const { reevaluation, ...settings } = changed.body;
      expect(reevaluation).toBeNull();
      expect((await api.call('GET', '/api/v1/settings', { auth: tenant.key })).body).toEqual(settings);
    });

    it('queues a re-evaluation of every assigned item when S changes, whose progress it reads', async () => {
      const tenant = await api.aTenant();
      const storeId = tenant.store.id;
      const [three, five, ten] = [
        await anAssignedItem(db().repos, storeId, { stock: 3 }),
        await anAssignedItem(db().repos, storeId, { stock: 5 }),
        await anAssignedItem(db().repos, storeId, { stock: 10 }),
      ];
      const statusOf = async (sku: string) =>
        (await api.call('GET', `/api/v1/items/${sku}`, { auth: tenant.key })).body.status;
      // Runs the job the PATCH queued, as the worker would.
      const work = async (id: number) => {
        const jobs = api.jobs.named('settings.reevaluate');
        expect(jobs.at(-1)).toMatchObject({ payload: { storeId, reevaluationId: id } });
        await runReevaluation(
          { ...db().repos, jobs: api.jobs, clock: api.clock },
          { storeId, reevaluationId: id },
        );
      };

      const changed = await api.call('PATCH', '/api/v1/settings', {
        auth: tenant.key,
        body: { switch_condition: 5 },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.switch_condition).toBe(5);
      // Answered before any item is looked at.
      expect(changed.body.reevaluation).toMatchObject({
        switch_condition: 5,
        status: 'running',
        total: 3,
        done: 0,
        changed: 0,
        finished_at: null,
      });
      expect(await statusOf(three!.sku!)).toBe('in_stock');
      const id: number = changed.body.reevaluation.id;
      await work(id);
      const read = await api.call('GET', `/api/v1/settings/reevaluations/${id}`, { auth: tenant.key });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, status: 'done', total: 3, done: 3, changed: 2 });
      expect(read.body.finished_at).not.toBeNull();
      expect(await statusOf(three!.sku!)).toBe('backorder');
      expect(await statusOf(five!.sku!)).toBe('backorder');
      expect(await statusOf(ten!.sku!)).toBe('in_stock');
      expect(api.jobs.named('notifications.flush')).toContainEqual(
        expect.objectContaining({ payload: { storeId } }),
      );

      // Saving the same S again finds nothing left to do.
      const same = await api.call('PATCH', '/api/v1/settings', {
        auth: tenant.key,
        body: { switch_condition: 5 },
      });
      await work(same.body.reevaluation.id);
      const latest = await api.call('GET', '/api/v1/settings/reevaluations/latest', { auth: tenant.key });
      expect(latest.body).toMatchObject({
        id: same.body.reevaluation.id,
        status: 'done',
        done: 3,
        changed: 0,
      });

      // A newer S supersedes one still running; lowering it puts the items back in stock.
      const raised = await api.call('PATCH', '/api/v1/settings', {
        auth: tenant.key,
        body: { switch_condition: 7 },
      });
      const lowered = await api.call('PATCH', '/api/v1/settings', {
        auth: tenant.key,
        body: { switch_condition: 0 },
      });
      const superseded = await api.call(
        'GET',
        `/api/v1/settings/reevaluations/${raised.body.reevaluation.id}`,
        {
          auth: tenant.key,
        },
      );
      expect(superseded.body).toMatchObject({ status: 'superseded', done: 0 });
      await work(lowered.body.reevaluation.id);
      expect(
        (
          await api.call('GET', `/api/v1/settings/reevaluations/${lowered.body.reevaluation.id}`, {
            auth: tenant.key,
          })
        ).body,
      ).toMatchObject({ status: 'done', changed: 2 });
      expect(await statusOf(three!.sku!)).toBe('in_stock');
    });

    it('reads only the store’s own re-evaluations', async () => {
      const tenant = await api.aTenant();
      const other = await api.aTenant();
      const missing = await api.call('GET', '/api/v1/settings/reevaluations/latest', { auth: tenant.key });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('SETTINGS.REEVALUATION_NOT_FOUND');
      const changed = await api.call('PATCH', '/api/v1/settings', {
        auth: tenant.key,
        body: { switch_condition: 2 },
      });
      const id: number = changed.body.reevaluation.id;
      const theirs = await api.call('GET', `/api/v1/settings/reevaluations/${id}`, { auth: other.key });
      expect(theirs.status).toBe(404);
      expect(theirs.body.error.code).toBe('SETTINGS.REEVALUATION_NOT_FOUND');
      expect((await api.call('GET', '/api/v1/settings/reevaluations/0', { auth: tenant.key })).status).toBe(
        400,
      );
    });

    it('refuses bad settings with a coded 400 and changes nothing', async () => {
      const tenant = await api.aTenant();
      const before = (await api.call('GET', '/api/v1/settings', { auth: tenant.key })).body;
      const cases: [unknown, string][] = [
        [{ switch_condition: -1 }, 'switch_condition'],
        [{ switch_condition: 2.5 }, 'switch_condition'],
        [{ switch_condition: '3' }, 'switch_condition'],
        [{ notification_emails: ['not-an-email'] }, 'notification_emails.0'],
        [{ notification_emails: 'ops@example.com' }, 'notification_emails'],
        [{ notify_events: ['order_shipped'] }, 'notify_events.0'],
        [{ restock_on_cancel: 'yes' }, 'restock_on_cancel'],
        [{ timezone: 'UTC' }, 'timezone'],
        [{}, ''],
      ];
      for (const [body, path] of cases) {
        const response = await api.call('PATCH', '/api/v1/settings', { auth: tenant.key, body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_BODY');
        expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      expect((await api.call('GET', '/api/v1/settings', { auth: tenant.key })).body).toEqual(before);
    });
  });

  describe('templates', () => {
    const template = {
      name: 'Pre-order',
      button_text: 'Pre-order now',
      backorder_message: 'Back on {back_in_stock_date}; {remaining_units} left',
      cart_message: 'Backordered',
      unavailable_message: 'Sold out[ until {back_in_stock_date}]',
      packing_slip_message: 'Ships separately',
      threshold: 10,
      incoming_stock: 5,
      back_in_stock_date: '2099-02-01',
    };

    it('creates, reads, changes, picks the default and deletes templates', async () => {
      const tenant = await api.aTenant();
      const created = await api.call('POST', '/api/v1/templates', { auth: tenant.key, body: template });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...template, is_default: true });
      const second = await api.call('POST', '/api/v1/templates', {
        auth: tenant.key,
        body: { name: 'Plain' },
      });
      expect(second.body).toMatchObject({
        name: 'Plain',
        is_default: false,
        button_text: '',
        // Empty by default: an unavailable item shows nothing from the app.
        unavailable_message: '',
        threshold: null,
        incoming_stock: 0,
        back_in_stock_date: null,
      });

      const listed = await api.call('GET', '/api/v1/templates', { auth: tenant.key });
      expect(listed.body.data.map((t: { name: string }) => t.name)).toEqual(['Plain', 'Pre-order']);
      const one = await api.call('GET', `/api/v1/templates/${second.body.id}`, { auth: tenant.key });
      expect(one.body).toEqual(second.body);

      const patched = await api.call('PATCH', `/api/v1/templates/${second.body.id}`, {
        auth: tenant.key,
        body: {
          cart_message: 'Ships in {incoming_stock} days',
          unavailable_message: 'Currently unavailable',
          threshold: null,
        },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: 'Plain',
        cart_message: 'Ships in {incoming_stock} days',
        unavailable_message: 'Currently unavailable',
      });

      const deleteDefault = await api.call('DELETE', `/api/v1/templates/${created.body.id}`, {
        auth: tenant.key,
      });
      expect(deleteDefault.status).toBe(409);
      expect(deleteDefault.body.error.code).toBe('TEMPLATE.IS_DEFAULT');

      const madeDefault = await api.call('POST', `/api/v1/templates/${second.body.id}/default`, {
        auth: tenant.key,
      });
      expect(madeDefault.body.is_default).toBe(true);
      const deleted = await api.call('DELETE', `/api/v1/templates/${created.body.id}`, { auth: tenant.key });
      expect(deleted.status).toBe(204);
      const gone = await api.call('GET', `/api/v1/templates/${created.body.id}`, { auth: tenant.key });
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('TEMPLATE.NOT_FOUND');
    });

    it('lists how many products use each template, and refuses to delete one in use', async () => {
      const tenant = await api.aTenant();
      // The store's first template is its default, which is never deletable: the one in use comes second.
      const unused = await api.call('POST', '/api/v1/templates', {
        auth: tenant.key,
        body: { name: 'Unused' },
      });
      const used = await api.call('POST', '/api/v1/templates', { auth: tenant.key, body: { name: 'Used' } });
      for (let i = 0; i < 2; i++) {
        const assignment = anAssignment(tenant.store.id);
        const outcome = await assignProductItems(db().repos, {
          ...assignment,
          product: { ...assignment.product, templateId: used.body.id },
        });
        expect(outcome.applied).toBe(true);
      }
      const listed = await api.call('GET', '/api/v1/templates', { auth: tenant.key });
      expect(
        listed.body.data.map((t: { name: string; product_count: number }) => [t.name, t.product_count]),
      ).toEqual([
        ['Unused', 0],
        ['Used', 2],
      ]);
      const refused = await api.call('DELETE', `/api/v1/templates/${used.body.id}`, { auth: tenant.key });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('TEMPLATE.IN_USE');
      expect(unused.status).toBe(201);
    });

    it('refuses unknown placeholders, taken names and bad values with codes, changing nothing', async () => {
      const tenant = await api.aTenant();
      const placeholder = await api.call('POST', '/api/v1/templates', {
        auth: tenant.key,
        body: { ...template, backorder_message: 'Back on {eta}' },
      });
      expect(placeholder.status).toBe(422);
      expect(placeholder.body.error.code).toBe('TEMPLATE.UNKNOWN_PLACEHOLDER');
      expect(placeholder.body.error.message).toContain('backorder_message');

      const made = await api.call('POST', '/api/v1/templates', { auth: tenant.key, body: template });
      const taken = await api.call('POST', '/api/v1/templates', { auth: tenant.key, body: template });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe('TEMPLATE.NAME_TAKEN');
      const blank = await api.call('POST', '/api/v1/templates', { auth: tenant.key, body: { name: '   ' } });
      expect(blank.status).toBe(422);
      expect(blank.body.error.code).toBe('TEMPLATE.INVALID_NAME');

      for (const body of [
        { threshold: -1 },
        { incoming_stock: 'many' },
        { back_in_stock_date: '2099-13-01' },
        { colour: 'red' },
        {},
      ]) {
        const response = await api.call('PATCH', `/api/v1/templates/${made.body.id}`, {
          auth: tenant.key,
          body,
        });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_BODY');
      }
      const patchPlaceholder = await api.call('PATCH', `/api/v1/templates/${made.body.id}`, {
        auth: tenant.key,
        body: { cart_message: '{nope}' },
      });
      expect(patchPlaceholder.status).toBe(422);
      for (const [unavailable_message, code] of [
        ['Back {eta}', 'TEMPLATE.UNKNOWN_PLACEHOLDER'],
        ['Back [on {back_in_stock_date}', 'TEMPLATE.UNBALANCED_SECTION'],
      ] as const) {
        const refused = await api.call('PATCH', `/api/v1/templates/${made.body.id}`, {
          auth: tenant.key,
          body: { unavailable_message },
        });
        expect(refused.status, unavailable_message).toBe(422);
        expect(refused.body.error.code, unavailable_message).toBe(code);
        expect(refused.body.error.message).toContain('unavailable_message');
      }
      const tooLong = await api.call('PATCH', `/api/v1/templates/${made.body.id}`, {
        auth: tenant.key,
        body: { unavailable_message: 'x'.repeat(2001) },
      });
      expect(tooLong.status).toBe(400);
      expect((await api.call('GET', `/api/v1/templates/${made.body.id}`, { auth: tenant.key })).body).toEqual(
        made.body,
      );
      const badId = await api.call('GET', '/api/v1/templates/abc', { auth: tenant.key });
      expect(badId.status).toBe(400);
      expect(badId.body.error.code).toBe('VALIDATION.INVALID_PATH');
    });

    it('keeps each store’s templates to itself', async () => {
      const a = await api.aTenant();
      const b = await api.aTenant();
      const ofA = await api.call('POST', '/api/v1/templates', { auth: a.key, body: template });
      for (const [method, url, body] of [
        ['GET', `/api/v1/templates/${ofA.body.id}`, undefined],
        ['PATCH', `/api/v1/templates/${ofA.body.id}`, { name: 'Stolen' }],
        ['POST', `/api/v1/templates/${ofA.body.id}/default`, undefined],
        ['DELETE', `/api/v1/templates/${ofA.body.id}`, undefined],
      ] as const) {
        const response = await api.call(method, url, { auth: b.key, body });
        expect(response.status, `${method} ${url}`).toBe(404);
      }
      expect((await api.call('GET', '/api/v1/templates', { auth: b.key })).body.data).toEqual([]);
      expect((await api.call('GET', `/api/v1/templates/${ofA.body.id}`, { auth: a.key })).body.name).toBe(
        'Pre-order',
      );
    });
  });
});
