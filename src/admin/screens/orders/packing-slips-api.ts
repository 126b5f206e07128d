import { useIsMutating, useMutation } from '@tanstack/react-query';
import { useApi } from '../../api/use-api.js';
import { downloadFile, type FileRequest } from '../../components/DownloadButton.js';

/** At most this many orders per document (the API's limit). */
export const MAX_PACKING_SLIP_ORDERS = 50;

/** A download in progress, per set of orders: buttons remounted by the table still show it. */
const downloadKey = (orderIds: readonly number[]) => ['packing-slips', [...orderIds].sort((a, b) => a - b)];

/** The packing slips of these orders as one PDF (one order's alone when there is one). */
function packingSlipsRequest(orderIds: readonly number[]): FileRequest {
  const [only] = orderIds;
  return (api) =>
    orderIds.length === 1 && only !== undefined
      ? api.GET('/orders/{order_id}/packing-slip', { params: { path: { order_id: only } }, parseAs: 'blob' })
      : api.GET('/orders/packing-slips', {
          params: { query: { order_ids: orderIds.join(',') } },
          parseAs: 'blob',
        });
}

/**
 * Downloads the packing slips of `orderIds` as one PDF, and tells the merchant how it went (the
 * feedback belongs to the download, not to the button: the table may remount the button meanwhile).
 * `downloading` is true while such a download runs, whichever button started it.
 */
export function usePackingSlips(
  orderIds: readonly number[],
  feedback: { readonly done: (fileName: string) => void; readonly failed: (error: unknown) => void },
) {
  const api = useApi();
  const mutationKey = downloadKey(orderIds);
  const mutation = useMutation({
    mutationKey,
    mutationFn: () => downloadFile(api, packingSlipsRequest(orderIds), 'packing-slips.pdf'),
    onSuccess: feedback.done,
    onError: feedback.failed,
  });
  const downloading = useIsMutating({ mutationKey, exact: true }) > 0;
  return { download: () => mutation.mutate(), downloading };
}
