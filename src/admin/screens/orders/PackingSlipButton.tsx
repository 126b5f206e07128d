import { Button } from '@bigcommerce/big-design';
import { useMemo, useState } from 'react';
import { useFeedback } from '../../components/feedback.js';
import type { Order } from './orders-api.js';
import { printLabel } from './packing-slip-download.js';
import { MAX_PACKING_SLIP_ORDERS, usePackingSlips } from './packing-slips-api.js';

/**
 * Printable packing slips (PDF) from the Orders screen: a tick per order and "Print packing slips" for
 * the ticked ones, and a "Packing slip" button per order. The PDF is downloaded, ready to print.
 */

function useSlipFeedback() {
  const feedback = useFeedback();
  return useMemo(
    () => ({
      done: (fileName: string) => feedback.success(`Downloaded ${fileName}: open it to print.`),
      failed: (error: unknown) => feedback.error(error, 'The packing slips could not be made'),
    }),
    [feedback],
  );
}

/** "Print packing slips" for the orders ticked in the table. */
export function PrintPackingSlipsButton(props: { readonly orderIds: readonly number[] }) {
  const slips = usePackingSlips(props.orderIds, useSlipFeedback());
  const tooMany = props.orderIds.length > MAX_PACKING_SLIP_ORDERS;
  return (
    <Button
      type="button"
      variant="secondary"
      disabled={props.orderIds.length === 0 || tooMany}
      isLoading={slips.downloading}
      title={
        tooMany
          ? `Tick at most ${MAX_PACKING_SLIP_ORDERS} orders at a time.`
          : props.orderIds.length === 0
            ? 'Tick the orders to print.'
            : undefined
      }
      onClick={slips.download}
    >
      {printLabel(props.orderIds.length)}
    </Button>
  );
}

/** The packing slip of one order, as a row's action. */
export function PackingSlipAction(props: { readonly orderId: number }) {
  const orderIds = useMemo(() => [props.orderId], [props.orderId]);
  const slips = usePackingSlips(orderIds, useSlipFeedback());
  return (
    <Button
      type="button"
      variant="subtle"
      isLoading={slips.downloading}
      aria-label={`Packing slip of order #${props.orderId}`}
      onClick={slips.download}
    >
      Packing slip
    </Button>
  );
}

/**
 * The table's ticks, kept by order id: rows read again (a refresh, "Load more") are new objects, and a
 * tick must stay on its order.
 */
export function usePackingSlipSelection(rows: readonly Order[]) {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const selectedItems = rows.filter((order) => ticked.has(order.order_id));
  return {
    orderIds: selectedItems.map((order) => order.order_id),
    selectable: {
      selectedItems,
      onSelectionChange: (selected: Order[]) => setTicked(new Set(selected.map((order) => order.order_id))),
    },
  };
}
