import { expect, it } from 'vitest';
import * as keys from '../../../src/app/jobs/keys.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';

// Existing databases hold these strings (ledger rows, queued jobs, notifications): a key built in
// another form would not find the work an earlier version did, and would apply it again.
it('builds every key in the form stored by earlier versions', () => {
  expect({
    webhookProcess: keys.webhookProcessKey(asStoreId(3), 41),
    outboxDeliver: keys.outboxDeliverKey(asStoreId(3)),
    outboxRetry: keys.outboxRetryKey(asStoreId(3)),
    outboxUrgent: keys.outboxUrgentKey(asStoreId(3)),
    outboxUrgentRetry: keys.outboxUrgentRetryKey(asStoreId(3)),
    notificationsFlush: keys.notificationsFlushKey(asStoreId(3)),
    orderSale: keys.orderSaleKey(100, 7),
    orderReturn: keys.orderReturnKey(100, 7),
    apiRequest: keys.itemRequestKey('api', 'req-1', 'edit', 12),
    adminRequest: keys.itemRequestKey('admin', 'f1e2', 'disable', 12),
    settings: keys.settingsReevaluationKey('2025-05-01T10:00:00.000Z', 12),
    dayStarted: keys.dayStartedKey('2025-05-22', 12),
    catalogSync: keys.catalogSyncKey(12, '2025-05-01T09:00:00+00:00', 4),
    assignmentRunProduct: keys.assignmentRunProductKey(5, 77),
    assignedVariant: keys.assignedVariantKey('assignment-run:5:product:77', 301),
    assignedProductItself: keys.assignedVariantKey('assignment-run:5:product:77', null),
    unassignment: keys.unassignmentKey(9, new Date('2025-04-01T08:30:00Z')),
    unassignmentNeverAssigned: keys.unassignmentKey(9, null),
    unassignedProduct: keys.unassignedProductKey('unassign:product:9:assigned:never'),
    unassignedItem: keys.unassignedItemKey('unassign:product:9:assigned:never', 12),
    assignmentRunNotification: keys.assignmentRunNotificationKey(5, 0),
    notification: keys.notificationDedupeKey('unassigned', 'unassign:product:9:assigned:never'),
    importApply: keys.importApplyKey(asStoreId(3), 7),
    importRow: keys.importRowKey(7, 120),
    importRowRef: keys.importRowRef(7, 120),
    importFinished: keys.importFinishedKey(7),
  }).toEqual({
    webhookProcess: 'webhook.process:3:41',
    outboxDeliver: 'outbox.deliver:3',
    outboxRetry: 'outbox.deliver.retry:3',
    outboxUrgent: 'outbox.urgent:3',
    outboxUrgentRetry: 'outbox.urgent.retry:3',
    notificationsFlush: 'notifications.flush:3',
    orderSale: 'order:100:line:7:sale',
    orderReturn: 'order:100:line:7:return',
    apiRequest: 'api:req-1:edit:item:12',
    adminRequest: 'admin:f1e2:disable:item:12',
    settings: 'settings:2025-05-01T10:00:00.000Z:item:12',
    dayStarted: 'day:2025-05-22:item:12',
    catalogSync: 'bc-sync:item:12:modified:2025-05-01T09:00:00+00:00:level:4',
    assignmentRunProduct: 'assignment-run:5:product:77',
    assignedVariant: 'assignment-run:5:product:77#variant:301',
    assignedProductItself: 'assignment-run:5:product:77#variant:none',
    unassignment: 'unassign:product:9:assigned:2025-04-01T08:30:00.000Z',
    unassignmentNeverAssigned: 'unassign:product:9:assigned:never',
    unassignedProduct: 'unassign:product:9:assigned:never#product',
    unassignedItem: 'unassign:product:9:assigned:never#item:12',
    assignmentRunNotification: 'assignment-run:5:0',
    notification: 'unassigned:unassign:product:9:assigned:never',
    importApply: 'import.apply:3:7',
    importRow: 'import:7:line:120',
    importRowRef: '7:120',
    importFinished: 'import:7:finished',
  });
});

it('keys an email by its notifications, whatever their order, and by store', () => {
  const key = keys.emailDedupeKey(asStoreId(3), [12, 5, 9]);
  // sha256 of the ids in ascending order, joined by commas ("5,9,12").
  expect(key).toBe('notifications:store:3:bebe996bd9df17f30aedf638d22a75547ec359e27c7da1b20797575125a31578');
  expect(keys.emailDedupeKey(asStoreId(3), [5, 9, 12])).toBe(key);
  expect(keys.emailDedupeKey(asStoreId(4), [5, 9, 12])).not.toBe(key);
  expect(keys.emailDedupeKey(asStoreId(3), [5, 9])).not.toBe(key);
});
