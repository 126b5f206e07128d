import {
  Box,
  Button,
  Fieldset,
  Form,
  FormGroup,
  InlineMessage,
  Panel,
  Radio,
  Text,
} from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import {
  type InventoryMode,
  type Settings,
  useCheckNativeBackorders,
  useSaveSettings,
} from './settings-api.js';
import {
  CAPPED_THEME_NOTE,
  currentModeSentence,
  INVENTORY_MODE_WORDS,
  INVENTORY_MODES,
  locationsNote,
  modeSavedSentence,
  nativeBackordersStatus,
  nativeModeUnavailable,
} from './settings-words.js';

const formatInstant = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * How Backorder runs the store's stock at checkout (the inventory mode, issue 11): the mode now, what
 * BigCommerce's native backorders were last found to be (checked again on demand), and the choice of
 * the three modes with what each guarantees. The server refuses a change while products are assigned.
 */
export function StockAtCheckoutPanel({ settings }: { readonly settings: Settings }) {
  const [mode, setMode] = useState<InventoryMode>(settings.inventory_mode);
  const save = useSaveSettings();
  const check = useCheckNativeBackorders();
  const feedback = useFeedback();
  const native = settings.native_backorders;
  const nativeBlocked = nativeModeUnavailable(native);
  const locations = locationsNote(native.locations);
  const unchanged = mode === settings.inventory_mode;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ inventory_mode: mode }, { onSuccess: () => feedback.success(modeSavedSentence(mode)) });
  };

  return (
    <Panel header="Stock at checkout" data-panel="stock-at-checkout">
      <Text data-mode="current">{currentModeSentence(settings.inventory_mode)}</Text>
      <Box marginBottom="medium">
        <Text data-native-backorders="status" aria-live="polite">
          {nativeBackordersStatus(native, formatInstant)}
        </Text>
        <Button
          type="button"
          variant="secondary"
          isLoading={check.isPending}
          onClick={() => check.mutate(undefined)}
        >
          Check again
        </Button>
        {check.isError ? (
          <InlineMessage
            type="error"
            header="Not checked"
            messages={[{ text: describeError(check.error) }]}
            marginTop="small"
          />
        ) : null}
      </Box>
      {locations === null ? null : (
        <InlineMessage type="info" messages={[{ text: locations }]} marginBottom="medium" />
      )}
      <Form onSubmit={submit} aria-label="Stock at checkout">
        <Fieldset legend="How Backorder runs stock at checkout">
          {INVENTORY_MODES.map((value) => {
            const words = INVENTORY_MODE_WORDS[value];
            const disabled =
              value === 'native' && nativeBlocked !== null && settings.inventory_mode !== 'native';
            return (
              <FormGroup key={value}>
                <Radio
                  name="inventory-mode"
                  value={value}
                  label={words.label}
                  description={disabled ? `${words.guarantee} ${nativeBlocked}` : words.guarantee}
                  checked={mode === value}
                  disabled={disabled}
                  onChange={() => setMode(value)}
                />
              </FormGroup>
            );
          })}
        </Fieldset>
        {mode === 'capped' ? (
          <InlineMessage
            type="warning"
            header="Hide stock levels on the storefront"
            messages={[{ text: CAPPED_THEME_NOTE }]}
            marginBottom="medium"
          />
        ) : null}
        {save.isError ? (
          <InlineMessage
            type="error"
            messages={[{ text: describeError(save.error) }]}
            marginBottom="medium"
          />
        ) : null}
        <Box marginTop="medium">
          <Button type="submit" isLoading={save.isPending} disabled={unchanged && !save.isError}>
            Save stock at checkout
          </Button>
        </Box>
      </Form>
    </Panel>
  );
}
