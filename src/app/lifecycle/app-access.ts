import type { ControlPanelUser } from '../ports/app-authorization.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRecord } from '../ports/store-repository.js';
import type { InstallReport } from './install-store.js';

/**
 * What an install (/auth) or an opening of the app (/load) ends in: a user of an installed, set-up store
 * who may use the app now. The caller starts their admin session. Only what the caller needs of the
 * store is handed out: never its token, not even sealed.
 */
export interface AppAccess {
  readonly store: { readonly id: StoreId; readonly storeHash: string; readonly timezone: string };
  readonly user: ControlPanelUser;
  /** What the setup did when it ran now; null when the store was set up already. */
  readonly setup: InstallReport | null;
}

export function appAccess(
  store: StoreRecord,
  user: ControlPanelUser,
  setup: InstallReport | null,
): { readonly ok: true } & AppAccess {
  return {
    ok: true,
    store: { id: store.id, storeHash: store.storeHash, timezone: store.timezone },
    user: { id: user.id, email: user.email },
    setup,
  };
}
