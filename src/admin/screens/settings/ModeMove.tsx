import {
  Box,
  Button,
  H3,
  InlineMessage,
  Message,
  Table,
  type TableColumn,
  Text,
} from '@bigcommerce/big-design';
import { useId, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { LabelledProgressBar } from '../../components/LabelledProgressBar.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.js';
import {
  type InventoryMode,
  type ModeMove,
  type ModeMovePreviewItem,
  useModeMovePreview,
  useStartModeMove,
} from './settings-api.js';
import {
  bigCommerceHoldsWords,
  MOVE_PREVIEW_EMPTY,
  moveButtonLabel,
  moveConfirmHeader,
  moveConfirmSentences,
  movePreviewHeading,
  movePreviewIntro,
  moveProblemsSentence,
  moveProgress,
  previewItemName,
} from './settings-words.js';

/**
 * Moving the assigned products to another inventory mode (issue 11): the preview of what BigCommerce
 * will hold for every item, a confirm step saying what happens, then the move's progress and end.
 */

type PreviewRow = ModeMovePreviewItem & { readonly row: number; readonly to: InventoryMode };

// Defined once: BigDesign's Table renders each `render` as a component (src/admin/README.md).
const PREVIEW_COLUMNS: TableColumn<PreviewRow>[] = [
  { header: 'Item', hash: 'item', render: (r) => previewItemName(r) },
  { header: 'Stock', hash: 'stock', align: 'right', render: (r) => r.stock },
  { header: 'Backordered', hash: 'backordered', align: 'right', render: (r) => r.backordered },
  { header: 'Threshold', hash: 'threshold', align: 'right', render: (r) => r.threshold ?? 'None' },
  {
    header: 'BigCommerce will hold',
    hash: 'bigcommerce',
    render: (r) => bigCommerceHoldsWords(r.to, r.bigcommerce),
  },
];

/** The preview of a move to `to`, and the button that (after confirming) starts it. */
export function ModeMovePreview(props: { readonly to: InventoryMode; readonly products: number }) {
  const { to, products } = props;
  const preview = useModeMovePreview(to, true);
  const start = useStartModeMove();
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();

  const confirm = () =>
    start.mutate(to, {
      onSettled: () => setConfirming(false),
    });

  return (
    <Box marginTop="large" data-part="mode-move-preview" aria-labelledby={headingId} role="region">
      <H3 id={headingId}>{movePreviewHeading(to)}</H3>
      <Text>{movePreviewIntro(products)}</Text>
      {preview.isPending ? (
        <LoadingState label="Reading what the move would change…" />
      ) : preview.isError && preview.rows.length === 0 ? (
        <ErrorState
          error={preview.error}
          header="The move could not be previewed"
          onRetry={() => void preview.refetch()}
        />
      ) : preview.rows.length === 0 ? (
        <EmptyState heading={MOVE_PREVIEW_EMPTY.heading} message={MOVE_PREVIEW_EMPTY.message} />
      ) : (
        <>
          <Table
            itemName="Items and what BigCommerce will hold"
            items={preview.rows.map((item, row) => ({ ...item, row, to }))}
            keyField="row"
            columns={PREVIEW_COLUMNS}
          />
          {preview.isError ? (
            <InlineMessage
              type="error"
              messages={[{ text: describeError(preview.error) }]}
              marginTop="small"
            />
          ) : null}
          {preview.hasNextPage ? (
            <Box marginTop="small">
              <Button
                type="button"
                variant="secondary"
                isLoading={preview.isFetchingNextPage}
                onClick={() => void preview.fetchNextPage()}
              >
                Load more
              </Button>
            </Box>
          ) : null}
        </>
      )}
      {start.isError ? (
        <InlineMessage
          type="error"
          header="The move did not start"
          messages={[{ text: describeError(start.error) }]}
          marginTop="medium"
        />
      ) : null}
      <Box marginTop="medium">
        <Button
          type="button"
          disabled={preview.isError && preview.rows.length === 0}
          onClick={() => setConfirming(true)}
        >
          {moveButtonLabel(products)}
        </Button>
      </Box>
      <ConfirmDialog
        isOpen={confirming}
        header={moveConfirmHeader(to)}
        confirmLabel={moveButtonLabel(products)}
        destructive={false}
        isWorking={start.isPending}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      >
        {moveConfirmSentences(to, products).map((sentence) => (
          <Text key={sentence}>{sentence}</Text>
        ))}
      </ConfirmDialog>
    </Box>
  );
}

/** A move's progress bar while it runs (read again every second), then how it ended. */
export function ModeMoveProgress(props: { readonly move: ModeMove; readonly onDismiss: () => void }) {
  const { move } = props;
  const progress = moveProgress(move);
  const problems = moveProblemsSentence(move.problems);
  const headingId = useId();
  const running = move.status === 'running';
  return (
    <Box
      marginBottom="medium"
      padding="medium"
      border="box"
      borderRadius="normal"
      data-part="mode-move"
      data-move-status={move.status}
    >
      <H3 id={headingId}>{progress.heading}</H3>
      <LabelledProgressBar percent={progress.percent} labelledBy={headingId} />
      <Text marginTop="small" aria-live="polite" data-move-summary="">
        {progress.summary}
      </Text>
      {problems === null ? null : (
        <Message
          type={move.status === 'failed' ? 'error' : 'warning'}
          messages={[{ text: problems }]}
          marginTop="small"
        />
      )}
      {running ? (
        <Text color="secondary60">
          You can leave this page: the move goes on, and its progress is shown here when you come back.
        </Text>
      ) : (
        <Button type="button" variant="secondary" marginTop="small" onClick={props.onDismiss}>
          Dismiss
        </Button>
      )}
    </Box>
  );
}
