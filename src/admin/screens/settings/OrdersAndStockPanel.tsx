import { Box, Button, Checkbox, Form, FormGroup, InlineMessage, Panel } from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { type Settings, useSaveSettings } from './settings-api.js';

/** What Backorder does when orders are cancelled and when someone turns inventory tracking back on. */
export function OrdersAndStockPanel({ settings }: { readonly settings: Settings }) {
  const [restock, setRestock] = useState(settings.restock_on_cancel);
  const [keepOff, setKeepOff] = useState(settings.keep_tracking_off);
  const save = useSaveSettings();
  const feedback = useFeedback();
  const unchanged = restock === settings.restock_on_cancel && keepOff === settings.keep_tracking_off;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { restock_on_cancel: restock, keep_tracking_off: keepOff },
      { onSuccess: () => feedback.success('Order and stock settings saved.') },
    );
  };

  return (
    <Panel header="Orders and stock" data-panel="orders-and-stock">
      <Form onSubmit={submit} aria-label="Orders and stock">
        <FormGroup>
          <Checkbox
            label="Restock on cancel or refund"
            description="When an order is cancelled or refunded, its units go back into stock and its backordered units are given back."
            checked={restock}
            onChange={(e) => setRestock(e.target.checked)}
          />
        </FormGroup>
        <FormGroup>
          <Checkbox
            label="Keep BigCommerce inventory tracking off"
            description="Backorder counts the stock of assigned products. If someone turns inventory tracking back on in BigCommerce, Backorder takes the new level as stock and turns tracking off again."
            checked={keepOff}
            onChange={(e) => setKeepOff(e.target.checked)}
          />
        </FormGroup>
        {save.isError ? (
          <InlineMessage
            type="error"
            messages={[{ text: describeError(save.error) }]}
            marginBottom="medium"
          />
        ) : null}
        <Box marginTop="medium">
          <Button type="submit" isLoading={save.isPending} disabled={unchanged && !save.isError}>
            Save order and stock settings
          </Button>
        </Box>
      </Form>
    </Panel>
  );
}
