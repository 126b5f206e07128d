import { type Refusal, refuse } from '../../core/item.js';
import type { Clock } from '../ports/clock.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { StoreSetup } from '../ports/store-setup.js';
import type { StoreUserRepository } from '../ports/store-user-repository.js';

/**
 * A store uninstalled the app (the /uninstall callback or the store/app/uninstalled webhook; both may
 * come, in any order, so this is idempotent).
 *
 * Policy — what is kept and what goes:
 * - BigCommerce side: the app's hooks and storefront script are deleted while the token still works.
 *   BigCommerce removes them itself on uninstall (and revokes the token first), so a refused or failed
 *   clean-up is reported, never fatal.
 * - Credentials go: the access token and the webhook secret hash are wiped, the users' access rows
 *   removed; nothing can act for the store any more (sessions, webhooks and jobs are refused).
 * - Business data stays: the store row (status `uninstalled`), settings, templates, items, ledger,
 *   transitions, orders, notifications. History remains auditable and a re-install resumes where the
 *   store left off. Purging a tenant is an operator's decision: deleting its `stores` row cascades.
 */
export interface UninstallStoreDeps {
  readonly stores: Pick<StoreRepository, 'getStore' | 'markUninstalled' | 'updateProfile'>;
  readonly storeUsers: Pick<StoreUserRepository, 'removeAllUsers'>;
  readonly storeSetup: Pick<StoreSetup, 'listWebhooks' | 'deleteWebhook' | 'listScripts' | 'deleteScript'>;
  readonly clock: Clock;
}

export interface UninstallReport {
  readonly alreadyUninstalled: boolean;
  /** What happened on BigCommerce's side. */
  readonly remote:
    | { readonly ok: true; readonly hooksDeleted: number; readonly scriptsDeleted: number }
    | { readonly ok: false; readonly reason: string };
}

export type UninstallStoreResult =
  | { readonly ok: true; readonly report: UninstallReport }
  | Refusal<'STORE.NOT_FOUND'>;

export async function uninstallStore(
  deps: UninstallStoreDeps,
  input: { readonly storeId: StoreId },
): Promise<UninstallStoreResult> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) return refuse('STORE.NOT_FOUND', `Store ${input.storeId} does not exist.`);
  const alreadyUninstalled = store.status === 'uninstalled';
  const remote: UninstallReport['remote'] = alreadyUninstalled
    ? { ok: true, hooksDeleted: 0, scriptsDeleted: 0 }
    : await cleanUpRemote(deps, store.id);
  const now = deps.clock.now();
  if (!alreadyUninstalled) await deps.stores.markUninstalled(store.id, now);
  // Also on a repeat: a run stopped between these writes is finished by the next one.
  if (store.webhookSecretHash !== null || !alreadyUninstalled) {
    await deps.stores.updateProfile(store.id, { webhookSecretHash: null }, now);
  }
  await deps.storeUsers.removeAllUsers(store.id);
  return { ok: true, report: { alreadyUninstalled, remote } };
}

async function cleanUpRemote(deps: UninstallStoreDeps, storeId: StoreId): Promise<UninstallReport['remote']> {
  try {
    const { storeSetup } = deps;
    // BigCommerce lists only the calling app's hooks and scripts: all of them are ours to remove.
    const hooks = await storeSetup.listWebhooks(storeId);
    for (const hook of hooks) await storeSetup.deleteWebhook(storeId, hook.id);
    const scripts = await storeSetup.listScripts(storeId);
    for (const script of scripts) await storeSetup.deleteScript(storeId, script.id);
    return { ok: true, hooksDeleted: hooks.length, scriptsDeleted: scripts.length };
  } catch (error) {
    // Typically BIGCOMMERCE.UNAUTHORIZED: BigCommerce revoked the token before calling us.
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: typeof code === 'string' ? code : String((error as Error).message ?? error) };
  }
}
