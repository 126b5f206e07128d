import { Box, H4, Panel, Text } from '@bigcommerce/big-design';
import type { UseQueryResult } from '@tanstack/react-query';
import styled from 'styled-components';
import type { ApiError } from '../../api/errors.js';
import { ErrorState, LoadingState } from '../../components/states.js';
import type { PreviewTextField, TemplatePreview } from './templates-api.js';

type Preview = TemplatePreview['previews'][number];

/**
 * How the texts read where shoppers and the warehouse meet them — the product page (button and
 * message, or the unavailable message), the cart and the packing slip — for an item with a
 * back-in-stock date and one without. Every word comes from the preview operation, which renders
 * with the storefront's own code; this panel only lays it out, as text.
 */
export function TemplatePreviewPanel(props: {
  readonly preview: UseQueryResult<TemplatePreview, ApiError>;
  /** The date of the first sample is the template's own (else a sample date). */
  readonly hasOwnDate: boolean;
}) {
  const { preview } = props;
  return (
    <Panel
      header="Preview"
      description="How shoppers and your warehouse will read these texts, written the way your store writes dates. It follows what you type."
      data-panel="template-preview"
    >
      {preview.isPending ? (
        <LoadingState label="Loading the preview…" />
      ) : preview.isError ? (
        <ErrorState
          error={preview.error}
          header="The preview could not be loaded"
          onRetry={() => void preview.refetch()}
        />
      ) : (
        <Box data-preview-updating={preview.isFetching ? 'true' : 'false'}>
          {preview.data.previews.map((sample, index) => (
            <SamplePreview
              key={index === 0 ? 'with-date' : 'without-date'}
              id={index === 0 ? 'with-date' : 'without-date'}
              heading={index === 0 ? 'An item with a back-in-stock date' : 'An item without a date'}
              caption={
                index === 0
                  ? props.hasOwnDate
                    ? 'With this template’s back-in-stock date.'
                    : 'With a sample date a month from today (this template sets none).'
                  : 'Optional phrases that need the date are left out.'
              }
              sample={sample}
              problems={new Set(preview.data.problems.map((p) => p.field))}
            />
          ))}
        </Box>
      )}
    </Panel>
  );
}

function SamplePreview(props: {
  readonly id: string;
  readonly heading: string;
  readonly caption: string;
  readonly sample: Preview;
  readonly problems: ReadonlySet<PreviewTextField>;
}) {
  const { sample, problems } = props;
  const shown = (field: PreviewTextField, empty: string) =>
    problems.has(field) ? (
      <Text as="span" color="danger" marginBottom="none">
        Fix this text to see it.
      </Text>
    ) : sample[field] === null ? (
      <Text as="span" color="secondary60" marginBottom="none">
        {empty}
      </Text>
    ) : (
      <Text as="span" marginBottom="none">
        {sample[field]}
      </Text>
    );
  return (
    <Sample data-preview={props.id}>
      <H4 marginBottom="xxSmall">{props.heading}</H4>
      <Text color="secondary60">{props.caption}</Text>
      <Places>
        <dt>Product page, on backorder</dt>
        <dd>
          <Box data-preview-text="button_text">
            <FakeButton>
              {problems.has('button_text') || sample.button_text === null
                ? 'Add to Cart'
                : sample.button_text}
            </FakeButton>
          </Box>
          <Box data-preview-text="backorder_message">{shown('backorder_message', 'No message.')}</Box>
        </dd>
        <dt>Cart</dt>
        <dd data-preview-text="cart_message">{shown('cart_message', 'No message.')}</dd>
        <dt>Product page, unavailable</dt>
        <dd data-preview-text="unavailable_message">{shown('unavailable_message', 'Nothing is shown.')}</dd>
        <dt>Packing slip (the order’s staff notes)</dt>
        <dd data-preview-text="packing_slip_message">{shown('packing_slip_message', 'No message.')}</dd>
      </Places>
    </Sample>
  );
}

const Sample = styled.section`
  & + & {
    border-top: 1px solid ${({ theme }) => theme.colors.secondary30};
    margin-top: ${({ theme }) => theme.spacing.medium};
    padding-top: ${({ theme }) => theme.spacing.medium};
  }
`;

const Places = styled.dl`
  margin: ${({ theme }) => theme.spacing.small} 0 0;

  dt {
    color: ${({ theme }) => theme.colors.secondary70};
    font-weight: ${({ theme }) => theme.typography.fontWeight.semiBold};
    margin-top: ${({ theme }) => theme.spacing.small};
  }
  dd {
    margin: ${({ theme }) => theme.spacing.xxSmall} 0 0;
    overflow-wrap: anywhere;
  }
`;

/** Looks like a storefront's add-to-cart button; it is text, not a control. */
const FakeButton = styled.span`
  display: inline-block;
  margin-bottom: ${({ theme }) => theme.spacing.xSmall};
  padding: ${({ theme }) => `${theme.spacing.xSmall} ${theme.spacing.medium}`};
  border-radius: ${({ theme }) => theme.borderRadius.normal};
  background: ${({ theme }) => theme.colors.secondary70};
  color: ${({ theme }) => theme.colors.white};
  font-weight: ${({ theme }) => theme.typography.fontWeight.semiBold};
  overflow-wrap: anywhere;
`;
