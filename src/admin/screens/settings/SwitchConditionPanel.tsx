import { Box, Button, Form, FormGroup, H3, InlineMessage, Input, Panel, Text } from '@bigcommerce/big-design';
import { type FormEvent, useId, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { LabelledProgressBar } from '../../components/LabelledProgressBar.js';
import { type Reevaluation, type Settings, useLatestReevaluation, useSaveSettings } from './settings-api.js';
import { parseCount, switchConditionMeaning } from './settings-words.js';
import {
  REEVALUATION_RUNNING_NOTE,
  reevaluationProgress,
  SWITCH_CONDITION_SAVE_NOTE,
  switchConditionSavedSentence,
} from './switch-condition-words.js';

/** Step 1 of the user guide: the number at or below which an item is out of stock. */
export function SwitchConditionPanel({ settings }: { readonly settings: Settings }) {
  const [text, setText] = useState(String(settings.switch_condition));
  const [touched, setTouched] = useState(false);
  const save = useSaveSettings();
  const latest = useLatestReevaluation();
  // A finished re-evaluation is shown once saved here, until dismissed; a running one always.
  const [followed, setFollowed] = useState<number | null>(null);
  const feedback = useFeedback();
  const value = parseCount(text);
  const fieldError = touched && value === null ? 'Enter a whole number of 0 or more.' : undefined;
  const unchanged = value === settings.switch_condition;
  const run = latest.data?.reevaluation ?? null;
  const shown = run !== null && (run.status === 'running' || run.id === followed) ? run : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (value === null) return;
    save.mutate(
      { switch_condition: value },
      {
        onSuccess: ({ reevaluation }) => {
          setFollowed(reevaluation?.id ?? null);
          feedback.success(switchConditionSavedSentence(value, reevaluation));
        },
      },
    );
  };

  return (
    <Panel header="Backorder switch condition" data-panel="switch-condition">
      <Form onSubmit={submit} aria-label="Backorder switch condition">
        <FormGroup>
          <Input
            label="Switch to backorder when stock is at or below"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            required
            value={text}
            error={fieldError}
            onChange={(e) => {
              setText(e.target.value);
              setTouched(true);
            }}
            description={SWITCH_CONDITION_SAVE_NOTE}
          />
        </FormGroup>
        <Text data-meaning="switch-condition" aria-live="polite">
          {switchConditionMeaning(value ?? settings.switch_condition)}
        </Text>
        {shown === null ? null : (
          <ReevaluationProgress reevaluation={shown} onDismiss={() => setFollowed(null)} />
        )}
        {save.isError ? (
          <InlineMessage
            type="error"
            messages={[{ text: describeError(save.error) }]}
            marginBottom="medium"
          />
        ) : null}
        <Box marginTop="medium">
          <Button type="submit" isLoading={save.isPending} disabled={unchanged && !save.isError}>
            Save switch condition
          </Button>
        </Box>
      </Form>
    </Panel>
  );
}

/** A re-evaluation's progress bar while it runs (read again every second), then how it ended. */
function ReevaluationProgress(props: {
  readonly reevaluation: Reevaluation;
  readonly onDismiss: () => void;
}) {
  const { reevaluation } = props;
  const headingId = useId();
  const words = reevaluationProgress(reevaluation);
  if (words === null) return null;
  const running = reevaluation.status === 'running';
  return (
    <Box
      marginTop="medium"
      padding="medium"
      border="box"
      borderRadius="normal"
      data-part="reevaluation"
      data-reevaluation-status={reevaluation.status}
    >
      <H3 id={headingId}>{words.heading}</H3>
      <LabelledProgressBar percent={words.percent} labelledBy={headingId} />
      <Text marginTop="small" aria-live="polite" data-reevaluation-summary="">
        {words.summary}
      </Text>
      {running ? (
        <Text color="secondary60">{REEVALUATION_RUNNING_NOTE}</Text>
      ) : (
        <Button type="button" variant="secondary" marginTop="small" onClick={props.onDismiss}>
          Dismiss
        </Button>
      )}
    </Box>
  );
}
