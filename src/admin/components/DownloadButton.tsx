import { Button } from '@bigcommerce/big-design';
import { type ReactNode, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { apiErrorOf, toApiError } from '../api/errors.js';
import { useApi } from '../api/use-api.js';
import { fileNameOf } from './content-disposition.js';
import { useFeedback } from './feedback.js';

/**
 * A file the API answers (an export, an import's template or error report), asked for with the
 * session's token through the API client: `(api) => api.GET('/exports/items', { params, parseAs: 'blob' })`.
 */
export type FileRequest = (
  api: ApiClient,
) => Promise<{ readonly data?: unknown; readonly error?: unknown; readonly response: Response }>;

/**
 * Fetches the file and hands it to the browser to save, under the name the answer gives
 * (Content-Disposition), else `fallbackName`. A refusal throws an ApiError, as `call()` does. The
 * file is fetched, not linked, because the API wants the session's token in a header, which a link
 * cannot send.
 */
export async function downloadFile(
  api: ApiClient,
  request: FileRequest,
  fallbackName: string,
): Promise<string> {
  let result: Awaited<ReturnType<FileRequest>>;
  try {
    result = await request(api);
  } catch (error) {
    throw toApiError(error);
  }
  if (!result.response.ok) throw apiErrorOf(result.response.status, result.error);
  const name = fileNameOf(result.response.headers.get('content-disposition')) ?? fallbackName;
  saveFile(result.data as Blob, name);
  return name;
}

function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has surely taken the file (revoking at once can cancel the download).
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A button that downloads a file from the API; a refusal or failure is shown as a toast. */
export function DownloadButton(props: {
  readonly children: ReactNode;
  readonly request: FileRequest;
  readonly fallbackName: string;
  /** The toast's header when the download fails. */
  readonly errorHeader: string;
  readonly variant?: 'primary' | 'secondary' | 'subtle';
}) {
  const api = useApi();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(api, props.request, props.fallbackName);
    } catch (error) {
      feedback.error(error, props.errorHeader);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      type="button"
      variant={props.variant ?? 'secondary'}
      isLoading={busy}
      onClick={() => void download()}
    >
      {props.children}
    </Button>
  );
}
