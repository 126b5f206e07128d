import { Box, Button, Message, Panel, Table, type TableSortDirection, Text } from '@bigcommerce/big-design';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.js';
import { AssignmentRunPanel } from './AssignmentRunPanel.js';
import { AssignPanel, type Selection } from './AssignPanel.js';
import { products } from './assign-form.js';
import { availabilityWords, CatalogFilters } from './CatalogFilters.js';
import {
  type CatalogProduct,
  useActiveRuns,
  useCatalogBrands,
  useCatalogProducts,
  useTemplates,
} from './catalog-api.js';
import {
  type CatalogQuery,
  type CatalogSort,
  catalogFilterBody,
  catalogSearchString,
  clearedFilters,
  type CatalogFilters as Filters,
  hasFilters,
  PAGE_SIZES,
  parseCatalogQuery,
  withFilters,
} from './catalog-query.js';

/**
 * The BigCommerce catalog, to assign from (user guide step 3): search and filters (kept in the
 * address), server-side paging and sorting, ticked products kept across pages, "select all N
 * matching", and the assignment with its outcome or, for a background run, its progress bar.
 */
export function AllProductsTab() {
  const [, navigate] = useLocation();
  const query = parseCatalogQuery(useSearch());
  const setQuery = (next: CatalogQuery) =>
    navigate(`/products?${catalogSearchString(next)}`, { replace: true });

  const page = useCatalogProducts(query);
  const brands = useCatalogBrands();
  const templates = useTemplates();
  const activeRuns = useActiveRuns();

  const [ticked, setTicked] = useState<ReadonlyMap<number, CatalogProduct>>(new Map());
  const [allMatching, setAllMatching] = useState(false);
  const [watchedRun, setWatchedRun] = useState<number | null>(null);
  const [dismissedRun, setDismissedRun] = useState<number | null>(null);
  // A run found in progress on coming back is followed to its end, as one started here is.
  const activeRunId = activeRuns.data?.data[0]?.run_id ?? null;
  useEffect(() => {
    if (watchedRun === null && activeRunId !== null && activeRunId !== dismissedRun)
      setWatchedRun(activeRunId);
  }, [watchedRun, activeRunId, dismissedRun]);
  const runId = watchedRun ?? activeRunId;

  const brandNames = useMemo(
    () => new Map((brands.data?.data ?? []).map((b) => [b.id, b.name])),
    [brands.data],
  );
  const templateNames = useMemo(
    () => new Map((templates.data?.data ?? []).map((t) => [t.id, t.name])),
    [templates.data],
  );

  const changeFilters = (change: Partial<Filters>) => {
    setAllMatching(false);
    setQuery(withFilters(query, change));
  };
  const clearFilters = () => {
    setAllMatching(false);
    setQuery(clearedFilters(query));
  };
  const clearSelection = () => {
    setTicked(new Map());
    setAllMatching(false);
  };

  const rows = page.data?.data ?? [];
  const total = page.data?.total ?? 0;
  const selection: Selection = allMatching
    ? { kind: 'matching', filter: catalogFilterBody(query), total }
    : { kind: 'products', products: ticked };
  const pageAllTicked = rows.length > 0 && rows.every((p) => ticked.has(p.product_id));

  return (
    <Panel
      header="All products"
      description="Your BigCommerce catalog. Tick products, or select all that match your search, and assign them to Backorder."
    >
      {runId !== null && runId !== dismissedRun ? (
        <AssignmentRunPanel
          runId={runId}
          onDismiss={() => {
            setDismissedRun(runId);
            setWatchedRun(null);
          }}
        />
      ) : null}
      <CatalogFilters filters={query} onChange={changeFilters} onClear={clearFilters} />
      <AssignPanel
        selection={selection}
        onAssigned={clearSelection}
        onRunStarted={(id) => {
          setDismissedRun(null);
          setWatchedRun(id);
        }}
      />
      {allMatching ? (
        <SelectionBanner
          text={`All ${total} matching ${products(total)} are selected.`}
          action={{ text: 'Clear selection', onClick: clearSelection }}
        />
      ) : pageAllTicked && total > rows.length ? (
        <SelectionBanner
          text={`All ${rows.length} products on this page are selected.`}
          action={{ text: `Select all ${total} matching products`, onClick: () => setAllMatching(true) }}
        />
      ) : null}
      {page.isPending ? (
        <LoadingState label="Loading your catalog…" />
      ) : page.isError ? (
        <ErrorState
          error={page.error}
          header="The catalog could not be loaded"
          onRetry={() => void page.refetch()}
        />
      ) : total === 0 ? (
        hasFilters(query) ? (
          <EmptyState
            heading="No products match"
            message="No product of your catalog matches this search. Change the filters, or clear them to see every product."
            action={<Button onClick={clearFilters}>Clear filters</Button>}
          />
        ) : (
          <EmptyState
            heading="Your catalog has no products yet"
            message="Add products in BigCommerce (Products › Add); they appear here, ready to assign to Backorder."
          />
        )
      ) : (
        <AriaFixed>
          <Table
            itemName="Products"
            keyField="product_id"
            items={rows}
            stickyHeader
            selectable={{
              selectedItems: allMatching ? rows : rows.filter((p) => ticked.has(p.product_id)),
              onSelectionChange: (selectedOnPage) => {
                setAllMatching(false);
                setTicked((before) => {
                  const next = new Map(before);
                  for (const p of rows) next.delete(p.product_id);
                  for (const p of selectedOnPage) next.set(p.product_id, p);
                  return next;
                });
              },
            }}
            sortable={{
              columnHash: query.sort,
              direction: query.direction === 'asc' ? 'ASC' : 'DESC',
              // BigDesign flips the direction on any header; another column starts ascending instead.
              onSort: (hash: string, direction: TableSortDirection) =>
                setQuery({
                  ...query,
                  sort: hash as CatalogSort,
                  direction: hash !== query.sort || direction === 'ASC' ? 'asc' : 'desc',
                  page: 1,
                }),
            }}
            pagination={{
              currentPage: query.page,
              itemsPerPage: query.limit,
              itemsPerPageOptions: [...PAGE_SIZES],
              totalItems: total,
              onPageChange: (p) => setQuery({ ...query, page: p }),
              onItemsPerPageChange: (limit) => setQuery({ ...query, limit, page: 1 }),
            }}
            columns={[
              { header: 'Product', hash: 'name', isSortable: true, render: (p) => p.name },
              { header: 'SKU', hash: 'sku', isSortable: true, render: (p) => p.sku || '—' },
              {
                header: 'Brand',
                hash: 'brand',
                render: (p) => (p.brand_id === null ? '—' : (brandNames.get(p.brand_id) ?? '…')),
              },
              {
                header: 'Storefront',
                hash: 'storefront',
                render: (p) => `${p.visible ? 'Visible' : 'Hidden'} · ${availabilityWords(p.availability)}`,
              },
              {
                header: 'Stock',
                hash: 'inventory_level',
                isSortable: true,
                align: 'right',
                render: stockText,
              },
              {
                header: 'Variants',
                hash: 'variants',
                align: 'right',
                render: (p) => (p.variant_count === 0 ? '—' : p.variant_count),
              },
              {
                header: 'Backorder',
                hash: 'assigned',
                render: (p) =>
                  p.assigned ? (
                    <span data-assigned="">
                      Assigned
                      {p.template_id === null ? null : (
                        <Text as="span" color="secondary60">
                          {' '}
                          · {templateNames.get(p.template_id) ?? 'Default'}
                        </Text>
                      )}
                    </span>
                  ) : (
                    'Not assigned'
                  ),
              },
            ]}
          />
        </AriaFixed>
      )}
      {ticked.size > 0 && !allMatching ? (
        <Box marginTop="small">
          <Button variant="subtle" onClick={clearSelection}>
            Clear selection ({ticked.size})
          </Button>
        </Box>
      ) : null}
    </Panel>
  );
}

/**
 * BigDesign 5.0.0's per-page dropdown of the table's pagination puts `aria-activedescendant` on its
 * toggle button, which a button may not have (axe: aria-allowed-attr, critical): it is taken off
 * whenever it is set. The dropdown's menu keeps its own.
 */
function AriaFixed(props: { readonly children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = box.current;
    if (root === null) return;
    const strip = () => {
      for (const button of root.querySelectorAll('button[aria-activedescendant]')) {
        button.removeAttribute('aria-activedescendant');
      }
    };
    strip();
    const observer = new MutationObserver(strip);
    observer.observe(root, { subtree: true, childList: true, attributeFilter: ['aria-activedescendant'] });
    return () => observer.disconnect();
  }, []);
  return <div ref={box}>{props.children}</div>;
}

/** BigDesign's select-all pattern: after the page is ticked, offer every product the search matches. */
function SelectionBanner(props: {
  readonly text: string;
  readonly action: { readonly text: string; readonly onClick: () => void };
}) {
  return (
    <Box marginBottom="small" data-selection-banner="">
      <Message
        type="info"
        messages={[{ text: props.text }]}
        actions={[{ text: props.action.text, onClick: props.action.onClick }]}
      />
    </Box>
  );
}

/** The level and who counts it: an assigned product's stock is Backorder's (BigCommerce no longer tracks it). */
function stockText(p: CatalogProduct): string {
  if (p.inventory_tracking === 'none') return p.assigned ? 'In Backorder' : 'Not tracked';
  return String(p.inventory_level);
}
