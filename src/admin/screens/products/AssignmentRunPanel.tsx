import { Box, Button, H3, Message, Text } from '@bigcommerce/big-design';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { sentenceFor } from '../../api/error-sentences.js';
import { queryKeys } from '../../api/query-keys.js';
import { LabelledProgressBar } from '../../components/LabelledProgressBar.js';
import { ErrorState } from '../../components/states.js';
import { type AssignmentRunDetails, isActive, runProgress } from './assign-form.js';
import { useAssignmentRun } from './catalog-api.js';

/**
 * A background assignment run: a progress bar driven by the run's real progress (read again every
 * second while it is worked), what it did in words, and when it is over, the products it could not
 * assign with their reasons. Shown again when the merchant comes back to the tab while it runs.
 */
export function AssignmentRunPanel(props: { readonly runId: number; readonly onDismiss: () => void }) {
  const run = useAssignmentRun(props.runId);
  return (
    <Box
      marginBottom="medium"
      padding="medium"
      border="box"
      borderRadius="normal"
      data-panel="assignment-run"
    >
      {run.isError ? (
        <ErrorState
          error={run.error}
          header="The assignment’s progress could not be read"
          onRetry={() => void run.refetch()}
        />
      ) : run.data === undefined ? (
        <Text>Reading the assignment’s progress…</Text>
      ) : (
        <RunView run={run.data} onDismiss={props.onDismiss} />
      )}
    </Box>
  );
}

function RunView(props: { readonly run: AssignmentRunDetails; readonly onDismiss: () => void }) {
  const { run } = props;
  const progress = runProgress(run);
  const active = isActive(run);
  const labelId = useId();
  const queryClient = useQueryClient();
  // Every run shown here was active when it was last seen (started here, or found among the active
  // ones); one that is already over when first read finished in between.
  const wasActive = useRef(true);
  useEffect(() => {
    // The run assigned products since the list was read: the catalog and the items are stale now.
    if (wasActive.current && !active) {
      for (const queryKey of [queryKeys.catalog('products'), queryKeys.items(), queryKeys.assignments()]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    }
    wasActive.current = active;
  }, [active, queryClient]);
  return (
    <>
      <H3 id={labelId}>{active ? 'Assigning products' : 'Assignment finished'}</H3>
      <LabelledProgressBar percent={progress.percent} labelledBy={labelId} />
      <Text marginTop="small" aria-live="polite" data-run-summary="">
        {progress.summary}
      </Text>
      {run.status === 'failed' ? (
        <Message
          type="error"
          messages={[{ text: 'The assignment stopped before the end. Assign the remaining products again.' }]}
          marginTop="small"
        />
      ) : null}
      {!active && run.failures.length > 0 ? (
        <Box marginTop="small">
          <Text bold>Not assigned:</Text>
          <ul data-run-failures="">
            {run.failures.map((f) => (
              <li key={f.product_id}>
                {f.name ?? `Product ${f.product_id}`}:{' '}
                {f.code === null ? 'not assigned.' : sentenceFor(f.code)}
              </li>
            ))}
          </ul>
        </Box>
      ) : null}
      {active ? (
        <Text color="secondary60">
          You can leave this page: the assignment goes on, and its progress is shown here when you come back.
        </Text>
      ) : (
        <Button variant="secondary" marginTop="small" onClick={props.onDismiss}>
          Dismiss
        </Button>
      )}
    </>
  );
}
