import type { Repositories } from '../../../../src/adapters/db/repositories.js';
import type { FlushNotificationsDeps } from '../../../../src/app/notifications/flush-notifications.js';
import type { UnassignedPayload } from '../../../../src/app/notifications/notification-events.js';
import type { Clock } from '../../../../src/app/ports/clock.js';
import type { Mailer } from '../../../../src/app/ports/mailer.js';
import type { StoreRecord } from '../../../../src/app/ports/store-repository.js';
import { aStore } from '../../../builders/store.builder.js';

export const WINDOW_MS = 60_000;

let recipientSequence = 0;

/** A recipient address no other test uses, so a test reads only its own mail from the shared catcher. */
export function aRecipient(): string {
  recipientSequence += 1;
  return `merchant-${process.pid}-${recipientSequence}@example.com`;
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
    items: repos.items,
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
