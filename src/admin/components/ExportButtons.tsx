import { Flex } from '@bigcommerce/big-design';
import type { ApiClient } from '../api/client.js';
import { DownloadButton, type FileRequest } from './DownloadButton.js';

type Format = 'csv' | 'xlsx';

/**
 * "Export CSV" and "Export XLSX" for a list screen: the list as a file, with the filters the screen
 * shows now (`GET /exports/…`; the file's name comes from the answer).
 */
export function ExportButtons(props: {
  /** What is exported (`items`, `orders`, `activity`): the fallback file name and the error's header. */
  readonly what: string;
  readonly request: (api: ApiClient, format: Format) => ReturnType<FileRequest>;
}) {
  return (
    <Flex flexGap="0.5rem" justifyContent="flex-end" data-export={props.what}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <DownloadButton
          key={format}
          request={(api) => props.request(api, format)}
          fallbackName={`backorder-${props.what}.${format}`}
          errorHeader={`The ${props.what} could not be exported`}
        >
          Export {format.toUpperCase()}
        </DownloadButton>
      ))}
    </Flex>
  );
}
