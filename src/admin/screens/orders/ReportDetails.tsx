import { BackInStockPanel } from './BackInStockPanel.js';
import { ItemWeeksPanel } from './ItemWeeksPanel.js';
import { OpenBackordersPanel } from './OpenBackordersPanel.js';
import { useOrdersReport } from './orders-api.js';
import type { OrderFilters } from './orders-words.js';
import { ReportExport } from './ReportExport.js';
import { hasReport } from './report-words.js';

/**
 * The rest of the orders report, after its chart and totals per item: per item per week, the units
 * still owed now, the mean days back in stock, and the export. It shares the report's query (read
 * once), whose loading and error states the chart's place already shows; nothing when there is
 * nothing to report.
 */
export function ReportDetails({ filters }: { readonly filters: OrderFilters }) {
  const report = useOrdersReport(filters);
  if (!report.isSuccess || !hasReport(report.data)) return null;
  const data = report.data;
  return (
    <>
      {data.orders === 0 ? null : <ItemWeeksPanel report={data} />}
      <OpenBackordersPanel report={data} />
      <BackInStockPanel report={data} />
      <ReportExport filters={filters} />
    </>
  );
}
