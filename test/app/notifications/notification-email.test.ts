import { describe, expect, it } from 'vitest';
import {
  type NotificationEmailInput,
  renderNotificationEmail,
} from '../../../src/app/notifications/notification-email.js';
import type { ItemEffectPayload, Notification } from '../../../src/app/notifications/notification-events.js';

/**
 * The grouped email as the merchant reads it (issue 9, item 12): html and text parts. Sent through a
 * flush and SMTP: flush-notifications.integration.test.ts.
 */

// 15:00 UTC is 10:00 in Chicago (CDT) on this day.
const T0 = new Date('2026-03-10T15:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let ids = 0;
function effect(
  event: 'backorder_enabled' | 'backorder_disabled',
  item: { itemId: number; productId: number; bcVariantId: number | null; sku: string | null },
  options: { at: Date; reason?: 'threshold' | 'date' | 'manual'; order?: number },
): Notification {
  ids += 1;
  const payload: ItemEffectPayload = {
    effect: {
      kind: 'notify',
      event,
      reason: event === 'backorder_disabled' ? (options.reason ?? 'threshold') : null,
    },
    itemId: item.itemId,
    productId: item.productId,
    bcProductId: 100 + item.productId,
    bcVariantId: item.bcVariantId,
    sku: item.sku,
    from: { status: 'in_stock', block: null },
    to: { status: 'backorder', block: null },
    reason: 'test',
    ...(options.order === undefined
      ? { cause: { type: 'admin_action', ref: null } }
      : { cause: { type: 'order_line', ref: `order:${options.order}:line:${options.order * 10}` } }),
  };
  return { id: ids, createdAt: options.at, event, payload } as Notification;
}

const LONG = { itemId: 7, productId: 1, bcVariantId: 9007, sku: 'ROPE-L' };
const SHORT = { itemId: 8, productId: 1, bcVariantId: 9008, sku: 'ROPE-S' };
const UNNAMED = { itemId: 9, productId: 1, bcVariantId: 9009, sku: 'ROPE-X' };
const KETTLE = { itemId: 11, productId: 2, bcVariantId: null, sku: 'KET' };

function input(notifications: readonly Notification[], overrides: Partial<NotificationEmailInput> = {}) {
  return {
    storeName: 'Alpine <Gear> & Co',
    timeZone: 'America/Chicago',
    adminUrl: 'https://backorder.example.com/admin',
    notifications,
    productNames: new Map([
      [1, 'Climbing Rope'],
      [2, 'Camp Kettle'],
    ]),
    variantLabels: new Map([
      [7, 'Length: Long'],
      [8, 'Length: Short'],
    ]),
    ...overrides,
  } satisfies NotificationEmailInput;
}

describe('the grouped notification email', () => {
  it('lists an item that switched several times once, under its final state, with the time of each change', () => {
    const email = renderNotificationEmail(
      input([
        effect('backorder_enabled', LONG, { at: T0, order: 1001 }),
        effect('backorder_disabled', LONG, { at: minutes(5), order: 1002 }),
        effect('backorder_enabled', SHORT, { at: minutes(1), order: 1003 }),
        effect('backorder_enabled', KETTLE, { at: minutes(2) }),
        effect('backorder_disabled', KETTLE, { at: minutes(3), reason: 'manual' }),
        effect('backorder_enabled', KETTLE, { at: minutes(4) }),
      ]),
    );

    // 3 items, not 6: each counted once, by its final state.
    expect(email.subject).toBe('[Backorder] Backorder disabled for 1 item; backorder enabled for 2 items');
    expect(email.text).toBe(
      [
        'Backorder updates for Alpine <Gear> & Co.',
        'Open Backorder: https://backorder.example.com/admin/',
        '',
        'Backorder disabled (1 item)',
        'These items are out of stock and can no longer be bought:',
        '- Climbing Rope (Length: Long), SKU ROPE-L: backorder threshold reached',
        '    Mar 10, 2026, 10:00 AM CDT: backorder enabled, order #1001',
        '    Mar 10, 2026, 10:05 AM CDT: backorder disabled (backorder threshold reached), order #1002',
        '',
        'Backorder enabled (2 items)',
        'These items are out of stock and are now sold as backorders:',
        '- Climbing Rope (Length: Short), SKU ROPE-S',
        '    Mar 10, 2026, 10:01 AM CDT: backorder enabled, order #1003',
        '- Camp Kettle, SKU KET',
        '    Mar 10, 2026, 10:02 AM CDT: backorder enabled',
        '    Mar 10, 2026, 10:03 AM CDT: backorder disabled (disabled by the merchant)',
        '    Mar 10, 2026, 10:04 AM CDT: backorder enabled',
        '',
        'You receive these emails because of your notification settings in the Backorder app.',
        'Change them in Settings: https://backorder.example.com/admin/settings',
      ].join('\n'),
    );
    expect(email.html).toContain(
      '<tr><td>Climbing Rope</td><td>Length: Long</td><td>ROPE-L</td><td>backorder threshold reached</td><td>Mar 10, 2026, 10:00 AM CDT: backorder enabled, order #1001<br>Mar 10, 2026, 10:05 AM CDT: backorder disabled (backorder threshold reached), order #1002</td></tr>',
    );
    expect(email.html.match(/<td>ROPE-L<\/td>/g)).toHaveLength(1);
    expect(email.html.match(/<td>KET<\/td>/g)).toHaveLength(1);
  });

  it('names a variant by its options, else by its SKU — never by its BigCommerce id', () => {
    const email = renderNotificationEmail(
      input([
        effect('backorder_enabled', UNNAMED, { at: T0 }),
        effect('backorder_enabled', LONG, { at: T0 }),
      ]),
    );
    expect(email.text).toContain('- Climbing Rope, SKU ROPE-X\n');
    expect(email.text).toContain('- Climbing Rope (Length: Long), SKU ROPE-L\n');
    expect(email.text).not.toMatch(/variant #|9009|9007/);
    expect(email.html).not.toMatch(/variant #|9009|9007/);
    expect(email.html).toContain('<tr><td>Climbing Rope</td><td></td><td>ROPE-X</td>');
  });

  it('names the store, links the app and the Settings screen, and escapes merchant text in the html', () => {
    const email = renderNotificationEmail(
      input([effect('backorder_enabled', KETTLE, { at: T0 })], {
        productNames: new Map([[2, '<img src=x onerror=alert(1)> "Kettle"']]),
      }),
    );
    expect(email.html).toContain(
      '<p>Backorder updates for <strong>Alpine &lt;Gear&gt; &amp; Co</strong>. <a href="https://backorder.example.com/admin/">Open Backorder</a></p>',
    );
    expect(email.html).toContain(
      'because of your <a href="https://backorder.example.com/admin/settings">notification settings</a> in the Backorder app.',
    );
    expect(email.html).toContain('<td>&lt;img src=x onerror=alert(1)&gt; &quot;Kettle&quot;</td>');
    expect(email.html).not.toContain('<img');
    // The text part is plain text: nothing to escape.
    expect(email.text).toContain('- <img src=x onerror=alert(1)> "Kettle", SKU KET');
    expect(email.html).toContain('<title>[Backorder] Backorder enabled for 1 item</title>');
  });

  it('without the app’s address, carries no links; a store time zone it cannot read is UTC', () => {
    const email = renderNotificationEmail(
      input([effect('backorder_enabled', KETTLE, { at: T0 })], { adminUrl: null, timeZone: 'Not/AZone' }),
    );
    expect(email.html).not.toContain('<a ');
    expect(email.text).not.toContain('http');
    expect(email.text).toContain('Mar 10, 2026, 3:00 PM UTC: backorder enabled');
  });
});
