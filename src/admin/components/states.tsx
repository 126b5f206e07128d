import { Box, Button, H3, Message, ProgressCircle, Text } from '@bigcommerce/big-design';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeError } from '../api/errors.js';

/**
 * The three states every screen shows the same way: loading, failed (with the reason and a retry) and
 * empty (what it means and what to do next). `<Loaded>` picks between them for a query.
 */

export function LoadingState(props: { readonly label: string }) {
  return (
    <Box padding="large" role="status" aria-live="polite" style={{ textAlign: 'center' }}>
      <ProgressCircle size="medium" />
      <Text marginTop="small" color="secondary60">
        {props.label}
      </Text>
    </Box>
  );
}

export function ErrorState(props: {
  readonly error: unknown;
  readonly header?: string;
  readonly onRetry?: () => void;
}) {
  return (
    <div role="alert">
      <Message
        type="error"
        header={props.header ?? 'This could not be loaded'}
        messages={[{ text: describeError(props.error) }]}
        actions={props.onRetry ? [{ text: 'Try again', onClick: props.onRetry }] : undefined}
        marginVertical="medium"
      />
    </div>
  );
}

export function EmptyState(props: {
  readonly heading: string;
  readonly message: ReactNode;
  readonly action?: ReactNode;
}) {
  return (
    <Box padding="large" style={{ textAlign: 'center' }} data-empty-state="">
      <H3>{props.heading}</H3>
      <Text color="secondary60">{props.message}</Text>
      {props.action === undefined ? null : <Box marginTop="medium">{props.action}</Box>}
    </Box>
  );
}

/** A query's data, or its loading or error state (with a retry). */
export function Loaded<T>(props: {
  readonly query: UseQueryResult<T>;
  readonly loading: string;
  readonly children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <LoadingState label={props.loading} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{props.children(query.data)}</>;
}

/** A retry button for places where the whole ErrorState would be too much. */
export function RetryButton(props: { readonly onClick: () => void }) {
  return (
    <Button variant="subtle" onClick={props.onClick}>
      Try again
    </Button>
  );
}
