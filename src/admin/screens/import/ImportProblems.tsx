import { Box, Button, Flex, H3, Table, Text } from '@bigcommerce/big-design';
import { ErrorState, LoadingState } from '../../components/states.js';
import { DownloadButtons } from './DownloadButtons.js';
import { useImportProblems } from './import-api.js';
import { type ImportProblem, type ImportRun, isFinished, plural, problemSentence } from './import-words.js';

/** A problem as a table row; `rowId` because problems have no id and a row may have several. */
type ProblemRow = ImportProblem & { readonly rowId: string };

const COLUMNS = [
  {
    header: 'Line',
    hash: 'line',
    width: '4rem',
    render: (p: ProblemRow) => <span data-line={p.line}>{p.line}</span>,
  },
  { header: 'Column', hash: 'column', render: (p: ProblemRow) => p.column ?? '' },
  { header: 'SKU', hash: 'sku', render: (p: ProblemRow) => p.sku ?? '' },
  { header: 'Value', hash: 'value', render: (p: ProblemRow) => p.value ?? '' },
  {
    header: 'Reason',
    hash: 'reason',
    render: (p: ProblemRow) => <span data-problem-code={p.code}>{problemSentence(p.code)}</span>,
  },
];

/** Every bad row of a run by line, a page at a time, and the error report to correct the file with. */
export function ImportProblems(props: { readonly run: ImportRun }) {
  const { run } = props;
  const problems = useImportProblems(run.id);
  const loaded = problems.data?.pages.flatMap((page) => page.data);
  const rows: ProblemRow[] | undefined = loaded?.map((p, index) => ({ ...p, rowId: `${index}` }));
  return (
    <Box marginTop="large" data-import-problems="">
      <H3>Problems</H3>
      <Text>
        {plural(run.rows.with_problems, 'row')} cannot be imported as{' '}
        {run.rows.with_problems === 1 ? 'it is' : 'they are'}
        {isFinished(run) ? ' and were left as they were' : ''}. Lines are as your spreadsheet numbers them.
      </Text>
      <Box marginBottom="medium">
        <DownloadButtons
          what="Download error report"
          request={(api, format) =>
            api.GET('/imports/{id}/problems/export', {
              params: { path: { id: run.id }, query: { format } },
              parseAs: 'blob',
            })
          }
          fallbackName={`import-${run.id}-problems`}
          failedHeader="The error report could not be downloaded"
        />
      </Box>
      {rows === undefined ? (
        problems.isError ? (
          <ErrorState error={problems.error} onRetry={() => void problems.refetch()} />
        ) : (
          <LoadingState label="Loading the problems…" />
        )
      ) : (
        <>
          <Table
            itemName={rows.length === 1 ? 'problem' : 'problems'}
            keyField="rowId"
            items={rows}
            columns={COLUMNS}
          />
          <Flex justifyContent="space-between" alignItems="center" marginTop="medium">
            <Text color="secondary60" marginBottom="none" aria-live="polite">
              {plural(rows.length, 'problem')} shown{problems.hasNextPage ? '; more follow' : ''}.
            </Text>
            {problems.hasNextPage ? (
              <Button
                variant="secondary"
                isLoading={problems.isFetchingNextPage}
                onClick={() => void problems.fetchNextPage()}
              >
                Load more
              </Button>
            ) : null}
          </Flex>
          {problems.isFetchNextPageError ? (
            <ErrorState
              error={problems.error}
              header="More problems could not be loaded"
              onRetry={() => void problems.fetchNextPage()}
            />
          ) : null}
        </>
      )}
    </Box>
  );
}
