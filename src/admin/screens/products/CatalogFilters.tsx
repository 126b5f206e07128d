import { Box, Button, Flex, FlexItem, Form, FormGroup, Input, Select } from '@bigcommerce/big-design';
import { type FormEvent, useEffect, useState } from 'react';
import { useCatalogBrands, useCatalogCategories } from './catalog-api.js';
import {
  AVAILABILITIES,
  type Availability,
  type CatalogFilters as Filters,
  hasFilters,
} from './catalog-query.js';

const ANY = 'any';
const AVAILABILITY_WORDS: Readonly<Record<Availability, string>> = {
  available: 'Available',
  disabled: 'Disabled',
  preorder: 'Pre-order',
};

/**
 * Search (name or SKU) and filters of the catalog. The choices of a list apply at once; the typed ones
 * (search, stock range) when the form is submitted (Enter or "Search").
 */
export function CatalogFilters(props: {
  readonly filters: Filters;
  readonly onChange: (change: Partial<Filters>) => void;
  readonly onClear: () => void;
}) {
  const { filters, onChange } = props;
  const brands = useCatalogBrands();
  const categories = useCatalogCategories();
  const [keyword, setKeyword] = useState(filters.keyword ?? '');
  const [stockMin, setStockMin] = useState(filters.stockMin?.toString() ?? '');
  const [stockMax, setStockMax] = useState(filters.stockMax?.toString() ?? '');
  // The address may change the filters (back button, "Clear filters"): the typed fields follow.
  useEffect(() => setKeyword(filters.keyword ?? ''), [filters.keyword]);
  useEffect(() => setStockMin(filters.stockMin?.toString() ?? ''), [filters.stockMin]);
  useEffect(() => setStockMax(filters.stockMax?.toString() ?? ''), [filters.stockMax]);

  const min = level(stockMin);
  const max = level(stockMax);
  const minError = min === null ? 'A whole number of 0 or more.' : undefined;
  const maxError =
    max === null
      ? 'A whole number of 0 or more.'
      : min !== null && min !== undefined && max !== undefined && max < min
        ? 'At least the minimum.'
        : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (minError !== undefined || maxError !== undefined) return;
    const trimmed = keyword.trim();
    onChange({
      keyword: trimmed === '' ? undefined : trimmed,
      stockMin: min ?? undefined,
      stockMax: max ?? undefined,
    });
  };

  const brandOptions = [
    { value: ANY, content: 'Any brand' },
    ...(brands.data?.data ?? []).map((b) => ({ value: String(b.id), content: b.name })),
  ];
  const categoryOptions = [
    { value: ANY, content: 'Any category' },
    ...(categories.data?.data ?? []).map((c) => ({ value: String(c.id), content: c.path.join(' › ') })),
  ];
  const flagValue = (flag: boolean | undefined) => (flag === undefined ? ANY : String(flag));
  const flagOf = (value: string | undefined) =>
    value === 'true' ? true : value === 'false' ? false : undefined;

  return (
    <Box marginBottom="medium" data-panel="catalog-filters">
      <Form onSubmit={submit} aria-label="Search the catalog" fullWidth>
        <Flex flexGap="1rem" alignItems="flex-end" flexWrap="wrap">
          <FlexItem flexGrow={1} flexBasis="320px">
            <FormGroup>
              <Input
                label="Search by name or SKU"
                type="search"
                placeholder="e.g. tent, or TENT-2P"
                value={keyword}
                maxLength={255}
                onChange={(e) => setKeyword(e.target.value)}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="130px">
            <FormGroup>
              <Input
                label="Stock from"
                inputMode="numeric"
                value={stockMin}
                error={minError}
                onChange={(e) => setStockMin(e.target.value)}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="130px">
            <FormGroup>
              <Input
                label="Stock to"
                inputMode="numeric"
                value={stockMax}
                error={maxError}
                onChange={(e) => setStockMax(e.target.value)}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <FormGroup>
              <Button type="submit">Search</Button>
            </FormGroup>
          </FlexItem>
        </Flex>
        <Flex flexGap="1rem" alignItems="flex-end" flexWrap="wrap" marginTop="small">
          <FlexItem flexBasis="200px" flexGrow={1}>
            <Select
              label="Brand"
              filterable
              options={brandOptions}
              value={filters.brandId === undefined ? ANY : String(filters.brandId)}
              onOptionChange={(value) =>
                onChange({ brandId: value === ANY || value === undefined ? undefined : Number(value) })
              }
            />
          </FlexItem>
          <FlexItem flexBasis="200px" flexGrow={1}>
            <Select
              label="Category"
              filterable
              options={categoryOptions}
              value={filters.categoryId === undefined ? ANY : String(filters.categoryId)}
              onOptionChange={(value) =>
                onChange({ categoryId: value === ANY || value === undefined ? undefined : Number(value) })
              }
            />
          </FlexItem>
          <FlexItem flexBasis="140px">
            <Select
              label="Visibility"
              filterable={false}
              options={[
                { value: ANY, content: 'Any' },
                { value: 'true', content: 'Visible' },
                { value: 'false', content: 'Hidden' },
              ]}
              value={flagValue(filters.visible)}
              onOptionChange={(value) => onChange({ visible: flagOf(value) })}
            />
          </FlexItem>
          <FlexItem flexBasis="150px">
            <Select
              label="Availability"
              filterable={false}
              options={[
                { value: ANY, content: 'Any' },
                ...AVAILABILITIES.map((a) => ({ value: a, content: AVAILABILITY_WORDS[a] })),
              ]}
              value={filters.availability ?? ANY}
              onOptionChange={(value) =>
                onChange({ availability: value === ANY ? undefined : (value as Availability | undefined) })
              }
            />
          </FlexItem>
          <FlexItem flexBasis="170px">
            <Select
              label="Backorder"
              filterable={false}
              options={[
                { value: ANY, content: 'Assigned or not' },
                { value: 'true', content: 'Assigned' },
                { value: 'false', content: 'Not assigned' },
              ]}
              value={flagValue(filters.assigned)}
              onOptionChange={(value) => onChange({ assigned: flagOf(value) })}
            />
          </FlexItem>
          {hasFilters(filters) ? (
            <FlexItem>
              <Button variant="subtle" type="button" onClick={props.onClear}>
                Clear filters
              </Button>
            </FlexItem>
          ) : null}
        </Flex>
      </Form>
    </Box>
  );
}

export function availabilityWords(availability: Availability): string {
  return AVAILABILITY_WORDS[availability];
}

/** Empty: no bound; null: not a whole number ≥ 0. */
function level(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= 2_147_483_647 ? n : null;
}
