import { Box, Small, Table } from '@bigcommerce/big-design';
import { Link } from 'wouter';
import {
  type ActivityEntry,
  actorWords,
  causeWords,
  describeActivity,
  formatWhen,
} from './activity-words.js';

/** The history as a table; also Home's "Recent activity". */
export function ActivityTable(props: {
  readonly entries: readonly ActivityEntry[];
  readonly timeZone: string;
  readonly compact?: boolean;
}) {
  return (
    <Table
      itemName={props.entries.length === 1 ? 'entry' : 'entries'}
      keyField="id"
      items={[...props.entries]}
      columns={[
        {
          header: 'When',
          hash: 'at',
          width: '9rem',
          render: (e) => formatWhen(e.at, props.timeZone),
        },
        {
          header: 'Item',
          hash: 'item',
          render: (e) => (
            <Box>
              <Link href={`/products/${e.item.product_id}`}>{e.item.product_name}</Link>
              <Small marginBottom="none">
                {[e.item.variant_label, e.item.sku === null ? null : `SKU ${e.item.sku}`]
                  .filter((part) => part !== null)
                  .join(' · ')}
              </Small>
            </Box>
          ),
        },
        {
          header: 'What happened',
          hash: 'what',
          render: (e) => <span data-activity-text="">{describeActivity(e)}</span>,
        },
        ...(props.compact
          ? []
          : [
              { header: 'Cause', hash: 'cause', render: (e: ActivityEntry) => causeWords(e.cause) },
              { header: 'By', hash: 'actor', render: (e: ActivityEntry) => actorWords(e.actor) },
            ]),
      ]}
    />
  );
}
