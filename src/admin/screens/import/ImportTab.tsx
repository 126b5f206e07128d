import { Box, Button, Flex, Message, Panel, Small, Table, Text } from '@bigcommerce/big-design';
import { type DragEvent, type ReactNode, useId, useRef, useState } from 'react';
import styled from 'styled-components';
import { Link as AppLink, useLocation, useRoute } from 'wouter';
import { type ApiError, toApiError } from '../../api/errors.js';
import { useSession } from '../../app/session-context.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.js';
import { formatWhen } from '../activity/activity-words.js';
import { DownloadButtons } from './DownloadButtons.js';
import { ImportRunPanel } from './ImportRunPanel.js';
import { useImportRuns, useUploadImport } from './import-api.js';
import { ACCEPTED_FILES, applyProgress, type ImportRun, plural, runStatusWords } from './import-words.js';

/**
 * Products › Import: the stock file's template (the items export), the upload with its dry run, and the
 * recent imports. A run has its own address (`/products/import/7`), so a reload, or coming back while it
 * is applied, finds it again.
 */
export function ImportTab() {
  const [isRun, params] = useRoute('/products/import/:runId');
  if (isRun) {
    const id = /^\d{1,15}$/.test(params.runId) ? Number(params.runId) : null;
    return <ImportRunPanel id={id} />;
  }
  return (
    <Box marginTop="medium">
      <TemplatePanel />
      <UploadPanel />
      <RecentImports />
    </Box>
  );
}

function TemplatePanel() {
  return (
    <Panel
      header="1. Download the template"
      description="Your assigned items with their current values: change the values, keep the columns."
      data-panel="import-template"
    >
      <DownloadButtons
        what="Download template"
        request={(api, format) =>
          api.GET('/exports/items', { params: { query: { format } }, parseAs: 'blob' })
        }
        fallbackName="items"
        failedHeader="The template could not be downloaded"
      />
      <Box marginTop="medium">
        <ul data-import-columns="" style={{ margin: 0, paddingLeft: '1.25rem' }}>
          <li>
            <Text marginBottom="xxSmall">
              <strong>SKU</strong> says which item a row is for; it must be the SKU of an assigned item, once
              per file. <strong>Product</strong> and <strong>Variant</strong> are there to read and are not
              imported.
            </Text>
          </li>
          <li>
            <Text marginBottom="xxSmall">
              <strong>Stock</strong> and <strong>Incoming stock</strong> are whole numbers (stock may be below
              0); an empty cell leaves the value as it is.
            </Text>
          </li>
          <li>
            <Text marginBottom="xxSmall">
              <strong>Threshold</strong>: a whole number of 0 or more; an empty cell means no limit.
            </Text>
          </li>
          <li>
            <Text marginBottom="xxSmall">
              <strong>Back-in-stock date</strong>: YYYY-MM-DD (2027-01-31), or the date as your store writes
              it; an empty cell removes the date.
            </Text>
          </li>
          <li>
            <Text marginBottom="none">
              A column you leave out of the file is not changed. Save the file as CSV or Excel workbook
              (XLSX).
            </Text>
          </li>
        </ul>
      </Box>
    </Panel>
  );
}

function UploadPanel() {
  const upload = useUploadImport();
  const [, navigate] = useLocation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const send = (file: File | undefined) => {
    if (file === undefined) return;
    upload.mutate(file, {
      onSuccess: (run) => navigate(`/products/import/${run.id}`),
      onSettled: () => {
        // The same file may be chosen again after a refusal (the input fires no change otherwise).
        if (input.current) input.current.value = '';
      },
    });
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!upload.isPending) send(event.dataTransfer.files[0]);
  };

  return (
    <Panel
      header="2. Upload your file"
      description="Backorder first checks the file and shows what would change; nothing changes until you apply it."
      data-panel="import-upload"
    >
      <DropZone
        data-dragging={dragging ? 'true' : 'false'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <FileLabel htmlFor={inputId}>Stock file (CSV or XLSX)</FileLabel>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept={ACCEPTED_FILES}
          disabled={upload.isPending}
          onChange={(event) => send(event.target.files?.[0])}
        />
        <Small marginTop="xSmall" marginBottom="none">
          Or drag the file here. Up to 50 MB and 200,000 rows.
        </Small>
      </DropZone>
      {upload.isPending ? (
        <Box marginTop="medium" role="status" aria-live="polite">
          <Text marginBottom="none">Checking your file…</Text>
        </Box>
      ) : null}
      {upload.isError ? <FileRefusal error={upload.error} /> : null}
    </Panel>
  );
}

/** Why a file was refused as a whole (unreadable, empty, wrong columns), and where in the file. */
function FileRefusal(props: { readonly error: unknown }) {
  const error: ApiError = toApiError(props.error);
  const places = [...new Set(error.details.map((d) => d.path).filter((p) => p !== ''))];
  return (
    <Box marginTop="medium" role="alert" data-import-refusal={error.code}>
      <Message
        type="error"
        header="The file was not imported"
        messages={[{ text: error.sentence }, ...places.map((place) => ({ text: `At ${place}.` }))]}
      />
    </Box>
  );
}

const RUN_COLUMNS = [
  {
    header: 'File',
    hash: 'file',
    render: (run: ImportRun) => <AppLink href={`/products/import/${run.id}`}>{run.file_name}</AppLink>,
  },
  { header: 'Status', hash: 'status', render: (run: ImportRun) => <RunStatus run={run} /> },
  { header: 'Uploaded', hash: 'when', render: (run: ImportRun) => <When iso={run.created_at} /> },
  {
    header: 'Rows',
    hash: 'rows',
    render: (run: ImportRun) =>
      run.rows.with_problems > 0
        ? `${plural(run.rows.total, 'row')}, ${run.rows.with_problems.toLocaleString('en-US')} with problems`
        : plural(run.rows.total, 'row'),
  },
];

function RunStatus(props: { readonly run: ImportRun }) {
  const { run } = props;
  if (run.status !== 'applying') return <>{runStatusWords(run.status)}</>;
  return <>{`${runStatusWords(run.status)} (${applyProgress(run).percent} %)`}</>;
}

function When(props: { readonly iso: string }) {
  const session = useSession();
  return <>{formatWhen(props.iso, session.store.timezone)}</>;
}

function RecentImports() {
  const runs = useImportRuns();
  const loaded = runs.data?.pages.flatMap((page) => page.data);
  let body: ReactNode;
  if (loaded === undefined) {
    body = runs.isError ? (
      <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
    ) : (
      <LoadingState label="Loading your imports…" />
    );
  } else if (loaded.length === 0) {
    body = (
      <EmptyState
        heading="No import yet"
        message="Download the template, fill in your stock, and upload it above: you see what would change before anything does."
      />
    );
  } else {
    body = (
      <>
        <Table
          itemName={loaded.length === 1 ? 'import' : 'imports'}
          keyField="id"
          items={loaded}
          columns={RUN_COLUMNS}
        />
        {runs.hasNextPage ? (
          <Flex justifyContent="flex-end" marginTop="medium">
            <Button
              variant="secondary"
              isLoading={runs.isFetchingNextPage}
              onClick={() => void runs.fetchNextPage()}
            >
              Load more imports
            </Button>
          </Flex>
        ) : null}
        {runs.isFetchNextPageError ? (
          <ErrorState
            error={runs.error}
            header="More imports could not be loaded"
            onRetry={() => void runs.fetchNextPage()}
          />
        ) : null}
      </>
    );
  }
  return (
    <Panel header="Recent imports" data-panel="import-runs">
      {body}
    </Panel>
  );
}

const FileLabel = styled.label`
  display: block;
  font-weight: ${({ theme }) => theme.typography.fontWeight.semiBold};
  margin-bottom: ${({ theme }) => theme.spacing.xSmall};
`;

const DropZone = styled.div`
  border: 2px dashed ${({ theme }) => theme.colors.secondary40};
  border-radius: ${({ theme }) => theme.borderRadius.normal};
  padding: ${({ theme }) => theme.spacing.large};

  &[data-dragging='true'] {
    border-color: ${({ theme }) => theme.colors.primary};
    background: ${({ theme }) => theme.colors.primary10};
  }
`;
