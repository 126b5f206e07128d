import { Button, Flex, Form, FormGroup, Grid, Input, Panel, Select, Text } from '@bigcommerce/big-design';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useSession } from '../../app/session-context.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.js';
import { ActivityTable } from './ActivityTable.js';
import { useActivity } from './activity-api.js';
import { type ActivityFilters, filtersFromSearch, hasFilters, searchOfFilters } from './activity-filters.js';
import { type ActivityKind, CAUSE_WORDS, type CauseType } from './activity-words.js';

/**
 * Activity: every stock movement (the ledger) and status change (the transition log) of the store's
 * items, newest first, each in plain words with its cause and who made it. Filters live in the address
 * (activity-filters.ts), so a product's page can link to its history; "Load more" pages by cursor.
 */
export function ActivityScreen() {
  const search = useSearch();
  const filters = filtersFromSearch(search);
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every stock movement and status change of your items, newest first, with its cause and who made it."
        actions={
          <ExportButtons
            what="activity"
            request={(api, format) =>
              api.GET('/exports/activity', { params: { query: { ...filters, format } }, parseAs: 'blob' })
            }
          />
        }
      />
      {/* A new address (Clear, Back) starts the form over from it. */}
      <FiltersPanel key={search} filters={filters} />
      <History filters={filters} />
    </>
  );
}

const ANY = 'any';

const CAUSE_OPTIONS = [
  { value: ANY, content: 'Any cause' },
  ...(Object.entries(CAUSE_WORDS) as [CauseType, string][]).map(([value, content]) => ({
    value,
    content: value === 'order_line' ? 'Orders' : content,
  })),
];

const KIND_OPTIONS = [
  { value: ANY, content: 'Everything' },
  { value: 'movement', content: 'Stock movements' },
  { value: 'transition', content: 'Status changes' },
];

function FiltersPanel({ filters }: { readonly filters: ActivityFilters }) {
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<ActivityFilters>(filters);
  const set = (patch: Partial<Record<keyof ActivityFilters, string | undefined>>) =>
    setDraft((current) => ({ ...current, ...patch }) as ActivityFilters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/activity${searchOfFilters(draft)}`);
  };
  return (
    <Panel header="Filters" data-panel="activity-filters">
      <Form onSubmit={submit} aria-label="Filter the activity">
        <Grid gridColumns="repeat(auto-fit, minmax(9rem, 1fr))" gridGap="1rem">
          <FormGroup>
            <Input
              label="SKU"
              placeholder="Exact SKU"
              value={draft.sku ?? ''}
              onChange={(e) => set({ sku: e.target.value })}
            />
          </FormGroup>
          <FormGroup>
            <Select
              label="Cause"
              options={CAUSE_OPTIONS}
              value={draft.cause ?? ANY}
              onOptionChange={(value) => set({ cause: value === ANY ? undefined : value })}
            />
          </FormGroup>
          <FormGroup>
            <Select
              label="Show"
              options={KIND_OPTIONS}
              value={draft.kind ?? ANY}
              onOptionChange={(value) => set({ kind: value === ANY ? undefined : (value as ActivityKind) })}
            />
          </FormGroup>
          <FormGroup>
            <Input
              label="From"
              type="date"
              value={draft.from ?? ''}
              onChange={(e) => set({ from: e.target.value || undefined })}
            />
          </FormGroup>
          <FormGroup>
            <Input
              label="To"
              type="date"
              value={draft.to ?? ''}
              onChange={(e) => set({ to: e.target.value || undefined })}
            />
          </FormGroup>
        </Grid>
        <Flex flexGap="0.5rem">
          <Button type="submit">Apply filters</Button>
          {hasFilters(filters) ? (
            <Button type="button" variant="subtle" onClick={() => navigate('/activity')}>
              Clear filters
            </Button>
          ) : null}
        </Flex>
      </Form>
    </Panel>
  );
}

function History({ filters }: { readonly filters: ActivityFilters }) {
  const session = useSession();
  const [, navigate] = useLocation();
  const query = useActivity(filters);
  const filtered = hasFilters(filters);

  // Once a page is shown it stays: a failed "Load more" is reported under it, not in its place.
  const loaded = query.data?.pages.flatMap((page) => page.data);
  let body: ReactNode;
  if (loaded === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingState label="Loading activity…" />
    );
  } else {
    const entries = loaded;
    body =
      entries.length === 0 ? (
        filtered ? (
          <EmptyState
            heading="No activity matches these filters"
            message="Widen the dates, pick another cause, or clear the filters to see everything."
            action={
              <Button variant="secondary" onClick={() => navigate('/activity')}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            heading="Nothing has happened yet"
            message="Stock movements and status changes appear here once products are assigned and orders come in."
            action={
              <Button variant="secondary" onClick={() => navigate('/products?tab=all')}>
                Assign products
              </Button>
            }
          />
        )
      ) : (
        <>
          <ActivityTable entries={entries} timeZone={session.store.timezone} />
          <Flex justifyContent="space-between" alignItems="center" marginTop="medium">
            <Text color="secondary60" marginBottom="none" aria-live="polite">
              {entries.length} entr{entries.length === 1 ? 'y' : 'ies'} shown
              {query.hasNextPage ? '; more are older' : ''}.
            </Text>
            {query.hasNextPage ? (
              <Button
                variant="secondary"
                isLoading={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                Load more
              </Button>
            ) : null}
          </Flex>
          {query.isFetchNextPageError ? (
            <ErrorState
              error={query.error}
              header="More activity could not be loaded"
              onRetry={() => void query.fetchNextPage()}
            />
          ) : null}
        </>
      );
  }
  return (
    <Panel
      header="History"
      description={`Times are in your store’s time zone (${session.store.timezone}).`}
      data-panel="activity"
    >
      {body}
    </Panel>
  );
}
