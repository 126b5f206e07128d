import { Badge, Box, Button, Panel, Small, Table, Text } from '@bigcommerce/big-design';
import { useState } from 'react';
import { useLocation, useParams } from 'wouter';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, Loaded } from '../../components/states.js';
import { ItemDetail } from './ItemDetail.js';
import { STATUS_BADGE, STATUS_WORDS, statusReason } from './item-words.js';
import { type Item, useProductItems, useSettingsForReason } from './product-detail-api.js';

/**
 * One assigned product (`/products/:productId`, the BigCommerce product id): its items with their
 * numbers, status and reason; for the item chosen, its history, the orders holding its backordered units
 * and "Receive incoming stock".
 */
export function ProductDetailScreen() {
  const { productId } = useParams<{ productId: string }>();
  const id = /^\d{1,10}$/.test(productId) ? Number(productId) : null;
  if (id === null || id < 1) return <ProductNotFound productId={productId} />;
  return <ProductDetail productId={id} />;
}

function ProductDetail({ productId }: { readonly productId: number }) {
  const items = useProductItems(productId);
  const product = items.data?.product ?? null;
  if (items.isSuccess && product === null) return <ProductNotFound productId={String(productId)} />;
  return (
    <>
      <PageHeader
        title={product?.name ?? `Product ${productId}`}
        description={
          product === null
            ? 'Loading the product…'
            : `BigCommerce product ${productId}${product.sku ? ` · SKU ${product.sku}` : ''}: each item’s numbers and status, what happened to it, and the orders holding its backordered units.`
        }
      />
      <Loaded query={items} loading="Loading the product’s items…">
        {({ data }) => <Items items={data} />}
      </Loaded>
    </>
  );
}

function Items({ items }: { readonly items: readonly Item[] }) {
  const settings = useSettingsForReason();
  const switchCondition = settings.data?.switch_condition ?? null;
  const [chosen, setChosen] = useState<number>(0);
  const selected = items[Math.min(chosen, items.length - 1)];
  if (selected === undefined) {
    return (
      <EmptyState
        heading="No items"
        message="This product has no assigned items. Assign it again from Products to track its stock."
      />
    );
  }
  const name = (item: Item) => item.variant_label ?? item.sku ?? 'The product';
  return (
    <>
      <Panel
        header="Items"
        description="One row per variant (the product itself when it has none)."
        data-panel="items"
      >
        <Table
          itemName="Items"
          items={items.map((item, index) => ({ ...item, index }))}
          keyField="index"
          columns={[
            {
              header: 'Item',
              hash: 'item',
              render: (item) => (
                <>
                  <Text marginBottom="none">{name(item)}</Text>
                  {item.sku !== null && item.variant_label !== null ? <Small>SKU {item.sku}</Small> : null}
                </>
              ),
            },
            { header: 'Stock', hash: 'stock', align: 'right', render: (item) => item.stock },
            {
              header: 'Backordered',
              hash: 'backordered',
              align: 'right',
              render: (item) => item.backordered,
            },
            {
              header: 'Threshold',
              hash: 'threshold',
              align: 'right',
              render: (item) => (item.threshold === null ? 'No limit' : item.threshold),
            },
            { header: 'Incoming', hash: 'incoming', align: 'right', render: (item) => item.incoming_stock },
            {
              header: 'Back in stock',
              hash: 'date',
              render: (item) => item.back_in_stock_date ?? '—',
            },
            {
              header: 'Status',
              hash: 'status',
              render: (item) => (
                <>
                  <Badge variant={STATUS_BADGE[item.status]} label={STATUS_WORDS[item.status]} />
                  <Small marginTop="xxSmall" data-reason="">
                    {statusReason(item, switchCondition)}
                  </Small>
                </>
              ),
            },
            {
              header: 'Details',
              hash: 'details',
              hideHeader: true,
              render: (item) =>
                item.index === chosen ? (
                  <Small marginBottom="none" data-shown="">
                    Shown below
                  </Small>
                ) : (
                  <Button
                    variant="secondary"
                    aria-label={`Show history and orders of ${name(item)}`}
                    onClick={() => setChosen(item.index)}
                  >
                    Show
                  </Button>
                ),
            },
          ]}
        />
      </Panel>
      <Box marginTop="large">
        <ItemDetail
          key={`${selected.product_id}:${selected.variant_id}`}
          item={selected}
          name={name(selected)}
        />
      </Box>
    </>
  );
}

function ProductNotFound({ productId }: { readonly productId: string }) {
  const [, navigate] = useLocation();
  return (
    <>
      <PageHeader title="Product not found" />
      <EmptyState
        heading="This product is not assigned to Backorder"
        message={`No assigned product has the BigCommerce id ${productId}. It may have been unassigned, or deleted in BigCommerce.`}
        action={
          <Button variant="secondary" onClick={() => navigate('/products')}>
            Go to Products
          </Button>
        }
      />
    </>
  );
}
