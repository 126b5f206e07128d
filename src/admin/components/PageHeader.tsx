import { Box, Flex, H1, Text } from '@bigcommerce/big-design';
import { type ReactNode, useEffect, useRef } from 'react';
import styled from 'styled-components';

/**
 * The top of every screen: its title (the page's one h1, also the document title) and what it is for.
 * Focus moves to the title when the screen opens, so keyboard and screen-reader users start there.
 */
export function PageHeader(props: {
  readonly title: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
}) {
  const header = useRef<HTMLDivElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Backorder`;
    header.current?.querySelector('h1')?.focus({ preventScroll: true });
  }, [props.title]);
  return (
    <Header marginBottom="large" ref={header}>
      <Flex justifyContent="space-between" alignItems="flex-start" flexGap="1rem">
        <H1 tabIndex={-1} marginBottom="xSmall">
          {props.title}
        </H1>
        {props.actions}
      </Flex>
      {props.description === undefined ? null : <Text color="secondary60">{props.description}</Text>}
    </Header>
  );
}

/** The title takes focus only to start reading there: no focus ring on it. */
const Header = styled(Box)`
  h1:focus {
    outline: none;
  }
`;
