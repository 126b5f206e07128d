import { Box, Panel, Select, Table } from '@bigcommerce/big-design';
import { useState } from 'react';
import type { OrdersReport } from './orders-api.js';
import { itemName, weekLabel } from './orders-words.js';

type ItemWeek = OrdersReport['items'][number]['weeks'][number];

const COLUMNS = [
  {
    header: 'Week',
    hash: 'week',
    render: (week: ItemWeek) => `${week.week} (from ${weekLabel(week.starts_on, true)})`,
  },
  {
    header: 'Backordered units',
    hash: 'units',
    align: 'right' as const,
    render: (week: ItemWeek) => week.backordered_units,
  },
  { header: 'Orders', hash: 'orders', align: 'right' as const, render: (week: ItemWeek) => week.orders },
];

/** Per item per week: the weeks one chosen item has backordered units in (the most backordered first). */
export function ItemWeeksPanel({ report }: { readonly report: OrdersReport }) {
  const [chosen, setChosen] = useState(0);
  const index = chosen < report.items.length ? chosen : 0;
  const item = report.items[index];
  if (item === undefined) return null;
  return (
    <Panel
      header="Per item per week"
      description="Backordered units and orders of one item in each week it has any."
      data-panel="item-weeks"
    >
      <Box marginBottom="medium" style={{ maxWidth: '480px' }}>
        <Select
          label="Item"
          filterable={report.items.length > 10}
          options={report.items.map((i, n) => ({
            value: String(n),
            content: i.sku === null ? itemName(i) : `${itemName(i)} — ${i.sku}`,
          }))}
          value={String(index)}
          onOptionChange={(value) => setChosen(Number(value ?? 0))}
        />
      </Box>
      <Table itemName={`Weeks of ${itemName(item)}`} items={item.weeks} keyField="week" columns={COLUMNS} />
    </Panel>
  );
}
