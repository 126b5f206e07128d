import { expect, test } from 'vitest';
import type { Repositories } from '../../../src/adapters/db/repositories.js';
import { flushNotifications } from '../../../src/app/notifications/flush-notifications.js';
import { reportLineProblem } from '../../../src/app/orders/report-line-problem.js';
import { refuse } from '../../../src/core/item.js';
import { NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';
import { RecordingMailer } from '../../fakes/mailer.js';
import { aNotifiedStore, aRecipient, flushDeps, WINDOW_MS } from './support/notifications.support.js';

const AFTER_WINDOW = new Date(NOW.getTime() + WINDOW_MS);

test('an item problem is emailed whatever the notification settings say, once, with merchant text escaped', async () => {
  const repos = createInMemoryRepositories() as Repositories;
  const to = aRecipient();
  // Every event switched off: a problem still needs the merchant's hand.
  const store = await aNotifiedStore(repos, { recipients: [to], events: [], now: NOW });
  const report = () =>
    reportLineProblem(
      { notifications: repos.notifications, clock: fixedClock(NOW) },
      {
        storeId: store.id,
        refusal: refuse('ITEM.STOCK_OUT_OF_RANGE', 'beyond the range'),
        change: 'sale',
        item: { id: 7, bcProductId: 77, bcVariantId: 701, sku: 'BOLT-<M8>' },
        line: {
          orderId: 1234,
          orderProductId: 55,
          quantity: 2,
          name: 'Bolt <b>steel</b>',
          variant: 'Size: M8',
        },
        changeKey: 'order:1234:line:55:sale',
      },
    );
  await report();
  await report();

  const mailer = new RecordingMailer();
  const outcome = await flushNotifications(flushDeps(repos, fixedClock(AFTER_WINDOW), mailer), {
    storeId: store.id,
  });

  expect(outcome).toMatchObject({ emailsSent: 1, notificationsSent: 1, notificationsDropped: 0 });
  const [email] = mailer.to(to);
  expect(email!.subject).toBe('[Backorder] 1 item needs your attention');
  expect(email!.text).toContain(
    '- Bolt <b>steel</b> (SKU BOLT-<M8>, Size: M8): The sale of 2 units on order #1234 was not recorded: it would take the stock beyond the ±1,000,000,000 units Backorder can track.',
  );
  expect(email!.html).toContain('<td>Bolt &lt;b&gt;steel&lt;/b&gt;</td>');
  expect(email!.html).not.toContain('<b>steel</b>');
});
