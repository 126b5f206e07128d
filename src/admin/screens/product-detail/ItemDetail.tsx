import {
  Box,
  Button,
  Form,
  FormGroup,
  H3,
  InlineMessage,
  Input,
  Link,
  Panel,
  Table,
  Text,
} from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.js';
import { actorWords, historyCause, historyNumbers, historyWhat, parseUnits } from './item-words.js';
import { type Item, useItemHistory, useItemOrders, useReceiveStock } from './product-detail-api.js';

/** One item: receiving incoming stock, its history and the orders holding its backordered units. */
export function ItemDetail({ item, name }: { readonly item: Item; readonly name: string }) {
  if (item.sku === null) {
    return (
      <Panel header={name} data-panel="item">
        <EmptyState
          heading="This item has no SKU"
          message="Backorder reads an item’s history and receives its stock by SKU. Give this variant a SKU in BigCommerce, then sync the product."
        />
      </Panel>
    );
  }
  return (
    <Panel header={name} description={`SKU ${item.sku}`} data-panel="item">
      <ReceiveStock item={item} sku={item.sku} />
      <History sku={item.sku} />
      <Orders sku={item.sku} />
    </Panel>
  );
}

function ReceiveStock({ item, sku }: { readonly item: Item; readonly sku: string }) {
  const [text, setText] = useState(item.incoming_stock > 0 ? String(item.incoming_stock) : '');
  const [touched, setTouched] = useState(false);
  const receive = useReceiveStock();
  const feedback = useFeedback();
  const quantity = parseUnits(text);
  const fieldError = touched && quantity === null ? 'Enter a whole number of units of 1 or more.' : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (quantity === null) return;
    receive.mutate(
      { sku, quantity },
      {
        onSuccess: (after) => {
          setText(after.incoming_stock > 0 ? String(after.incoming_stock) : '');
          setTouched(false);
          feedback.success(
            `Received ${quantity} unit${quantity === 1 ? '' : 's'} of ${sku}. Stock is now ${after.stock}, incoming ${after.incoming_stock}.`,
          );
        },
      },
    );
  };

  return (
    <Box marginBottom="large" data-part="receive">
      <H3>Receive incoming stock</H3>
      <Text color="secondary60">
        {item.incoming_stock > 0
          ? `${item.incoming_stock} unit${item.incoming_stock === 1 ? ' is' : 's are'} incoming. Receiving moves them into stock.`
          : 'No stock is incoming. Set the incoming stock first (or set the stock itself).'}
      </Text>
      <Form onSubmit={submit} aria-label={`Receive incoming stock of ${sku}`}>
        <FormGroup>
          <Input
            label="Units received"
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={text}
            error={fieldError}
            onChange={(event) => {
              setText(event.target.value);
              setTouched(true);
            }}
          />
        </FormGroup>
        {receive.isError ? (
          <InlineMessage
            type="error"
            messages={[{ text: describeError(receive.error) }]}
            marginBottom="medium"
          />
        ) : null}
        <Button type="submit" isLoading={receive.isPending}>
          Receive incoming stock
        </Button>
      </Form>
    </Box>
  );
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

function History({ sku }: { readonly sku: string }) {
  const history = useItemHistory(sku);
  return (
    <Box marginBottom="large" data-part="history">
      <H3>History</H3>
      {history.isPending ? (
        <LoadingState label="Loading the history…" />
      ) : history.isError && history.rows.length === 0 ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.rows.length === 0 ? (
        <EmptyState
          heading="Nothing yet"
          message="Stock movements and status changes of this item appear here."
        />
      ) : (
        <>
          <Table
            itemName="History"
            items={history.rows.map((entry, index) => ({ ...entry, index }))}
            keyField="index"
            columns={[
              { header: 'When', hash: 'at', render: (e) => when(e.at) },
              { header: 'What happened', hash: 'what', render: (e) => historyWhat(e) },
              { header: 'After', hash: 'after', render: (e) => historyNumbers(e) || '—' },
              { header: 'Cause', hash: 'cause', render: (e) => historyCause(e) },
              { header: 'By', hash: 'actor', render: (e) => actorWords(e.actor) },
            ]}
          />
          <LoadMore pages={history} label="Load more history" />
        </>
      )}
    </Box>
  );
}

function Orders({ sku }: { readonly sku: string }) {
  const orders = useItemOrders(sku);
  return (
    <Box data-part="orders">
      <H3>Orders holding backordered units</H3>
      {orders.isPending ? (
        <LoadingState label="Loading the orders…" />
      ) : orders.isError && orders.rows.length === 0 ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.rows.length === 0 ? (
        <EmptyState
          heading="No order holds backordered units of this item"
          message="Orders placed while it is on backorder appear here, until they are cancelled or refunded."
        />
      ) : (
        <>
          <Table
            itemName="Orders holding backordered units"
            items={orders.rows}
            keyField="order_product_id"
            columns={[
              {
                header: 'Order',
                hash: 'order',
                render: (o) => (
                  <Link href={o.control_panel_url} target="_blank" rel="noopener noreferrer" external>
                    Order #{o.order_id}
                  </Link>
                ),
              },
              { header: 'Placed', hash: 'at', render: (o) => when(o.created_at) },
              { header: 'Quantity', hash: 'quantity', align: 'right', render: (o) => o.quantity },
              { header: 'Backordered', hash: 'backordered', align: 'right', render: (o) => o.backordered },
              { header: 'Given back', hash: 'returned', align: 'right', render: (o) => o.returned_quantity },
              { header: 'Episode', hash: 'episode', align: 'right', render: (o) => o.episode },
            ]}
          />
          <LoadMore pages={orders} label="Load more orders" />
        </>
      )}
    </Box>
  );
}

function LoadMore(props: {
  readonly pages: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isError: boolean;
    error: unknown;
    fetchNextPage: () => unknown;
  };
  readonly label: string;
}) {
  const { pages } = props;
  return (
    <>
      {pages.isError ? (
        <InlineMessage type="error" messages={[{ text: describeError(pages.error) }]} marginTop="small" />
      ) : null}
      {pages.hasNextPage ? (
        <Box marginTop="small">
          <Button
            variant="secondary"
            isLoading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {props.label}
          </Button>
        </Box>
      ) : null}
    </>
  );
}
