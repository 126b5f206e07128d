import { Box, Button, Flex, Panel, Small, Table, Text } from '@bigcommerce/big-design';
import styled from 'styled-components';
import { Link, useLocation } from 'wouter';
import { useSession } from '../../app/session-context.js';
import { EmptyState, Loaded } from '../../components/states.js';
import { ActivityTable } from '../activity/ActivityTable.js';
import { BLOCK_WORDS, formatLocalDate, STATUS_WORDS } from '../activity/activity-words.js';
import { type Dashboard, type DashboardItem, useDashboard } from './home-api.js';

/** Home's panels over `GET /dashboard`, each with its own empty state saying what to do next. */
export function DashboardPanels() {
  const dashboard = useDashboard();
  return (
    <Loaded query={dashboard} loading="Loading your store’s summary…">
      {(data) => (
        <>
          <CountsPanel counts={data.counts} />
          <AttentionPanel list={data.needs_attention} />
          <UpcomingPanel list={data.upcoming_dates} />
          <RecentPanel entries={data.recent_activity} />
        </>
      )}
    </Loaded>
  );
}

const STATUS_ORDER = ['in_stock', 'backorder', 'unavailable'] as const;

function CountsPanel({ counts }: { readonly counts: Dashboard['counts'] }) {
  const [, navigate] = useLocation();
  const blocks = counts.blocks;
  const blocked = [
    blocks.threshold > 0 ? `${blocks.threshold} reached the threshold` : null,
    blocks.date > 0 ? `${blocks.date} reached the back-in-stock date` : null,
    blocks.manual > 0 ? `${blocks.manual} switched off by you` : null,
  ].filter((part) => part !== null);
  return (
    <Panel
      header="Assigned items"
      description="Each item is a variant, or a product without variants. Open a status to see its items."
      data-panel="counts"
    >
      {counts.assigned === 0 ? (
        <EmptyState
          heading="No products are assigned yet"
          message="Assign products so Backorder tracks their stock and keeps selling them as backorders when they run out."
          action={<Button onClick={() => navigate('/products?tab=all')}>Assign products</Button>}
        />
      ) : (
        <>
          <CountList>
            {STATUS_ORDER.map((status) => (
              <li key={status}>
                <CountLink href={`/products?status=${status}`} data-count={status}>
                  <CountNumber>{counts[status]}</CountNumber> {STATUS_WORDS[status]}
                </CountLink>
              </li>
            ))}
          </CountList>
          <Text color="secondary60" marginTop="small" marginBottom="none">
            {counts.assigned} item{counts.assigned === 1 ? '' : 's'} assigned.
            {blocked.length === 0 ? '' : ` Backorder is blocked for some: ${blocked.join(', ')}.`}
          </Text>
        </>
      )}
    </Panel>
  );
}

function AttentionPanel({ list }: { readonly list: Dashboard['needs_attention'] }) {
  return (
    <Panel
      header="Needs attention"
      description="Items whose backorders the rules stopped: raise the threshold, move the back-in-stock date, or switch backorder back on in Products."
      data-panel="attention"
    >
      {list.total === 0 ? (
        <EmptyState
          heading="Nothing needs attention"
          message="No assigned item is blocked. Items appear here when their threshold or back-in-stock date stops backorders."
        />
      ) : (
        <>
          <ItemsTable
            name="Items that need attention"
            items={list.items}
            extra={{
              header: 'Why',
              hash: 'block',
              render: (i) => (i.block === null ? '—' : BLOCK_WORDS[i.block]),
            }}
          />
          <Shown shown={list.items.length} total={list.total} />
        </>
      )}
    </Panel>
  );
}

function UpcomingPanel({ list }: { readonly list: Dashboard['upcoming_dates'] }) {
  return (
    <Panel
      header="Back-in-stock dates in the next 7 days"
      description={`From ${formatLocalDate(list.from)} to ${formatLocalDate(list.to)}. On its date, backorder switches off for an item that is still out of stock.`}
      data-panel="upcoming"
    >
      {list.total === 0 ? (
        <EmptyState
          heading="No back-in-stock date in the next 7 days"
          message="Set a back-in-stock date on items in Products to tell shoppers when they ship."
        />
      ) : (
        <>
          <ItemsTable
            name="Back-in-stock dates in the next 7 days"
            items={list.items}
            extra={{
              header: 'Date',
              hash: 'date',
              render: (i) => (i.back_in_stock_date === null ? '—' : formatLocalDate(i.back_in_stock_date)),
            }}
          />
          <Shown shown={list.items.length} total={list.total} />
        </>
      )}
    </Panel>
  );
}

function RecentPanel({ entries }: { readonly entries: Dashboard['recent_activity'] }) {
  const session = useSession();
  return (
    <Panel
      header="Recent activity"
      description="The latest status changes of your items."
      data-panel="recent"
    >
      {entries.length === 0 ? (
        <EmptyState
          heading="Nothing has happened yet"
          message="Status changes appear here once products are assigned and orders come in."
        />
      ) : (
        <ActivityTable entries={entries} timeZone={session.store.timezone} compact />
      )}
      <Box marginTop="medium">
        <Link href="/activity">See all activity</Link>
      </Box>
    </Panel>
  );
}

function ItemsTable(props: {
  readonly name: string;
  readonly items: readonly DashboardItem[];
  readonly extra: { header: string; hash: string; render: (item: DashboardItem) => string };
}) {
  return (
    <Table
      itemName={props.items.length === 1 ? 'item' : 'items'}
      aria-label={props.name}
      items={props.items.map((i) => ({ ...i, id: `${i.item.product_id}:${i.item.variant_id ?? 0}` }))}
      keyField="id"
      columns={[
        {
          header: 'Product',
          hash: 'product',
          render: (i) => (
            <Box>
              <Link href={`/products/${i.item.product_id}`}>{i.item.product_name}</Link>
              {i.item.variant_label === null ? null : (
                <Small marginBottom="none">{i.item.variant_label}</Small>
              )}
            </Box>
          ),
        },
        { header: 'SKU', hash: 'sku', render: (i) => i.item.sku ?? '—' },
        { header: 'Stock', hash: 'stock', align: 'right', render: (i) => i.stock },
        {
          header: 'Backordered',
          hash: 'backordered',
          align: 'right',
          render: (i) => `${i.backordered}${i.threshold === null ? '' : ` of ${i.threshold}`}`,
        },
        { header: 'Status', hash: 'status', render: (i) => STATUS_WORDS[i.status] },
        props.extra,
      ]}
    />
  );
}

function Shown(props: { readonly shown: number; readonly total: number }) {
  if (props.total <= props.shown) return null;
  return (
    <Flex marginTop="small">
      <Text color="secondary60" marginBottom="none">
        Showing {props.shown} of {props.total}.
      </Text>
    </Flex>
  );
}

const CountList = styled.ul`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.spacing.medium};
  list-style: none;
  margin: 0;
  padding: 0;
`;

const CountLink = styled(Link)`
  display: block;
  min-width: 10rem;
  padding: ${({ theme }) => `${theme.spacing.medium} ${theme.spacing.large}`};
  border: 1px solid ${({ theme }) => theme.colors.secondary30};
  border-radius: ${({ theme }) => theme.borderRadius.normal};
  color: ${({ theme }) => theme.colors.secondary70};
  text-decoration: none;

  &:hover {
    border-color: ${({ theme }) => theme.colors.primary};
    color: ${({ theme }) => theme.colors.primary};
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary40};
    outline-offset: 2px;
  }
`;

const CountNumber = styled.span`
  display: block;
  font-size: ${({ theme }) => theme.typography.fontSize.xxLarge};
  font-weight: ${({ theme }) => theme.typography.fontWeight.semiBold};
  color: ${({ theme }) => theme.colors.secondary70};
`;
