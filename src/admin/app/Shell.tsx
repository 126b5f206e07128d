import { Box, Flex, Text } from '@bigcommerce/big-design';
import { type ReactNode, Suspense } from 'react';
import styled from 'styled-components';
import { Link, useLocation } from 'wouter';
import { LoadingState } from '../components/states.js';
import type { Session } from '../session/session.js';
import { SCREENS } from './screens.js';

/**
 * The page around every screen: the app's name and store, the navigation (a list of links, the
 * current one marked with aria-current), and the screen. Laid out for the control panel's iframe
 * (1024 px wide), usable down to 768 px.
 */
export function Shell(props: { readonly session: Session; readonly children: ReactNode }) {
  const [location] = useLocation();
  const current = (path: string) => (path === '/' ? location === '/' : location.startsWith(path));
  return (
    <>
      <Header as="header">
        <Flex justifyContent="space-between" alignItems="center" flexWrap="wrap" flexGap="0.5rem">
          <Text bold marginBottom="none">
            Backorder
          </Text>
          <Text color="secondary60" marginBottom="none" data-store-hash={props.session.store.hash}>
            Store {props.session.store.hash} · {props.session.user.email}
          </Text>
        </Flex>
        <nav aria-label="Backorder">
          <NavList>
            {SCREENS.filter((s) => s.nav !== false).map((screen) => (
              <li key={screen.path}>
                <NavLink href={screen.path} aria-current={current(screen.path) ? 'page' : undefined}>
                  {screen.label}
                </NavLink>
              </li>
            ))}
          </NavList>
        </nav>
      </Header>
      <Main id="main">
        <Suspense fallback={<LoadingState label="Loading…" />}>{props.children}</Suspense>
      </Main>
    </>
  );
}

const Header = styled(Box)`
  background: ${({ theme }) => theme.colors.white};
  border-bottom: 1px solid ${({ theme }) => theme.colors.secondary30};
  padding: ${({ theme }) => `${theme.spacing.medium} ${theme.spacing.xLarge} 0`};
`;

const NavList = styled.ul`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.spacing.xSmall};
  list-style: none;
  margin: ${({ theme }) => theme.spacing.small} 0 0;
  padding: 0;
`;

const NavLink = styled(Link)`
  display: inline-block;
  padding: ${({ theme }) => `${theme.spacing.small} ${theme.spacing.medium}`};
  border-bottom: 3px solid transparent;
  color: ${({ theme }) => theme.colors.secondary70};
  font-weight: ${({ theme }) => theme.typography.fontWeight.semiBold};
  text-decoration: none;

  &:hover {
    color: ${({ theme }) => theme.colors.primary};
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary40};
    outline-offset: -2px;
  }
  &[aria-current='page'] {
    color: ${({ theme }) => theme.colors.primary};
    border-bottom-color: ${({ theme }) => theme.colors.primary};
  }
`;

const Main = styled.main`
  box-sizing: border-box;
  max-width: 1200px;
  margin: 0 auto;
  padding: ${({ theme }) => theme.spacing.xLarge};
`;
