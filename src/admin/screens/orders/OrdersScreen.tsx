import {
  Box,
  Button,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  InlineMessage,
  Input,
  Link,
  Panel,
  Small,
  Table,
  Text,
} from '@bigcommerce/big-design';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Link as AppLink, useLocation } from 'wouter';
import { describeError } from '../../api/errors.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loaded, LoadingState } from '../../components/states.js';
import { type Order, type OrdersReport, useOrders, useOrdersReport } from './orders-api.js';
import { type FilterForm, filtersOf, hasFilters, itemName, type OrderFilters } from './orders-words.js';

// recharts is the largest part of this screen: loaded when the chart is shown.
const BackordersChart = lazy(() => import('./BackordersChart.js'));

/**
 * Orders holding backordered units, newest first, with their lines; filters by period (store-local
 * dates) and SKU; backordered units per item and per week. Each order links to BigCommerce's page of it.
 */
export function OrdersScreen() {
  const [filters, setFilters] = useState<OrderFilters>({});
  return (
    <>
      <PageHeader
        title="Orders"
        description="Orders that hold backordered units, newest first, with how many units of each line are backorders. Open an order in BigCommerce to ship or edit it."
        actions={
          <ExportButtons
            what="orders"
            request={(api, format) =>
              api.GET('/exports/orders', { params: { query: { ...filters, format } }, parseAs: 'blob' })
            }
          />
        }
      />
      <Filters onApply={setFilters} applied={filters} />
      <Report filters={filters} />
      <OrdersList filters={filters} onClear={() => setFilters({})} />
    </>
  );
}

const EMPTY_FORM: FilterForm = { from: '', to: '', sku: '' };

function Filters(props: {
  readonly applied: OrderFilters;
  readonly onApply: (filters: OrderFilters) => void;
}) {
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = filtersOf(form);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    props.onApply(checked.filters);
  };
  const field = (name: keyof FilterForm) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });
  return (
    <Panel header="Filters" data-panel="filters">
      <Form onSubmit={submit} aria-label="Filter orders">
        <Flex flexGap="1rem" flexWrap="wrap" alignItems="flex-end">
          <FlexItem flexBasis="180px">
            <FormGroup>
              <Input label="From" type="date" description="Store date, included." {...field('from')} />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="180px">
            <FormGroup>
              <Input label="To" type="date" description="Store date, included." {...field('to')} />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="220px">
            <FormGroup>
              <Input label="SKU" description="The item’s exact SKU." {...field('sku')} />
            </FormGroup>
          </FlexItem>
        </Flex>
        {error === null ? null : (
          <InlineMessage type="error" messages={[{ text: error }]} marginBottom="medium" />
        )}
        <Flex flexGap="0.5rem">
          <Button type="submit">Apply filters</Button>
          <Button
            type="button"
            variant="subtle"
            disabled={!hasFilters(props.applied) && form === EMPTY_FORM}
            onClick={() => {
              setForm(EMPTY_FORM);
              setError(null);
              props.onApply({});
            }}
          >
            Clear filters
          </Button>
        </Flex>
      </Form>
    </Panel>
  );
}

function Report({ filters }: { readonly filters: OrderFilters }) {
  const report = useOrdersReport(filters);
  return (
    <Loaded query={report} loading="Loading the totals…">
      {(data) =>
        data.orders === 0 ? null : (
          <>
            <Panel
              header="Backordered units over time"
              description={`${data.backordered_units} backordered unit${data.backordered_units === 1 ? '' : 's'} in ${data.orders} order${data.orders === 1 ? '' : 's'}${data.from === null ? '' : ` from ${data.from}`} to ${data.to}.`}
              data-panel="chart"
            >
              <Suspense fallback={<LoadingState label="Loading the chart…" />}>
                <BackordersChart weeks={data.weeks} timeZone={data.time_zone} />
              </Suspense>
            </Panel>
            <ItemTotals report={data} />
          </>
        )
      }
    </Loaded>
  );
}

function ItemTotals({ report }: { readonly report: OrdersReport }) {
  return (
    <Panel header="Totals per item" description="Most backordered first." data-panel="item-totals">
      <Table
        itemName="Totals per item"
        items={report.items.map((item, index) => ({ ...item, index }))}
        keyField="index"
        columns={[
          {
            header: 'Item',
            hash: 'item',
            render: (item) => <AppLink href={`/products/${item.product_id}`}>{itemName(item)}</AppLink>,
          },
          { header: 'SKU', hash: 'sku', render: (item) => item.sku ?? '—' },
          {
            header: 'Backordered units',
            hash: 'units',
            align: 'right',
            render: (item) => item.backordered_units,
          },
          { header: 'Orders', hash: 'orders', align: 'right', render: (item) => item.orders },
        ]}
      />
    </Panel>
  );
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

function OrdersList(props: { readonly filters: OrderFilters; readonly onClear: () => void }) {
  const orders = useOrders(props.filters);
  const [, navigate] = useLocation();
  if (orders.isPending) return <LoadingState label="Loading orders…" />;
  if (orders.isError && orders.rows.length === 0) {
    return <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />;
  }
  return (
    <Panel header="Orders holding backordered units" data-panel="orders">
      {orders.rows.length === 0 ? (
        hasFilters(props.filters) ? (
          <EmptyState
            heading="No order matches these filters"
            message="Widen the period or clear the SKU."
            action={
              <Button variant="secondary" onClick={props.onClear}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            heading="No backorders yet"
            message="Orders that sell assigned items beyond their stock appear here, with the units that are backorders. Assign products and set their stock to start."
            action={
              <Button variant="secondary" onClick={() => navigate('/products')}>
                Go to Products
              </Button>
            }
          />
        )
      ) : (
        <>
          <Table
            itemName="Orders holding backordered units"
            items={orders.rows}
            keyField="order_id"
            columns={[
              {
                header: 'Order',
                hash: 'order',
                verticalAlign: 'top',
                render: (order) => (
                  <Link href={order.control_panel_url} target="_blank" rel="noopener noreferrer" external>
                    Order #{order.order_id}
                  </Link>
                ),
              },
              {
                header: 'Placed',
                hash: 'at',
                verticalAlign: 'top',
                render: (order) => when(order.created_at),
              },
              { header: 'Lines', hash: 'lines', render: (order) => <Lines order={order} /> },
              {
                header: 'Backordered',
                hash: 'backordered',
                align: 'right',
                verticalAlign: 'top',
                render: (order) => order.backordered_units,
              },
            ]}
          />
          {orders.isError ? (
            <InlineMessage
              type="error"
              messages={[{ text: describeError(orders.error) }]}
              marginTop="small"
            />
          ) : null}
          {orders.hasNextPage ? (
            <Box marginTop="small">
              <Button
                variant="secondary"
                isLoading={orders.isFetchingNextPage}
                onClick={() => void orders.fetchNextPage()}
              >
                Load more orders
              </Button>
            </Box>
          ) : null}
        </>
      )}
    </Panel>
  );
}

function Lines({ order }: { readonly order: Order }) {
  return (
    <ul style={{ margin: 0, paddingLeft: '1rem' }}>
      {order.lines.map((line) => (
        <li key={line.order_product_id}>
          <Text marginBottom="none">
            <AppLink href={`/products/${line.product_id}`}>{itemName(line)}</AppLink>
            {': '}
            {line.quantity} ordered
            {line.backordered > 0 ? `, ${line.backordered} backordered` : ''}
            {line.returned_quantity > 0 ? ` (${line.returned_quantity} given back)` : ''}
          </Text>
          {line.sku === null ? null : <Small marginBottom="none">SKU {line.sku}</Small>}
        </li>
      ))}
    </ul>
  );
}
