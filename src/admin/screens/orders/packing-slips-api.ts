import { useIsMutating, useMutation } from '@tanstack/react-query';
import type { ApiClient } from '../../api/client.js';
import { apiErrorOf, toApiError } from '../../api/errors.js';
import { useApi } from '../../api/use-api.js';
import { fileNameOf } from './packing-slip-download.js';

/** At most this many orders per document (the API's limit). */
export const MAX_PACKING_SLIP_ORDERS = 50;

/** A download in progress, per set of orders: buttons remounted by the table still show it. */
const downloadKey = (orderIds: readonly number[]) => ['packing-slips', [...orderIds].sort((a, b) => a - b)];

async function fetchPackingSlips(
  api: ApiClient,
  orderIds: readonly number[],
): Promise<{ readonly blob: Blob; readonly fileName: string }> {
  const [only] = orderIds;
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result =
      orderIds.length === 1 && only !== undefined
        ? await api.GET('/orders/{order_id}/packing-slip', {
            params: { path: { order_id: only } },
            parseAs: 'blob',
          })
        : await api.GET('/orders/packing-slips', {
            params: { query: { order_ids: orderIds.join(',') } },
            parseAs: 'blob',
          });
  } catch (error) {
    throw toApiError(error);
  }
  if (!result.response.ok) throw apiErrorOf(result.response.status, result.error);
  return {
    blob: result.data as Blob,
    fileName: fileNameOf(result.response.headers.get('content-disposition'), 'packing-slips.pdf'),
  };
}

/** Hands the file to the browser as a download (it never leaves this page's origin). */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL is kept a moment for slow ones.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
    mutationFn: async () => {
      const { blob, fileName } = await fetchPackingSlips(api, orderIds);
      saveFile(blob, fileName);
      return fileName;
    },
    onSuccess: feedback.done,
    onError: feedback.failed,
  });
  const downloading = useIsMutating({ mutationKey, exact: true }) > 0;
  return { download: () => mutation.mutate(), downloading };
}
