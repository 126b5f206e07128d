import { Badge, Box, Button, Flex, Input, Switch, Text } from '@bigcommerce/big-design';
import { CheckIcon, CloseIcon } from '@bigcommerce/big-design-icons';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import styled from 'styled-components';
import { describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { useEditItem, useSwitchBackorder } from './assigned-products-api.js';
import {
  type AssignedItem,
  type AssignedProduct,
  backorderOn,
  type EditableField,
  editText,
  FIELD_WORDS,
  itemName,
  parseField,
  purchasabilityWords,
  STATUS_WORDS,
  statusReason,
} from './assigned-products-words.js';

/**
 * A number or date of an item, edited in place: the value is a button; activating it opens a small
 * form (Enter saves, Escape cancels). A refusal stays under the field with its sentence. Items are
 * changed by SKU (`PATCH /items/{sku}`), so an item without a SKU shows its value only.
 */
export function EditableValue(props: {
  readonly product: AssignedProduct;
  readonly item: AssignedItem;
  readonly field: EditableField;
  readonly display: string;
}) {
  const { product, item, field } = props;
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const edit = useEditItem();
  const feedback = useFeedback();
  const label = `${FIELD_WORDS[field]} of ${itemName(product, item)}`;
  const errorId = useId();
  const sku = item.sku;

  if (sku === null) return <Text marginBottom="none">{props.display}</Text>;
  if (text === null) {
    return (
      <ValueButton
        type="button"
        aria-label={`Edit ${label}: ${props.display}`}
        data-edit={field}
        onClick={() => {
          setError(null);
          setText(editText(field, item));
        }}
      >
        {props.display}
      </ValueButton>
    );
  }

  const cancel = () => {
    setText(null);
    setError(null);
    edit.reset();
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseField(field, text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    edit.mutate(
      { sku, field, value: parsed.value },
      {
        onSuccess: () => {
          setText(null);
          setError(null);
          feedback.success(`${label} saved.`);
        },
        onError: (refusal) => setError(describeError(refusal)),
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      cancel();
    }
  };

  return (
    <form onSubmit={save} aria-label={`Edit ${label}`} data-editor={field}>
      <Flex alignItems="flex-start" flexGap="0.25rem" flexDirection="column">
        <EditorBox>
          <Input
            aria-label={label}
            type={field === 'back_in_stock_date' ? 'date' : 'text'}
            inputMode={field === 'back_in_stock_date' ? undefined : 'numeric'}
            value={text}
            // Focus goes to the field the merchant asked to edit.
            autoFocus
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            aria-invalid={error !== null}
            aria-describedby={error === null ? undefined : errorId}
            disabled={edit.isPending}
            placeholder={field === 'threshold' ? 'No limit' : undefined}
          />
        </EditorBox>
        {error === null ? null : (
          <EditorError id={errorId} data-refusal="">
            {error}
          </EditorError>
        )}
        <Flex flexGap="0.25rem">
          <Button
            type="submit"
            variant="primary"
            iconOnly={<CheckIcon />}
            aria-label={`Save ${label}`}
            isLoading={edit.isPending}
          />
          <Button
            type="button"
            variant="subtle"
            iconOnly={<CloseIcon />}
            aria-label={`Cancel editing ${label}`}
            onClick={cancel}
            disabled={edit.isPending}
          />
        </Flex>
      </Flex>
    </form>
  );
}

const BADGE_VARIANTS = { in_stock: 'success', backorder: 'warning', unavailable: 'danger' } as const;

/** The status as a badge, with why (the block in words) and whether shoppers can buy it under it. */
export function StatusCell(props: { readonly item: AssignedItem }) {
  const reason = statusReason(props.item);
  return (
    <Box data-status={props.item.status}>
      <Badge label={STATUS_WORDS[props.item.status]} variant={BADGE_VARIANTS[props.item.status]} />
      {reason === null ? null : (
        <Text marginTop="xxSmall" marginBottom="none" color="secondary60" data-reason="">
          {reason}
        </Text>
      )}
      <Text
        marginTop="xxSmall"
        marginBottom="none"
        color={props.item.purchasable ? 'secondary60' : 'danger'}
        data-purchasable={props.item.purchasable}
      >
        {purchasabilityWords(props.item)}
      </Text>
    </Box>
  );
}

/**
 * Backorder on or off for the item: off sets the manual block ("Disabled by you"); on lifts any block,
 * which the rules refuse while the threshold is reached or the date passed (the reason is shown).
 */
export function BackorderSwitch(props: { readonly product: AssignedProduct; readonly item: AssignedItem }) {
  const { product, item } = props;
  const change = useSwitchBackorder();
  const feedback = useFeedback();
  const name = itemName(product, item);
  const on = backorderOn(item);
  const sku = item.sku;
  return (
    <Switch
      aria-label={`Backorder for ${name}`}
      checked={change.isPending ? !on : on}
      disabled={sku === null || change.isPending}
      title={sku === null ? 'Give this item a SKU in BigCommerce to change it here.' : undefined}
      onChange={() => {
        if (sku === null) return;
        change.mutate(
          { sku, on: !on },
          {
            onSuccess: () => feedback.success(`Backorder switched ${on ? 'off' : 'on'} for ${name}.`),
            onError: (error) =>
              feedback.error(error, `Backorder was not switched ${on ? 'off' : 'on'} for ${name}`),
          },
        );
      }}
    />
  );
}

const ValueButton = styled.button`
  background: none;
  border: 1px dashed transparent;
  border-radius: ${({ theme }) => theme.borderRadius.normal};
  color: ${({ theme }) => theme.colors.secondary70};
  cursor: pointer;
  font: inherit;
  min-width: 2.5rem;
  padding: ${({ theme }) => `${theme.spacing.xxSmall} ${theme.spacing.xSmall}`};
  text-align: left;

  &:hover {
    border-color: ${({ theme }) => theme.colors.secondary40};
  }

  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary40};
    outline-offset: 1px;
  }
`;

/** A refusal of the value typed, under the field (outside a FormGroup, BigDesign's Input shows none). */
const EditorError = styled.p`
  color: ${({ theme }) => theme.colors.danger};
  font-size: ${({ theme }) => theme.typography.fontSize.small};
  margin: 0;
  max-width: 12rem;
`;

const EditorBox = styled.div`
  width: 8.5rem;
`;
