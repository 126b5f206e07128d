import { createContext, useContext } from 'react';
import type { Session } from '../session/session.js';

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session: the store, the user, and whether the app was just installed. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside <SessionContext>');
  return session;
}
