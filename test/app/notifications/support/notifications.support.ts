import { afterAll, beforeAll } from 'vitest';
import type { Repositories } from '../../../../src/adapters/db/repositories.js';
import { SmtpMailer } from '../../../../src/adapters/mail/smtp.mailer.js';
import type { FlushNotificationsDeps } from '../../../../src/app/notifications/flush-notifications.js';
import type { UnassignedPayload } from '../../../../src/app/notifications/notification-events.js';
import type { Clock } from '../../../../src/app/ports/clock.js';
import type { Mailer } from '../../../../src/app/ports/mailer.js';
import type { StoreRecord } from '../../../../src/app/ports/store-repository.js';
import {
  type MailMessage,
  MailStore,
  type SmtpCatcher,
  startSmtpCatcher,
} from '../../../../src/sandbox/mailbox/index.js';
import { aStore } from '../../../builders/store.builder.js';

export const WINDOW_MS = 60_000;

/** A real SMTP server (the sandbox's catcher) for the file, and a mailer sending to it. */
export function useMailCatcher(): { inbox: MailStore; mailer: () => SmtpMailer; port: () => number } {
  const inbox = new MailStore({ maxMessages: 5000 });
  let catcher: SmtpCatcher | undefined;
  let mailer: SmtpMailer | undefined;
  beforeAll(async () => {
    catcher = await startSmtpCatcher({ store: inbox, port: 0 });
    mailer = new SmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
      from: 'Backorder <backorder@example.com>',
    });
  });
  afterAll(async () => {
    mailer?.close();
    await catcher?.close();
  });
  return {
    inbox,
    mailer: () => mailer!,
    port: () => catcher!.port,
  };
}

let recipientSequence = 0;

/** A recipient address no other test uses, so a test reads only its own mail from the shared catcher. */
export function aRecipient(): string {
  recipientSequence += 1;
  return `merchant-${process.pid}-${recipientSequence}@example.com`;
}

export function mailTo(inbox: MailStore, address: string): MailMessage[] {
  return inbox
    .list()
    .filter((m) => m.envelope.to.includes(address))
    .reverse();
}

/** An installed store whose settings send the given events to the given recipients. */
export async function aNotifiedStore(
  repos: Repositories,
  options: { recipients?: readonly string[]; events?: readonly string[]; now?: Date } = {},
): Promise<StoreRecord> {
  const store = await aStore(repos, options.now === undefined ? {} : { now: options.now });
  await repos.settings.updateSettings(
    store.id,
    {
      notificationEmails: options.recipients ?? [aRecipient()],
      notifyEvents: options.events ?? [
        'backorder_enabled',
        'backorder_disabled',
        'assigned',
        'unassigned',
        'import_finished',
      ],
    },
    options.now ?? new Date(),
  );
  return store;
}

export function flushDeps(repos: Repositories, clock: Clock, mailer: Mailer): FlushNotificationsDeps {
  return {
    notifications: repos.notifications,
    settings: repos.settings,
    products: repos.products,
    stores: repos.stores,
    mailer,
    clock,
    config: { notificationWindowMs: WINDOW_MS },
  };
}

export function anUnassignedPayload(overrides: Partial<UnassignedPayload> = {}): UnassignedPayload {
  return {
    product: { bcProductId: 501, name: 'Trail Shoe', sku: 'TRAIL' },
    items: [
      {
        bcVariantId: 9001,
        variant: 'Size: 42',
        sku: 'TRAIL-42',
        stock: -2,
        threshold: 5,
        backordered: 2,
        incoming: 10,
        backInStockDate: '2025-04-01',
      },
    ],
    ...overrides,
  };
}
