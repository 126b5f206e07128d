import type { z } from 'zod';
import { orderIdOfCause } from '../../app/activity/activity-cause.js';
import type { ActivityEntry } from '../../app/ports/activity-log.js';
import type { ItemLabel } from '../../app/ports/item-label.js';
import type { DashboardItem } from '../../app/ports/store-dashboard.js';
import type { activityEntrySchema, dashboardSchema, itemRefSchema } from './schemas/activity.schemas.js';

type DashboardItemJson = z.input<typeof dashboardSchema>['needs_attention']['items'][number];

export function itemRefJson(label: ItemLabel): z.input<typeof itemRefSchema> {
  return {
    sku: label.sku,
    product_id: label.bcProductId,
    variant_id: label.bcVariantId,
    product_name: label.productName,
    variant_label: label.variantLabel,
  };
}

export function activityEntryJson(entry: ActivityEntry): z.input<typeof activityEntrySchema> {
  return {
    id: `${entry.kind === 'movement' ? 'm' : 't'}${entry.id}`,
    kind: entry.kind,
    at: entry.at.toISOString(),
    item: itemRefJson(entry.item),
    movement:
      entry.kind === 'movement'
        ? {
            kind: entry.movement.kind,
            delta: entry.movement.delta,
            backordered_delta: entry.movement.backorderedDelta,
            stock_after: entry.movement.stockAfter,
            backordered_after: entry.movement.backorderedAfter,
          }
        : null,
    transition: entry.kind === 'transition' ? entry.transition : null,
    cause: { type: entry.causeType, ref: entry.causeRef, order_id: orderIdOfCause(entry) },
    actor: entry.actor,
  };
}

export function dashboardItemJson(item: DashboardItem): DashboardItemJson {
  return {
    item: itemRefJson(item.label),
    stock: item.stock,
    threshold: item.threshold,
    backordered: item.backordered,
    incoming_stock: item.incoming,
    back_in_stock_date: item.backInStockDate,
    status: item.status,
    block: item.block,
  };
}
