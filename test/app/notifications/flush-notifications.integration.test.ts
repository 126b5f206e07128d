import { expect, test } from 'vitest';
import { messageIdFor, SmtpMailer } from '../../../src/adapters/mail/smtp.mailer.js';
import { type ApplyEventInput, applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { emailDedupeKey } from '../../../src/app/jobs/keys.js';
import { flushNotifications } from '../../../src/app/notifications/flush-notifications.js';
import { notify } from '../../../src/app/notifications/notify.js';
import type { Mailer } from '../../../src/app/ports/mailer.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { describeEachDatabase, type TestDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem, anAssignment } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { mailTo, useMailCatcher } from './support/mail-catcher.js';
import {
  aNotifiedStore,
  anUnassignedPayload,
  aRecipient,
  flushDeps,
  WINDOW_MS,
} from './support/notifications.support.js';

const AFTER_WINDOW = new Date(NOW.getTime() + WINDOW_MS);

let keys = 0;
function change(storeId: StoreId, itemId: number, event: ApplyEventInput['event']): ApplyEventInput {
  keys += 1;
  return {
    storeId,
    itemId,
    event,
    idempotencyKey: `notifications-test:${keys}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:merchant@example.com',
    now: NOW,
  };
}

async function applied(db: TestDatabase, input: ApplyEventInput) {
  const outcome = await applyItemEvent(db.repos, input);
  if (!outcome.applied) throw new Error(`event not applied: ${JSON.stringify(outcome)}`);
  return outcome;
}

const catcher = useMailCatcher();

describeEachDatabase('Notification emails', (db) => {
  test('500 item effects of one bulk change make one email listing all 500 items', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    const skus: string[] = [];
    for (let p = 0; p < 50; p += 1) {
      const outcome = await assignProductItems(
        repos,
        anAssignment(store.id, { items: Array.from({ length: 10 }, () => ({ stock: 0 })) }),
      );
      if (!outcome.applied) throw new Error(JSON.stringify(outcome));
      skus.push(...outcome.items.map((i) => i.item.sku!));
    }

    const outcome = await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()), {
      storeId: store.id,
    });

    expect(outcome).toEqual({
      emailsSent: 1,
      notificationsSent: 500,
      notificationsDropped: 0,
      nextFlushAt: null,
    });
    const mail = mailTo(catcher.inbox, to);
    expect(mail).toHaveLength(1);
    const [email] = mail;
    expect(email!.subject).toBe('[Backorder] Backorder enabled for 500 items');
    expect(email!.text).toContain('Backorder enabled (500 items)');
    for (const sku of skus) {
      expect(email!.text).toContain(`SKU ${sku}`);
      expect(email!.html).toContain(`<td>${sku}</td>`);
    }
    // A store whose name is not known yet is named by its hash.
    expect(email!.text).toContain(`Backorder updates for ${store.storeHash}.`);
    expect(await repos.notifications.listNotifications(store.id, { pendingOnly: true })).toEqual([]);
    expect(await repos.outbox.listPending(store.id)).not.toContainEqual(
      expect.objectContaining({ kind: 'notify' }),
    );
  });

  test('items are named by product and option values, the store by its name; orders and times are listed', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    await repos.stores.updateProfile(store.id, { name: 'Alpine Gear', timezone: 'America/Chicago' }, NOW);
    const sku = `ROPE-${keys}`;
    const assignment = anAssignment(store.id, {
      items: [
        {
          stock: 1,
          threshold: 1,
          sku,
          optionValues: [{ optionId: 1, valueId: 2, name: 'Length', label: 'Long' }],
        },
      ],
    });
    const assigned = await assignProductItems(repos, {
      ...assignment,
      product: { ...assignment.product, name: 'Climbing Rope' },
    });
    if (!assigned.applied) throw new Error(JSON.stringify(assigned));
    const item = assigned.items[0]!.item;
    // Order 5001 takes it into backorder, order 5002 to its threshold: enabled, then disabled.
    await applied(db(), {
      ...change(store.id, item.id, { kind: 'sold', quantity: 1 }),
      cause: { type: 'order_line', ref: 'order:5001:line:1' },
    });
    await applied(db(), {
      ...change(store.id, item.id, { kind: 'sold', quantity: 1 }),
      cause: { type: 'order_line', ref: 'order:5002:line:2' },
      now: new Date(NOW.getTime() + 120_000),
    });

    await flushNotifications(
      {
        ...flushDeps(repos, fixedClock(new Date(AFTER_WINDOW.getTime() + 120_000)), catcher.mailer()),
        config: { notificationWindowMs: WINDOW_MS, appUrl: 'https://app.example.com' },
      },
      { storeId: store.id },
    );

    const [email] = mailTo(catcher.inbox, to);
    expect(email!.subject).toBe('[Backorder] Backorder disabled for 1 item');
    expect(email!.text).toContain('Backorder updates for Alpine Gear.');
    expect(email!.text).toContain(`- Climbing Rope (Length: Long), SKU ${sku}: backorder threshold reached`);
    expect(email!.text).toMatch(/: backorder enabled, order #5001\n/);
    expect(email!.text).toMatch(/: backorder disabled \(backorder threshold reached\), order #5002\n/);
    expect(email!.text).not.toContain('variant #');
    expect(email!.html).toContain('<td>Climbing Rope</td><td>Length: Long</td>');
    expect(email!.html).toContain(
      '<a href="https://app.example.com/admin/settings">notification settings</a>',
    );
  });

  test('the window: nothing is sent until the oldest pending notification is old enough, unless forced', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    await anAssignedItem(repos, store.id, { stock: 0 }); // backorder enabled at NOW
    const clock = fixedClock(new Date(AFTER_WINDOW.getTime() - 1));
    const deps = flushDeps(repos, clock, catcher.mailer());

    const early = await flushNotifications(deps, { storeId: store.id });
    expect(early).toEqual({
      emailsSent: 0,
      notificationsSent: 0,
      notificationsDropped: 0,
      nextFlushAt: AFTER_WINDOW,
    });
    expect(mailTo(catcher.inbox, to)).toHaveLength(0);
    expect(await repos.notifications.listNotifications(store.id, { pendingOnly: true })).toHaveLength(1);

    clock.set(AFTER_WINDOW);
    const due = await flushNotifications(deps, { storeId: store.id });
    expect(due).toMatchObject({ emailsSent: 1, notificationsSent: 1, nextFlushAt: null });
    expect(mailTo(catcher.inbox, to)).toHaveLength(1);

    // A forced flush does not wait for the window.
    await anAssignedItem(repos, store.id, { stock: 0 });
    const forced = await flushNotifications(flushDeps(repos, fixedClock(NOW), catcher.mailer()), {
      storeId: store.id,
      force: true,
    });
    expect(forced).toMatchObject({ emailsSent: 1, notificationsSent: 1 });
    expect(mailTo(catcher.inbox, to)).toHaveLength(2);
  });

  test('flushing twice sends one email; notifying twice with the same key records one notification', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    const clock = fixedClock(AFTER_WINDOW);
    const input = {
      storeId: store.id,
      event: 'unassigned' as const,
      payload: anUnassignedPayload(),
      dedupeKey: 'unassign:product:501:1',
    };
    const first = await notify({ notifications: repos.notifications, clock }, input);
    const second = await notify({ notifications: repos.notifications, clock }, input);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(second).toEqual({
      ok: true,
      duplicate: true,
      notificationId: first.ok ? first.notificationId : -1,
    });
    expect(await repos.notifications.listNotifications(store.id)).toHaveLength(1);

    const deps = flushDeps(repos, fixedClock(new Date(AFTER_WINDOW.getTime() + WINDOW_MS)), catcher.mailer());
    const once = await flushNotifications(deps, { storeId: store.id });
    const again = await flushNotifications(deps, { storeId: store.id });
    expect(once).toMatchObject({ emailsSent: 1, notificationsSent: 1 });
    expect(again).toEqual({
      emailsSent: 0,
      notificationsSent: 0,
      notificationsDropped: 0,
      nextFlushAt: null,
    });
    const mail = mailTo(catcher.inbox, to);
    expect(mail).toHaveLength(1);
    const [row] = await repos.notifications.listNotifications(store.id);
    expect(row).toMatchObject({ outcome: 'sent', batchKey: emailDedupeKey(store.id, [row!.id]) });
    expect(mail[0]!.messageId).toBe(messageIdFor(emailDedupeKey(store.id, [row!.id])));
  });

  test('the unassigned items’ stock data is attached as CSV; merchant texts are escaped in the HTML', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    const clock = fixedClock(NOW);
    await notify(
      { notifications: repos.notifications, clock },
      {
        storeId: store.id,
        event: 'unassigned',
        dedupeKey: 'unassign:1',
        payload: anUnassignedPayload({
          product: { bcProductId: 77, name: '<b>Bad & "Co"</b>, Inc', sku: 'BAD' },
          items: [
            {
              bcVariantId: 7701,
              variant: 'Size: L',
              sku: '=HYPERLINK("x")',
              stock: -2,
              threshold: 5,
              backordered: 2,
              incoming: 10,
              backInStockDate: '2025-04-01',
            },
            {
              bcVariantId: null,
              sku: null,
              stock: 3,
              threshold: null,
              backordered: 0,
              incoming: 0,
              backInStockDate: null,
            },
          ],
        }),
      },
    );
    await notify(
      { notifications: repos.notifications, clock },
      { storeId: store.id, event: 'unassigned', dedupeKey: 'unassign:2', payload: anUnassignedPayload() },
    );

    await flushNotifications(flushDeps(repos, clock, catcher.mailer()), { storeId: store.id, force: true });

    const [email] = mailTo(catcher.inbox, to);
    expect(email!.subject).toBe('[Backorder] 2 products unassigned');
    expect(email!.attachments).toHaveLength(1);
    const csv = email!.attachments[0]!;
    expect(csv.filename).toBe('unassigned-items.csv');
    expect(csv.contentType).toBe('text/csv');
    expect(csv.content.toString('utf8')).toBe(
      [
        '\uFEFFProduct,Variant,SKU,Stock,Threshold,Backordered,Incoming stock,Back-in-stock date',
        '"<b>Bad & ""Co""</b>, Inc",Size: L,"\'=HYPERLINK(""x"")",-2,5,2,10,2025-04-01',
        '"<b>Bad & ""Co""</b>, Inc",,,3,,0,0,',
        'Trail Shoe,Size: 42,TRAIL-42,-2,5,2,10,2025-04-01',
        '',
      ].join('\n'),
    );
    expect(email!.text).toContain('- <b>Bad & "Co"</b>, Inc (BigCommerce product 77): 2 items');
    expect(email!.html).toContain('<td>&lt;b&gt;Bad &amp; &quot;Co&quot;&lt;/b&gt;, Inc</td>');
    expect(email!.html).not.toContain('<b>Bad');
  });

  test('backorder disabled says why: threshold reached, disabled by the merchant', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to], events: ['backorder_disabled'] });
    const limited = await anAssignedItem(repos, store.id, { stock: 0, threshold: 1, sku: `LIM-${keys}` });
    const manual = await anAssignedItem(repos, store.id, { stock: 0, sku: `MAN-${keys}` });
    await applied(db(), change(store.id, limited.id, { kind: 'sold', quantity: 1 }));
    await applied(db(), change(store.id, manual.id, { kind: 'disabled' }));

    const outcome = await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()), {
      storeId: store.id,
    });

    // The two "backorder enabled" notifications of the assignments are off in this store's settings.
    expect(outcome).toMatchObject({ emailsSent: 1, notificationsSent: 2, notificationsDropped: 2 });
    const [email] = mailTo(catcher.inbox, to);
    expect(email!.subject).toBe('[Backorder] Backorder disabled for 2 items');
    expect(email!.text).toContain(`SKU ${limited.sku}: backorder threshold reached`);
    expect(email!.text).toContain(`SKU ${manual.sku}: disabled by the merchant`);
    expect(email!.text).not.toContain('Backorder enabled');
    const rows = await repos.notifications.listNotifications(store.id);
    expect(rows.map((r) => [r.event, r.outcome])).toEqual([
      ['backorder_enabled', 'event_disabled'],
      ['backorder_enabled', 'event_disabled'],
      ['backorder_disabled', 'sent'],
      ['backorder_disabled', 'sent'],
    ]);
  });

  test('settings: every recipient gets the email; no recipients or all events off sends nothing', async () => {
    const { repos } = db();
    const [a, b] = [aRecipient(), aRecipient()];
    const both = await aNotifiedStore(repos, { recipients: [a, b, a] });
    await anAssignedItem(repos, both.id, { stock: 0 });
    await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()), {
      storeId: both.id,
    });
    const [email] = mailTo(catcher.inbox, a);
    expect(email!.envelope.to).toEqual([a, b]);

    const silent = await aNotifiedStore(repos, { recipients: [] });
    await anAssignedItem(repos, silent.id, { stock: 0 });
    const none = await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()), {
      storeId: silent.id,
    });
    expect(none).toEqual({ emailsSent: 0, notificationsSent: 0, notificationsDropped: 1, nextFlushAt: null });
    expect((await repos.notifications.listNotifications(silent.id))[0]).toMatchObject({
      outcome: 'no_recipients',
    });

    const to = aRecipient();
    const off = await aNotifiedStore(repos, { recipients: [to], events: [] });
    await anAssignedItem(repos, off.id, { stock: 0 });
    const dropped = await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()), {
      storeId: off.id,
    });
    expect(dropped).toMatchObject({ emailsSent: 0, notificationsDropped: 1 });
    expect(mailTo(catcher.inbox, to)).toHaveLength(0);
    expect(await repos.notifications.pendingSince(off.id)).toBeNull();
  });

  test('assignments, item effects and import results of one window share one email', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    const clock = fixedClock(NOW);
    const deps = { notifications: repos.notifications, clock };
    await anAssignedItem(repos, store.id, { stock: 0 });
    await notify(deps, {
      storeId: store.id,
      event: 'assigned',
      dedupeKey: 'bulk:1',
      payload: { products: [{ bcProductId: 12, name: 'Kettle', itemCount: 3 }] },
    });
    await notify(deps, {
      storeId: store.id,
      event: 'import_finished',
      dedupeKey: 'import:5:finished',
      payload: {
        runId: 5,
        fileName: 'stock.csv',
        status: 'done',
        totalRows: 120,
        appliedRows: 118,
        errorRows: 2,
        errors: [
          { line: 3, column: 'stock', reason: 'must be a whole number' },
          { line: 9, column: null, reason: 'unknown SKU <X>' },
        ],
      },
    });

    await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()), {
      storeId: store.id,
    });

    const mail = mailTo(catcher.inbox, to);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(
      '[Backorder] Backorder enabled for 1 item; 1 product assigned; import finished',
    );
    expect(mail[0]!.text).toContain('- Kettle (BigCommerce product 12): 3 items');
    expect(mail[0]!.text).toContain('- stock.csv: done, 120 rows, 118 applied, 2 with errors');
    expect(mail[0]!.text).toContain('    line 3, column stock: must be a whole number');
    expect(mail[0]!.html).toContain('<li>line 9: unknown SKU &lt;X&gt;</li>');
    expect(mail[0]!.attachments).toHaveLength(0);
  });

  test('more notifications than fit one email make several emails in one flush', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    for (let i = 0; i < 5; i += 1) await anAssignedItem(repos, store.id, { stock: 0 });
    const deps = { ...flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()) };
    const outcome = await flushNotifications(
      { ...deps, config: { notificationWindowMs: WINDOW_MS, maxPerEmail: 2 } },
      { storeId: store.id },
    );
    expect(outcome).toMatchObject({ emailsSent: 3, notificationsSent: 5, nextFlushAt: null });
    expect(mailTo(catcher.inbox, to).map((m) => m.subject)).toEqual([
      '[Backorder] Backorder enabled for 2 items',
      '[Backorder] Backorder enabled for 2 items',
      '[Backorder] Backorder enabled for 1 item',
    ]);
  });

  test('an SMTP outage throws and keeps the notifications; the retry sends them once', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    await anAssignedItem(repos, store.id, { stock: 0 });
    const clock = fixedClock(AFTER_WINDOW);
    const down = new SmtpMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'backorder@example.com' });

    await expect(flushNotifications(flushDeps(repos, clock, down), { storeId: store.id })).rejects.toThrow(
      /Sending mail failed/,
    );
    down.close();
    const [pending] = await repos.notifications.listNotifications(store.id, { pendingOnly: true });
    expect(pending).toMatchObject({ attempts: 1, sentAt: null, claimedUntil: null });
    expect(pending!.lastError).toMatch(/MailDeliveryError/);

    const retry = await flushNotifications(flushDeps(repos, clock, catcher.mailer()), { storeId: store.id });
    expect(retry).toMatchObject({ emailsSent: 1, notificationsSent: 1 });
    expect(mailTo(catcher.inbox, to)).toHaveLength(1);
    expect(mailTo(catcher.inbox, to)[0]!.messageId).toBe(messageIdFor(pending!.batchKey!));
  });

  test('a crash after the send resends the same email under the same Message-ID, and only once', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    await anAssignedItem(repos, store.id, { stock: 0 });
    await anAssignedItem(repos, store.id, { stock: 0 });
    const clock = fixedClock(AFTER_WINDOW);
    // The server accepts the email, then the worker dies before marking the notifications sent.
    const crashing: Mailer = {
      send: async (message) => {
        await catcher.mailer().send(message);
        throw new Error('worker died');
      },
    };
    await expect(
      flushNotifications(flushDeps(repos, clock, crashing), { storeId: store.id }),
    ).rejects.toThrow('worker died');
    // Meanwhile another change arrives: it must not join the email already sent.
    await anAssignedItem(repos, store.id, { stock: 0 });

    const deps = flushDeps(repos, clock, catcher.mailer());
    await flushNotifications(deps, { storeId: store.id });
    await flushNotifications(deps, { storeId: store.id });

    const mail = mailTo(catcher.inbox, to);
    expect(mail.map((m) => m.subject)).toEqual([
      '[Backorder] Backorder enabled for 2 items',
      '[Backorder] Backorder enabled for 2 items',
      '[Backorder] Backorder enabled for 1 item',
    ]);
    expect(mail[1]!.messageId).toBe(mail[0]!.messageId);
    expect(mail[2]!.messageId).not.toBe(mail[0]!.messageId);
    expect(mail[1]!.text).toBe(mail[0]!.text);
  });

  test('an email grouped by a flush that died is taken over only after its lease ran out', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    await anAssignedItem(repos, store.id, { stock: 0 });
    await repos.notifications.absorbItemEffects(store.id, AFTER_WINDOW);
    // A flush grouped the email with a 5-minute lease and died.
    const batch = await repos.notifications.openBatch(store.id, {
      now: AFTER_WINDOW,
      leaseUntil: new Date(AFTER_WINDOW.getTime() + 300_000),
      limit: 100,
      keyFor: (ids) => emailDedupeKey(store.id, ids),
    });
    const clock = fixedClock(new Date(AFTER_WINDOW.getTime() + 1000));
    const deps = flushDeps(repos, clock, catcher.mailer());

    expect(await flushNotifications(deps, { storeId: store.id })).toMatchObject({ emailsSent: 0 });
    expect(mailTo(catcher.inbox, to)).toHaveLength(0);

    clock.set(new Date(AFTER_WINDOW.getTime() + 300_000));
    expect(await flushNotifications(deps, { storeId: store.id })).toMatchObject({ emailsSent: 1 });
    expect(mailTo(catcher.inbox, to)[0]!.messageId).toBe(messageIdFor(batch!.key));
  });

  test('a flush touches only its own store', async () => {
    const { repos } = db();
    const [a, b] = [aRecipient(), aRecipient()];
    const storeA = await aNotifiedStore(repos, { recipients: [a] });
    const storeB = await aNotifiedStore(repos, { recipients: [b] });
    await anAssignedItem(repos, storeA.id, { stock: 0 });
    await anAssignedItem(repos, storeB.id, { stock: 0 });

    await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), catcher.mailer()), {
      storeId: storeA.id,
    });

    expect(mailTo(catcher.inbox, a)).toHaveLength(1);
    expect(mailTo(catcher.inbox, b)).toHaveLength(0);
    expect(await repos.notifications.pendingSince(storeB.id)).toEqual(NOW);
  });
});
