import { GlobalStyles } from '@bigcommerce/big-design';
import { theme } from '@bigcommerce/big-design-theme';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { ThemeProvider } from 'styled-components';
import { Route, Router, Switch } from 'wouter';
import { createApiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { ApiContext } from '../api/use-api.js';
import { FeedbackProvider } from '../components/feedback.js';
import { PageNotFound } from '../components/PageNotFound.js';
import { APP_BASE } from '../session/handover.js';
import type { Session } from '../session/session.js';
import { SessionEnded } from './SessionEnded.js';
import { Shell } from './Shell.js';
import { SCREENS } from './screens.js';
import { SessionContext } from './session-context.js';

/** Refusals are answers, not accidents: only a failure to reach the server or a 5xx is retried. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return failures < 2;
}

export function App(props: { readonly session: Session | null }) {
  return (
    <ThemeProvider theme={theme}>
      <GlobalStyles />
      {props.session === null ? <SessionEnded /> : <SignedIn session={props.session} />}
    </ThemeProvider>
  );
}

function SignedIn({ session }: { readonly session: Session }) {
  const state = useSyncExternalStore(session.subscribe, session.state);
  const api = useMemo(() => createApiClient(session), [session]);
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry, refetchOnWindowFocus: false, staleTime: 15_000 },
          mutations: { retry: false },
        },
      }),
    [],
  );
  if (state === 'ended') return <SessionEnded />;
  return (
    <SessionContext.Provider value={session}>
      <ApiContext.Provider value={api}>
        <QueryClientProvider client={queryClient}>
          <FeedbackProvider>
            <Router base={APP_BASE}>
              <Shell session={session}>
                <Switch>
                  {SCREENS.map((screen) => (
                    <Route key={screen.path} path={screen.path} component={screen.component} />
                  ))}
                  <Route>
                    <PageNotFound />
                  </Route>
                </Switch>
              </Shell>
            </Router>
          </FeedbackProvider>
        </QueryClientProvider>
      </ApiContext.Provider>
    </SessionContext.Provider>
  );
}
