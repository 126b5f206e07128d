import { Box, Button, Checkbox, H3, Message, Panel, ProgressBar, Text } from '@bigcommerce/big-design';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import styled from 'styled-components';
import { Link as AppLink } from 'wouter';
import { queryKeys } from '../../api/query-keys.js';
import { useSession } from '../../app/session-context.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useFeedback } from '../../components/feedback.js';
import { Loaded } from '../../components/states.js';
import { actorWords, formatWhen } from '../activity/activity-words.js';
import { useSettings } from '../settings/settings-api.js';
import { ImportProblems } from './ImportProblems.js';
import { useApplyImport, useImportRun, useRefreshAfterImport } from './import-api.js';
import {
  applyConfirmation,
  applyProgress,
  canApply,
  changeLines,
  type ImportRun,
  isFinished,
  plural,
  resultLines,
  rowsSummary,
  sameFileWarning,
  statusChangeLines,
} from './import-words.js';

/**
 * One import: the dry run (what would change, the problems, Apply), then its progress while it is
 * applied (read every second; the merchant may leave and come back), then its result.
 */
export function ImportRunPanel(props: { readonly id: number | null }) {
  return (
    <>
      <Box marginVertical="medium">
        <AppLink href="/products/import">← All imports</AppLink>
      </Box>
      {props.id === null ? (
        <Message
          type="error"
          header="This import does not exist"
          messages={[{ text: 'Go back to all imports.' }]}
        />
      ) : (
        <RunById id={props.id} />
      )}
    </>
  );
}

function RunById(props: { readonly id: number }) {
  const run = useImportRun(props.id);
  return (
    <Loaded query={run} loading="Loading the import…">
      {(data) => <RunView run={data} />}
    </Loaded>
  );
}

function RunView(props: { readonly run: ImportRun }) {
  const { run } = props;
  const session = useSession();
  const refresh = useRefreshAfterImport();
  const queryClient = useQueryClient();
  const previous = useRef(run.status);
  useEffect(() => {
    // The rows were written: the items everywhere are stale, and rows refused on the way are problems now.
    if (previous.current === 'applying' && isFinished(run)) {
      refresh();
      void queryClient.invalidateQueries({ queryKey: queryKeys.imports(run.id, 'problems') });
    }
    previous.current = run.status;
  }, [run, refresh, queryClient]);

  const format = `${run.format.toUpperCase()}${run.encoding === null ? '' : `, ${run.encoding}`}`;
  return (
    <Panel
      header={`Import of ${run.file_name}`}
      description={`Uploaded ${formatWhen(run.created_at, session.store.timezone)} by ${actorWords(run.actor)} (${format}).`}
      data-panel="import-run"
      data-status={run.status}
    >
      {run.status === 'validated' ? <DryRun run={run} /> : null}
      {run.status === 'applying' ? <Applying run={run} /> : null}
      {isFinished(run) ? <Result run={run} /> : null}
      {run.rows.with_problems > 0 ? <ImportProblems run={run} /> : null}
      {run.status === 'validated' ? <ApplySection run={run} /> : null}
    </Panel>
  );
}

function DryRun(props: { readonly run: ImportRun }) {
  const { run } = props;
  const session = useSession();
  const warning = sameFileWarning(run, session.store.timezone);
  const changes = changeLines(run);
  const statuses = statusChangeLines(run);
  return (
    <Box data-import-check="">
      <H3>What the file would change</H3>
      <Text data-rows-summary="">{rowsSummary(run)}</Text>
      {warning === null ? null : (
        <Message type="warning" messages={[{ text: warning }]} marginBottom="medium" />
      )}
      {changes.length === 0 ? (
        <Text>Nothing would change: every valid row already holds these values.</Text>
      ) : (
        <>
          <Text marginBottom="xxSmall">New values would be written for:</Text>
          <List data-import-changes="">
            {changes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </List>
        </>
      )}
      {statuses.length === 0 ? null : (
        <>
          <Text marginBottom="xxSmall">Then, by your rules:</Text>
          <List data-import-status-changes="">
            {statuses.map((line) => (
              <li key={line}>{line}.</li>
            ))}
          </List>
        </>
      )}
    </Box>
  );
}

function ApplySection(props: { readonly run: ImportRun }) {
  const { run } = props;
  const [skipProblems, setSkipProblems] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const apply = useApplyImport(run.id);
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const hasProblems = run.rows.with_problems > 0;
  const allowed = canApply(run, skipProblems);

  const confirm = () =>
    apply.mutate(skipProblems, {
      onSuccess: (applying) => {
        // The progress shows at once, not at the next read.
        queryClient.setQueryData(queryKeys.imports(run.id), applying);
        setConfirming(false);
      },
      onError: (error) => {
        setConfirming(false);
        feedback.error(error, 'The import was not applied');
      },
    });

  return (
    <Box marginTop="large" data-import-apply="">
      <H3>Apply the import</H3>
      {run.rows.valid === 0 ? (
        <Text>No row can be applied: correct the file and upload it again.</Text>
      ) : !hasProblems ? (
        <Text>Nothing has changed yet: apply the import to write these values.</Text>
      ) : (
        <>
          <Text>
            Correct the rows with problems and upload the file again, or apply the valid rows now and leave
            the others.
          </Text>
          <Checkbox
            label={`Apply the ${plural(run.rows.valid, 'valid row')} and skip the rest`}
            checked={skipProblems}
            onChange={(event) => setSkipProblems(event.target.checked)}
          />
        </>
      )}
      <Button marginTop="medium" disabled={!allowed} onClick={() => setConfirming(true)}>
        Apply
      </Button>
      <ConfirmDialog
        isOpen={confirming}
        header="Apply this import?"
        confirmLabel="Apply import"
        destructive={false}
        isWorking={apply.isPending}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      >
        {applyConfirmation(run, skipProblems)}
      </ConfirmDialog>
    </Box>
  );
}

function Applying(props: { readonly run: ImportRun }) {
  const progress = applyProgress(props.run);
  const labelId = useId();
  return (
    <Box data-import-progress="">
      <H3 id={labelId}>Applying the import</H3>
      <LabelledProgressBar percent={progress.percent} labelledBy={labelId} />
      <Text marginTop="small" aria-live="polite">
        {progress.summary}
      </Text>
      <Text color="secondary60">
        You can leave this page: the import goes on, and its progress is shown here when you come back.
      </Text>
    </Box>
  );
}

function Result(props: { readonly run: ImportRun }) {
  const { run } = props;
  const session = useSession();
  return (
    <Box data-import-result="">
      <H3>{run.status === 'done' ? 'Import applied' : 'Import failed'}</H3>
      {run.status === 'failed' ? (
        <Message
          type="error"
          messages={[
            {
              text: 'The import stopped before the end. Rows not applied were left as they were; upload the file again.',
            },
          ]}
          marginBottom="medium"
        />
      ) : null}
      {run.finished_at === null ? null : (
        <Text>Finished {formatWhen(run.finished_at, session.store.timezone)}.</Text>
      )}
      <List data-import-result-lines="">
        {resultLines(run).map((line) => (
          <li key={line}>{line}.</li>
        ))}
      </List>
      <EmailNote />
    </Box>
  );
}

/** Whether the result went out by email, as the notification settings say. */
function EmailNote() {
  const settings = useSettings();
  if (settings.data === undefined) return null;
  const { notify_events, notification_emails } = settings.data;
  const emailed = notify_events.includes('import_finished') && notification_emails.length > 0;
  return (
    <Text color="secondary60" data-import-email="">
      {emailed ? (
        `The result was emailed to ${notification_emails.join(', ')}.`
      ) : (
        <>
          The result is not emailed: turn on “Import finished” in <AppLink href="/settings">Settings</AppLink>{' '}
          to receive it.
        </>
      )}
    </Text>
  );
}

/** BigDesign's ProgressBar (5.0.0) takes no label: its progressbar is named by the heading above it. */
function LabelledProgressBar(props: { readonly percent: number; readonly labelledBy: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector('[role="progressbar"]')?.setAttribute('aria-labelledby', props.labelledBy);
  });
  return (
    <Box marginTop="small" ref={box}>
      <ProgressBar percent={props.percent} />
    </Box>
  );
}

/** A list that reads like the text around it. */
const List = styled.ul`
  margin: 0 0 ${({ theme }) => theme.spacing.medium};
  padding-left: ${({ theme }) => theme.spacing.large};
  color: ${({ theme }) => theme.colors.secondary70};
  font-size: ${({ theme }) => theme.typography.fontSize.medium};
  line-height: ${({ theme }) => theme.lineHeight.medium};
`;
