import {
  Box,
  Button,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  Input,
  Select,
  Table,
  type TableColumn,
  Text,
} from '@bigcommerce/big-design';
import { ChevronLeftIcon, ChevronRightIcon } from '@bigcommerce/big-design-icons';
import { createContext, type FormEvent, type ReactNode, useContext, useEffect, useState } from 'react';
import styled from 'styled-components';
import { Link, useLocation, useSearch } from 'wouter';
import { ExportButtons } from '../../components/ExportButtons.js';
import { useFeedback } from '../../components/feedback.js';
import { EmptyState, Loaded } from '../../components/states.js';
import { useAssignedProducts, useSyncProduct } from './assigned-products-api.js';
import {
  type AssignedProduct,
  addressOf,
  apiQueryOf,
  BLOCK_WORDS,
  type Block,
  describeSync,
  formatDate,
  formatThreshold,
  isFiltered,
  type ListState,
  listStateFrom,
  PAGE_SIZES,
  type Row,
  rowsOf,
  SORTS,
  type SortChoice,
  STATUS_WORDS,
  type Status,
  variantName,
} from './assigned-products-words.js';
import { BackorderSwitch, EditableValue, StatusCell } from './ItemCells.js';
import { UnassignDialog } from './UnassignDialog.js';

/**
 * Every assigned product, its variants as rows under it, with their numbers, status and reason and
 * purchasability. Search, filters, sort and page live in the address (Home links to
 * `/products?status=backorder`), so a reload or a shared link shows the same list. Numbers are edited in
 * place; backorder is switched per item; a product is synced from BigCommerce or unassigned.
 */
export function AssignedProductsTab() {
  const [, navigate] = useLocation();
  const state = listStateFrom(useSearch());
  const go = (next: Partial<ListState>) =>
    navigate(addressOf({ ...state, page: 1, ...next }), { replace: true });
  const products = useAssignedProducts(apiQueryOf(state));
  const [unassigning, setUnassigning] = useState<AssignedProduct | null>(null);

  return (
    <Box marginTop="medium" data-panel="assigned-products">
      {/* Every assigned item, whatever the filters: the file is also the import's template. */}
      <ExportButtons
        what="items"
        request={(api, format) =>
          api.GET('/exports/items', { params: { query: { format } }, parseAs: 'blob' })
        }
      />
      <Filters state={state} onChange={go} />
      <Loaded query={products} loading="Loading assigned products…">
        {(page) => {
          if (page.total === 0) {
            return isFiltered(state) ? (
              <EmptyState
                heading="No assigned product matches"
                message="Nothing matches this search and these filters. Change them, or clear them to see every assigned product."
                action={
                  <Button variant="secondary" onClick={() => navigate('/products', { replace: true })}>
                    Clear search and filters
                  </Button>
                }
              />
            ) : (
              <EmptyState
                heading="No products assigned yet"
                message="Assign products from your BigCommerce catalog: Backorder then tracks their stock and switches them to backorder when they run out."
                action={<Button onClick={() => navigate('/products?tab=all')}>Assign products</Button>}
              />
            );
          }
          return (
            <>
              <Text color="secondary60" aria-live="polite" data-page-status="">
                Page {page.page} of {page.total_pages} · {page.total} product{page.total === 1 ? '' : 's'}
                {products.isPlaceholderData ? ' · loading…' : ''}
              </Text>
              <ProductsTable
                products={page.data}
                state={state}
                total={page.total}
                onPage={(n) => navigate(addressOf({ ...state, page: n }), { replace: true })}
                onPageSize={(limit) => go({ limit })}
                onUnassign={setUnassigning}
              />
            </>
          );
        }}
      </Loaded>
      <UnassignDialog product={unassigning} onClose={() => setUnassigning(null)} />
    </Box>
  );
}

const ALL = 'all';

function Filters(props: {
  readonly state: ListState;
  readonly onChange: (next: Partial<ListState>) => void;
}) {
  const { state, onChange } = props;
  const [text, setText] = useState(state.search);
  // The address may change underneath (a link, Back): the box follows it.
  useEffect(() => setText(state.search), [state.search]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ search: text.trim() });
  };
  return (
    <Box marginBottom="medium">
      <Form onSubmit={submit} aria-label="Search assigned products" fullWidth>
        <Flex flexGap="1rem" alignItems="flex-end" flexWrap="wrap">
          <FlexItem flexGrow={1} flexBasis="14rem">
            <FormGroup>
              <Input
                label="Search by name or SKU"
                type="search"
                placeholder="e.g. tent, or TENT-RL2"
                value={text}
                maxLength={255}
                onChange={(e) => setText(e.target.value)}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <FormGroup>
              <Button type="submit" variant="secondary">
                Search
              </Button>
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="10rem">
            <FormGroup>
              <Select<string>
                label="Status"
                filterable={false}
                value={state.status ?? ALL}
                options={[
                  { value: ALL, content: 'All statuses' },
                  ...Object.entries(STATUS_WORDS).map(([value, content]) => ({ value, content })),
                ]}
                onOptionChange={(value) => onChange({ status: value === ALL ? null : (value as Status) })}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="13rem">
            <FormGroup>
              <Select<string>
                label="Backorder off because"
                filterable={false}
                value={state.block ?? ALL}
                options={[
                  { value: ALL, content: 'Any reason, or not off' },
                  ...Object.entries(BLOCK_WORDS).map(([value, content]) => ({ value, content })),
                ]}
                onOptionChange={(value) => onChange({ block: value === ALL ? null : (value as Block) })}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="13rem">
            <FormGroup>
              <Select<string>
                label="Sort by"
                filterable={false}
                value={state.sort}
                options={Object.entries(SORTS).map(([value, s]) => ({ value, content: s.label }))}
                onOptionChange={(value) => onChange({ sort: (value ?? 'name') as SortChoice })}
              />
            </FormGroup>
          </FlexItem>
        </Flex>
      </Form>
    </Box>
  );
}

function ProductsTable(props: {
  readonly products: readonly AssignedProduct[];
  readonly state: ListState;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly onPageSize: (limit: number) => void;
  readonly onUnassign: (product: AssignedProduct) => void;
}) {
  return (
    <UnassignContext.Provider value={props.onUnassign}>
      <Table<Row>
        aria-label="Assigned products and their items"
        keyField="rowKey"
        items={rowsOf(props.products)}
        data-table="assigned-products"
        columns={COLUMNS}
      />
      <Pager
        page={props.state.page}
        limit={props.state.limit}
        total={props.total}
        onPage={props.onPage}
        onPageSize={props.onPageSize}
      />
    </UnassignContext.Provider>
  );
}

/** Opens the unassign dialog for a product (the tab holds the dialog). */
const UnassignContext = createContext<(product: AssignedProduct) => void>(() => {});

type ItemRow = Row & { readonly item: NonNullable<Row['item']> };

/** A cell of an item's value; empty on the row of a product with variants. */
const itemCell =
  (render: (row: ItemRow) => ReactNode) =>
  (row: Row): ReactNode =>
    row.item === null ? null : render(row as ItemRow);

/**
 * The columns, made once: BigDesign's Table renders each `render` as a component (`<render {...row} />`),
 * so a new function on every render would remount every cell, and an open editor or a change under way
 * would be lost with it.
 */
const COLUMNS: TableColumn<Row>[] = [
  {
    header: 'Product',
    hash: 'product',
    width: '12rem',
    render: (row) =>
      row.kind === 'variant' ? (
        <VariantCell data-variant={row.item.variant_id ?? ''}>
          <Text marginBottom="none">{variantName(row.item)}</Text>
          <Text marginBottom="none" color="secondary60">
            {row.item.sku ?? 'No SKU'}
          </Text>
        </VariantCell>
      ) : (
        <ProductCell product={row.product} item={row.item} />
      ),
  },
  {
    header: 'Stock',
    hash: 'stock',
    render: itemCell((r) => (
      <EditableValue product={r.product} item={r.item} field="stock" display={String(r.item.stock)} />
    )),
  },
  { header: 'Backordered', hash: 'backordered', align: 'right', render: itemCell((r) => r.item.backordered) },
  {
    header: 'Threshold',
    hash: 'threshold',
    render: itemCell((r) => (
      <EditableValue
        product={r.product}
        item={r.item}
        field="threshold"
        display={formatThreshold(r.item.threshold)}
      />
    )),
  },
  {
    header: 'Incoming',
    hash: 'incoming',
    render: itemCell((r) => (
      <EditableValue
        product={r.product}
        item={r.item}
        field="incoming_stock"
        display={String(r.item.incoming_stock)}
      />
    )),
  },
  {
    header: 'Back in stock',
    hash: 'date',
    render: itemCell((r) => (
      <EditableValue
        product={r.product}
        item={r.item}
        field="back_in_stock_date"
        display={formatDate(r.item.back_in_stock_date)}
      />
    )),
  },
  // Status, why, and whether shoppers can buy it: one column, so the table fits the 1024 px frame.
  { header: 'Status', hash: 'status', render: itemCell((r) => <StatusCell item={r.item} />) },
  {
    header: 'Backorder',
    hash: 'switch',
    render: itemCell((r) => <BackorderSwitch product={r.product} item={r.item} />),
  },
];

/**
 * Pages of products: where we are, previous and next, and how many per page. (BigDesign 5.0.0's
 * table pagination gives its per-page menu button an empty aria-activedescendant, which axe refuses.)
 */
function Pager(props: {
  readonly page: number;
  readonly limit: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly onPageSize: (limit: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.limit));
  const first = Math.min(props.total, (props.page - 1) * props.limit + 1);
  const last = Math.min(props.total, props.page * props.limit);
  return (
    <nav aria-label="Pages of assigned products">
      <Flex
        justifyContent="space-between"
        alignItems="center"
        flexWrap="wrap"
        flexGap="1rem"
        marginTop="medium"
      >
        <Text marginBottom="none" color="secondary60">
          {first}–{last} of {props.total} products
        </Text>
        <Flex alignItems="center" flexGap="0.5rem">
          <Box style={{ width: '9rem' }}>
            <Select<number>
              label="Products per page"
              filterable={false}
              value={props.limit}
              options={PAGE_SIZES.map((n) => ({ value: n, content: String(n) }))}
              onOptionChange={(value) => props.onPageSize(value ?? props.limit)}
            />
          </Box>
          <Button
            variant="subtle"
            iconOnly={<ChevronLeftIcon />}
            aria-label="Previous page"
            disabled={props.page <= 1}
            onClick={() => props.onPage(props.page - 1)}
          />
          <Text marginBottom="none">
            Page {Math.min(props.page, pages)} of {pages}
          </Text>
          <Button
            variant="subtle"
            iconOnly={<ChevronRightIcon />}
            aria-label="Next page"
            disabled={props.page >= pages}
            onClick={() => props.onPage(props.page + 1)}
          />
        </Flex>
      </Flex>
    </nav>
  );
}

/** The product's name (to its detail page), SKU and template, and what can be done to it. */
function ProductCell(props: { readonly product: AssignedProduct; readonly item: Row['item'] }) {
  const { product } = props;
  const onUnassign = useContext(UnassignContext);
  const sync = useSyncProduct();
  const feedback = useFeedback();
  const details = [
    product.sku ?? (props.item === null ? null : 'No SKU'),
    product.template === null ? null : `Template: ${product.template.name}`,
  ].filter((d): d is string => d !== null);
  return (
    <Box data-product={product.product_id}>
      <ProductLink href={`/products/${product.product_id}`}>{product.name}</ProductLink>
      {details.length === 0 ? null : (
        <Text marginBottom="none" color="secondary60">
          {details.join(' · ')}
        </Text>
      )}
      <Flex flexGap="0.25rem" flexWrap="wrap" marginTop="xxSmall">
        <SmallButton
          variant="subtle"
          isLoading={sync.isPending}
          aria-label={`Sync from BigCommerce: ${product.name}`}
          onClick={() =>
            sync.mutate(product.product_id, {
              onSuccess: (synced) => feedback.success(describeSync(product.name, synced.sync)),
              onError: (error) => feedback.error(error, `${product.name} was not synced`),
            })
          }
        >
          Sync from BigCommerce
        </SmallButton>
        <SmallButton
          variant="subtle"
          actionType="destructive"
          aria-label={`Unassign: ${product.name}`}
          onClick={() => onUnassign(product)}
        >
          Unassign
        </SmallButton>
      </Flex>
    </Box>
  );
}

const ProductLink = styled(Link)`
  color: ${({ theme }) => theme.colors.primary};
  font-weight: ${({ theme }) => theme.typography.fontWeight.semiBold};
  text-decoration: none;

  &:hover,
  &:focus-visible {
    text-decoration: underline;
  }
`;

const VariantCell = styled.div`
  padding-left: ${({ theme }) => theme.spacing.large};
  border-left: 2px solid ${({ theme }) => theme.colors.secondary30};
`;

const SmallButton = styled(Button)`
  height: auto;
  padding: 0 ${({ theme }) => theme.spacing.xxSmall};
  margin: 0;
`;
