import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { addressAfterHandover, takeHandover } from './session/handover.js';
import { createSession } from './session/session.js';

/**
 * The admin app's entry: takes the session the server handed over (then drops the callback's query
 * from the address bar) and renders the app, or the "open it again" page when there is none.
 */
const handover = takeHandover(document);
if (handover !== null) window.history.replaceState(null, '', addressAfterHandover(window.location));
const session =
  handover === null
    ? null
    : createSession(handover, {
        fetch: (input, init) => window.fetch(input, init),
        now: () => Date.now(),
        setTimeout: (run, ms) => window.setTimeout(run, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
      });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
