import { Button, Flex } from '@bigcommerce/big-design';
import { useFeedback } from '../../components/feedback.js';
import { useDownload } from './import-api.js';

/** A file the API answers, as CSV or XLSX: one button per format, named for what it downloads. */
export function DownloadButtons(props: {
  readonly what: string;
  readonly request: { readonly file: 'template' } | { readonly file: 'problems'; readonly id: number };
  readonly fallbackName: string;
  readonly failedHeader: string;
}) {
  const download = useDownload();
  const feedback = useFeedback();
  const get = (format: 'csv' | 'xlsx') =>
    download.mutate(
      { ...props.request, format, fallbackName: `${props.fallbackName}.${format}` },
      { onError: (error) => feedback.error(error, props.failedHeader) },
    );
  const busy = download.isPending ? download.variables?.format : undefined;
  return (
    <Flex flexGap="0.5rem" flexWrap="wrap">
      <Button
        variant="secondary"
        isLoading={busy === 'csv'}
        disabled={busy === 'xlsx'}
        onClick={() => get('csv')}
      >
        {props.what} (CSV)
      </Button>
      <Button
        variant="secondary"
        isLoading={busy === 'xlsx'}
        disabled={busy === 'csv'}
        onClick={() => get('xlsx')}
      >
        {props.what} (XLSX)
      </Button>
    </Flex>
  );
}
