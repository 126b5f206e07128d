import { Button, Flex, FlexItem, Panel, Select } from '@bigcommerce/big-design';
import { useState } from 'react';
import { useFeedback } from '../../components/feedback.js';
import { useExportReport } from './orders-api.js';
import type { OrderFilters } from './orders-words.js';

type Format = 'csv' | 'xlsx';

const FORMATS = [
  { value: 'csv', content: 'CSV (per item per week)' },
  { value: 'xlsx', content: 'XLSX (every table)' },
];

/**
 * "Export report": the report of the filters applied, downloaded as CSV or XLSX (`downloadFile`: fetched
 * with the session, which a plain link would not carry).
 */
export function ReportExport({ filters }: { readonly filters: OrderFilters }) {
  const [format, setFormat] = useState<Format>('csv');
  const exportReport = useExportReport();
  const feedback = useFeedback();
  const download = () =>
    exportReport.mutate(
      { ...filters, format },
      { onError: (error) => feedback.error(error, 'The report could not be exported') },
    );
  return (
    <Panel
      header="Export report"
      description="The report of the period and SKU applied, as a file: CSV holds the totals per item per week; XLSX has every table, with all open backorders."
      data-panel="report-export"
    >
      <Flex flexGap="1rem" alignItems="flex-end" flexWrap="wrap">
        <FlexItem flexBasis="260px">
          <Select
            label="Format"
            options={FORMATS}
            value={format}
            onOptionChange={(value) => setFormat(value === 'xlsx' ? 'xlsx' : 'csv')}
          />
        </FlexItem>
        <FlexItem>
          <Button variant="secondary" isLoading={exportReport.isPending} onClick={download}>
            Export report
          </Button>
        </FlexItem>
      </Flex>
    </Panel>
  );
}
