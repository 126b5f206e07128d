import { Badge, Panel, Table, Text } from '@bigcommerce/big-design';
import { useMemo } from 'react';
import { Link as AppLink } from 'wouter';
import { EmptyState } from '../../components/states.js';
import { formatWhen } from '../activity/activity-words.js';
import type { OrdersReport } from './orders-api.js';
import { itemName } from './orders-words.js';
import { owedText } from './report-words.js';

type OpenBackorder = OrdersReport['open_backorders']['items'][number] & { readonly index: number };

/** Defined once: BigDesign's Table renders each column's `render` as a component. */
function columnsFor(timeZone: string) {
  return [
    {
      header: 'Item',
      hash: 'item',
      render: (item: OpenBackorder) => (
        <AppLink href={`/products/${item.product_id}`}>{itemName(item)}</AppLink>
      ),
    },
    { header: 'SKU', hash: 'sku', render: (item: OpenBackorder) => item.sku ?? '—' },
    {
      header: 'Status',
      hash: 'status',
      render: (item: OpenBackorder) =>
        item.status === 'backorder' ? (
          <Badge variant="warning" label="Backorder" />
        ) : (
          <Badge variant="danger" label="Unavailable" />
        ),
    },
    {
      header: 'Units owed',
      hash: 'owed',
      align: 'right' as const,
      render: (item: OpenBackorder) => item.backordered,
    },
    {
      header: 'Out of stock since',
      hash: 'since',
      render: (item: OpenBackorder) => (item.since === null ? '—' : formatWhen(item.since, timeZone)),
    },
  ];
}

/**
 * Units still owed now, whatever the period: the backordered units (B) of the items in an
 * out-of-stock episode, the items owing most listed, each leading to its product.
 */
export function OpenBackordersPanel({ report }: { readonly report: OrdersReport }) {
  const open = report.open_backorders;
  const columns = useMemo(() => columnsFor(report.time_zone), [report.time_zone]);
  return (
    <Panel
      header="Open backorders"
      description="Units sold as backorders that are still owed now, whatever the period: items out of stock since then."
      data-panel="open-backorders"
    >
      {open.item_count === 0 ? (
        <EmptyState heading="Nothing owed" message="No item out of stock owes backordered units right now." />
      ) : (
        <>
          <Text bold data-open-total="">
            {owedText(open.backordered_units, open.item_count)}
          </Text>
          <Table
            itemName="Open backorders"
            items={open.items.map((item, index) => ({ ...item, index }))}
            keyField="index"
            columns={columns}
          />
          {open.items.length < open.item_count ? (
            <Text color="secondary60" marginTop="small">
              The {open.items.length} items owing most are listed; the XLSX export has all {open.item_count}.
            </Text>
          ) : null}
        </>
      )}
    </Panel>
  );
}
