import { Flex } from '@bigcommerce/big-design';
import type { ApiClient } from '../../api/client.js';
import { DownloadButton, type FileRequest } from '../../components/DownloadButton.js';

type Format = 'csv' | 'xlsx';

/** A file the API answers, as CSV or XLSX: one button per format, named for what it downloads. */
export function DownloadButtons(props: {
  /** The buttons' words: "Download template" → "Download template (CSV)". */
  readonly what: string;
  readonly request: (api: ApiClient, format: Format) => ReturnType<FileRequest>;
  /** The file's name without extension, used when the answer gives none. */
  readonly fallbackName: string;
  readonly failedHeader: string;
}) {
  return (
    <Flex flexGap="0.5rem" flexWrap="wrap">
      {(['csv', 'xlsx'] as const).map((format) => (
        <DownloadButton
          key={format}
          request={(api) => props.request(api, format)}
          fallbackName={`${props.fallbackName}.${format}`}
          errorHeader={props.failedHeader}
        >
          {props.what} ({format.toUpperCase()})
        </DownloadButton>
      ))}
    </Flex>
  );
}
