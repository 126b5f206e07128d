import type { z } from 'zod';
import type { ApiKeyRecord } from '../../app/ports/api-key-repository.js';
import { type ItemRecord, itemVariantLabel } from '../../app/ports/item-repository.js';
import type { StoreSettings } from '../../app/ports/settings-repository.js';
import type { TemplateRecord } from '../../app/ports/template-repository.js';
import type { NativeBackordersState } from '../../app/settings/get-settings.js';
import type { NotifyEvent } from '../../app/settings/notify-events.js';
import { isNotifyEvent } from '../../app/settings/notify-events.js';
import type {
  apiKeySchema,
  itemSchema,
  nativeBackordersSchema,
  settingsSchema,
  templateSchema,
} from './api-schemas.js';

/** Records as the public API shows them: snake_case, BigCommerce's ids, ISO timestamps. */

export function itemJson(item: ItemRecord): z.input<typeof itemSchema> {
  if (item.status === null)
    throw new Error(`item ${item.id} is not assigned; the API shows assigned items only`);
  return {
    sku: item.sku,
    product_id: item.bcProductId,
    variant_id: item.bcVariantId,
    variant_label: itemVariantLabel(item),
    stock: item.stock,
    threshold: item.threshold,
    backordered: item.backordered,
    incoming_stock: item.incoming,
    back_in_stock_date: item.backInStockDate,
    status: item.status,
    block: item.block,
  };
}

export function settingsJson(
  settings: StoreSettings,
  nativeBackorders: NativeBackordersState,
): z.input<typeof settingsSchema> {
  return {
    switch_condition: settings.switchCondition,
    notification_emails: [...settings.notificationEmails],
    // A name an older version stored but this one no longer knows is not shown.
    notify_events: settings.notifyEvents.filter((e): e is NotifyEvent => isNotifyEvent(e)),
    restock_on_cancel: settings.restockOnCancel,
    keep_tracking_off: settings.keepTrackingOff,
    inventory_mode: settings.inventoryMode,
    native_backorders: nativeBackordersJson(nativeBackorders),
    updated_at: settings.updatedAt.toISOString(),
  };
}

export function nativeBackordersJson(state: NativeBackordersState): z.input<typeof nativeBackordersSchema> {
  return {
    enabled: state.enabled,
    checked_at: state.checkedAt?.toISOString() ?? null,
    locations: state.locations,
  };
}

export function templateJson(template: TemplateRecord): z.input<typeof templateSchema> {
  return {
    id: template.id,
    name: template.name,
    is_default: template.isDefault,
    button_text: template.buttonText,
    backorder_message: template.backorderMessage,
    cart_message: template.cartMessage,
    unavailable_message: template.unavailableMessage,
    packing_slip_message: template.packingSlipMessage,
    threshold: template.threshold,
    incoming_stock: template.incomingStock,
    back_in_stock_date: template.backInStockDate,
    created_at: template.createdAt.toISOString(),
    updated_at: template.updatedAt.toISOString(),
  };
}

export function apiKeyJson(key: ApiKeyRecord): z.input<typeof apiKeySchema> {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
  };
}
