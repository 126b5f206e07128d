import { Box, Text } from '@bigcommerce/big-design';
import styled from 'styled-components';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useFeedback } from '../../components/feedback.js';
import { useUnassignProduct } from './assigned-products-api.js';
import type { AssignedProduct } from './assigned-products-words.js';

/** Asks before unassigning a product, saying what unassigning does (docs/product.md#unassignment). */
export function UnassignDialog(props: {
  readonly product: AssignedProduct | null;
  readonly onClose: () => void;
}) {
  const unassign = useUnassignProduct();
  const feedback = useFeedback();
  const { product } = props;
  const count = product?.items.length ?? 0;
  return (
    <ConfirmDialog
      isOpen={product !== null}
      header={`Unassign “${product?.name ?? ''}”?`}
      confirmLabel="Unassign product"
      isWorking={unassign.isPending}
      onCancel={props.onClose}
      onConfirm={() => {
        if (product === null) return;
        unassign.mutate(product.product_id, {
          onSuccess: () =>
            feedback.success(`${product.name} is unassigned. Its stock data is on its way to you by email.`),
          onError: (error) => feedback.error(error, `${product.name} was not unassigned`),
          onSettled: props.onClose,
        });
      }}
    >
      <Box>
        <Text>Backorder gives back the tracking of {count === 1 ? 'its item' : `its ${count} items`}:</Text>
        <Consequences>
          <li>
            Backorder stops tracking its stock and backorders (BigCommerce’s own inventory tracking stays
            off).
          </li>
          <li>Purchase of the whole product is disabled in BigCommerce.</li>
          <li>
            Its last stock data (stock, threshold, backordered, incoming stock, back-in-stock date) is emailed
            to you as a CSV file.
          </li>
          <li>Its history is kept: you can assign it again later.</li>
        </Consequences>
      </Box>
    </ConfirmDialog>
  );
}

const Consequences = styled.ul`
  margin: ${({ theme }) => `${theme.spacing.xSmall} 0 0`};
  padding-left: ${({ theme }) => theme.spacing.large};
  line-height: 1.5;
`;
