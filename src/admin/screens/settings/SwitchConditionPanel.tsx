import { Box, Button, Form, FormGroup, InlineMessage, Input, Panel, Text } from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { type Settings, useSaveSettings } from './settings-api.js';
import { parseCount, switchConditionMeaning } from './settings-words.js';

/** Step 1 of the user guide: the number at or below which an item is out of stock. */
export function SwitchConditionPanel({ settings }: { readonly settings: Settings }) {
  const [text, setText] = useState(String(settings.switch_condition));
  const [touched, setTouched] = useState(false);
  const save = useSaveSettings();
  const feedback = useFeedback();
  const value = parseCount(text);
  const fieldError = touched && value === null ? 'Enter a whole number of 0 or more.' : undefined;
  const unchanged = value === settings.switch_condition;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (value === null) return;
    save.mutate(
      { switch_condition: value },
      {
        onSuccess: ({ reevaluated }) =>
          feedback.success(
            reevaluated === 0
              ? `Switch condition saved: ${value}. No item changed status.`
              : `Switch condition saved: ${value}. ${reevaluated} item${reevaluated === 1 ? '' : 's'} changed status.`,
          ),
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
            description="Saving a new number re-evaluates every assigned item at once."
          />
        </FormGroup>
        <Text data-meaning="switch-condition" aria-live="polite">
          {switchConditionMeaning(value ?? settings.switch_condition)}
        </Text>
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
