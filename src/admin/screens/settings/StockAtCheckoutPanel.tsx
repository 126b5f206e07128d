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
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useFeedback } from '../../components/feedback.js';
import { ErrorState, LoadingState } from '../../components/states.js';
import { ModeMovePreview, ModeMoveProgress } from './ModeMove.js';
import {
  type InventoryMode,
  type Settings,
  useAssignedProductCount,
  useCheckNativeBackorders,
  useLatestModeMove,
  useSaveSettings,
} from './settings-api.js';
import {
  CAPPED_THEME_NOTE,
  currentModeSentence,
  INVENTORY_MODE_WORDS,
  INVENTORY_MODES,
  locationsNote,
  MOVE_RUNNING_NOTE,
  modeSavedSentence,
  nativeBackordersStatus,
  nativeModeUnavailable,
} from './settings-words.js';

const formatInstant = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * How Backorder runs the store's stock at checkout (the inventory mode, issue 11): the mode now, what
 * BigCommerce's native backorders were last found to be (checked again on demand), and the choice of
 * the three modes with what each guarantees. Without assigned products a mode is saved; with some it is
 * a move (ModeMove.tsx): previewed, confirmed, then followed to its end, the choice disabled meanwhile.
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
  const queryClient = useQueryClient();
  const assigned = useAssignedProductCount();
  const latest = useLatestModeMove();
  const latestMove = latest.data?.move ?? null;
  const moveId = latestMove?.id ?? null;
  const moveStatus = latestMove?.status ?? null;
  const running = moveStatus === 'running';
  // The move followed here: shown while it runs and, once over, until dismissed. A move over before
  // the panel opened is history, not news.
  const [followed, setFollowed] = useState<number | null>(null);
  useEffect(() => {
    if (moveStatus === 'running') setFollowed(moveId);
  }, [moveId, moveStatus]);
  const shownMove = latestMove !== null && (running || moveId === followed) ? latestMove : null;

  // The followed move ended: the store's mode and the items' numbers are read again.
  useEffect(() => {
    if (moveId !== null && moveStatus !== 'running' && moveId === followed) {
      for (const queryKey of [queryKeys.settings(), queryKeys.items(), queryKeys.products()]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    }
  }, [moveId, moveStatus, followed, queryClient]);

  // The mode changed behind the form (a move, another tab): the choice follows it.
  useEffect(() => setMode(settings.inventory_mode), [settings.inventory_mode]);

  const products = assigned.data?.total ?? null;
  const isMove = !unchanged && products !== null && products > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isMove || running) return;
    save.mutate(
      { inventory_mode: mode },
      {
        onSuccess: () => feedback.success(modeSavedSentence(mode)),
        onError: (error) => {
          // Products were assigned since they were counted: counted again, the move is offered instead.
          if (error.code === 'SETTINGS.MODE_MOVE_REQUIRED') void assigned.refetch();
        },
      },
    );
  };

  return (
    <Panel header="Stock at checkout" data-panel="stock-at-checkout">
      <Text data-mode="current">{currentModeSentence(settings.inventory_mode)}</Text>
      {shownMove === null ? null : <ModeMoveProgress move={shownMove} onDismiss={() => setFollowed(null)} />}
      {latest.isError ? (
        <InlineMessage
          type="error"
          header="The latest move could not be read"
          messages={[{ text: describeError(latest.error) }]}
          actions={[{ text: 'Try again', onClick: () => void latest.refetch() }]}
          marginBottom="medium"
        />
      ) : null}
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
              running ||
              (value === 'native' && nativeBlocked !== null && settings.inventory_mode !== 'native');
            return (
              <FormGroup key={value}>
                <Radio
                  name="inventory-mode"
                  value={value}
                  label={words.label}
                  description={disabled && !running ? `${words.guarantee} ${nativeBlocked}` : words.guarantee}
                  checked={mode === value}
                  disabled={disabled}
                  onChange={() => {
                    setMode(value);
                    save.reset();
                    // Products may have been assigned since the panel opened (Products, an ERP).
                    if (value !== settings.inventory_mode) void assigned.refetch();
                  }}
                />
              </FormGroup>
            );
          })}
        </Fieldset>
        {running ? <Text color="secondary60">{MOVE_RUNNING_NOTE}</Text> : null}
        {mode === 'capped' ? (
          <InlineMessage
            type="warning"
            header="Hide stock levels on the storefront"
            messages={[{ text: CAPPED_THEME_NOTE }]}
            marginBottom="medium"
          />
        ) : null}
        {save.isError && !isMove ? (
          <InlineMessage
            type="error"
            messages={[{ text: describeError(save.error) }]}
            marginBottom="medium"
          />
        ) : null}
        {unchanged || running ? null : assigned.isPending ? (
          <LoadingState label="Counting the assigned products…" />
        ) : assigned.isError ? (
          <ErrorState
            error={assigned.error}
            header="The assigned products could not be counted"
            onRetry={() => void assigned.refetch()}
          />
        ) : null}
        {isMove || running ? null : (
          <Box marginTop="medium">
            <Button type="submit" isLoading={save.isPending} disabled={unchanged && !save.isError}>
              Save stock at checkout
            </Button>
          </Box>
        )}
      </Form>
      {isMove && !running && products !== null ? (
        <ModeMovePreview key={mode} to={mode} products={products} />
      ) : null}
    </Panel>
  );
}
