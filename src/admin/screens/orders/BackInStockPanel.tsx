import { H3, Panel, Text } from '@bigcommerce/big-design';
import { EmptyState } from '../../components/states.js';
import type { OrdersReport } from './orders-api.js';
import { daysText, episodesText } from './report-words.js';

/**
 * How long items took to come back in stock: the mean days from leaving stock to being back in stock,
 * over the out-of-stock episodes that ended in the period.
 */
export function BackInStockPanel({ report }: { readonly report: OrdersReport }) {
  const { average_days: days, episodes } = report.back_in_stock;
  return (
    <Panel
      header="Average days to back in stock"
      description="From the moment an item went out of stock to the moment it was back in stock, for items back in stock in this period."
      data-panel="back-in-stock"
    >
      {days === null ? (
        <EmptyState
          heading="No item came back in stock in this period"
          message="When an out-of-stock item is in stock again (stock received or set above the switch condition), the time it took counts here."
        />
      ) : (
        <>
          <H3 marginBottom="xxSmall" data-average-days="">
            {daysText(days)}
          </H3>
          <Text color="secondary60">On average, over {episodesText(episodes)}.</Text>
        </>
      )}
    </Panel>
  );
}
