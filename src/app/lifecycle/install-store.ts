import { IANAZone } from 'luxon';
import { type Refusal, refuse } from '../../core/item.js';
import type { Clock } from '../ports/clock.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRecord, StoreRepository } from '../ports/store-repository.js';
import type { StorefrontScript, StoreSetup, StoreWebhook } from '../ports/store-setup.js';
import type { TemplateInput, TemplateRepository } from '../ports/template-repository.js';
import { TEMPLATE_REFUSALS } from '../ports/template-repository.js';
import { detectNativeBackorders } from '../settings/detect-native-backorders.js';
import {
  hashWebhookSecret,
  newWebhookSecret,
  WEBHOOK_SECRET_HEADER,
  webhookSecretMatches,
} from '../webhooks/webhook-secret.js';

/**
 * Sets up an installed store on both sides: reads its time zone, gives it a default template, registers
 * the app's webhooks (with the store's secret header) and the storefront script, then checks whether
 * the store has BigCommerce's native backorders on (which modes it may choose).
 *
 * Idempotent, so it runs on every install, on a re-install and again from /load when a previous run did
 * not finish: every step looks at what exists and only adds, corrects or removes the difference. The
 * store's webhook secret hash is written last, so a null hash means "setup not finished" (see
 * `setupIsComplete`).
 */

/** The events the rules need (docs/bigcommerce.md#webhooks). */
export const WEBHOOK_SCOPES = [
  'store/order/created',
  'store/order/statusUpdated',
  'store/product/updated',
  'store/product/deleted',
  'store/product/inventory/updated',
  'store/sku/inventory/updated',
  'store/app/uninstalled',
] as const;

export const WEBHOOK_PATH = '/webhooks/bigcommerce';
export const STOREFRONT_SCRIPT_NAME = 'Backorder storefront';
const STOREFRONT_SCRIPT_PATH = '/storefront/backorder.js';

/** Texts a new store starts with; the merchant edits them on the Templates screen. */
export const DEFAULT_TEMPLATE: TemplateInput = {
  name: 'Default',
  buttonText: 'Pre-order now',
  backorderMessage:
    'On backorder: this item ships when it is back in stock[, expected {back_in_stock_date}].[ Only {remaining_units} left to backorder.]',
  cartMessage: 'Backordered: ships when back in stock.',
  unavailableMessage: '',
  threshold: null,
  incomingStock: 0,
  backInStockDate: null,
  packingSlipMessage:
    'Some items of this order are on backorder and will be shipped separately as soon as they are back in stock.',
};

export interface InstallStoreDeps {
  readonly stores: Pick<StoreRepository, 'getStore' | 'updateProfile' | 'recordInventoryFeatures'>;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
  readonly templates: Pick<
    TemplateRepository,
    'getDefaultTemplate' | 'createTemplate' | 'listTemplates' | 'setDefaultTemplate'
  >;
  readonly storeSetup: StoreSetup;
  readonly clock: Clock;
  /** Public base URL of the app, no trailing slash (webhook destination, script src). */
  readonly appUrl: string;
  /** Injectable for tests; 32 random bytes, base64url, by default. */
  readonly newSecret?: () => string;
}

export interface InstallReport {
  readonly timezone: string;
  readonly templateCreated: boolean;
  readonly secretRotated: boolean;
  readonly hooks: { readonly created: number; readonly updated: number; readonly deleted: number };
  readonly script: 'created' | 'updated' | 'unchanged';
}

export type InstallStoreResult =
  | { readonly ok: true; readonly report: InstallReport }
  | Refusal<'INSTALL.STORE_NOT_INSTALLED'>;

/** True once installStore ran to its end for the store's current install. */
export function setupIsComplete(store: StoreRecord): boolean {
  return store.status === 'installed' && store.webhookSecretHash !== null;
}

/**
 * The setup could not finish: BigCommerce did not answer as expected on the way. What was done stays
 * done and the store's data is safe; the next install or /load finishes it. `error` is for the log.
 */
export type SetupFailed = Refusal<'INSTALL.SETUP_FAILED'> & {
  readonly storeId: StoreId;
  readonly error: unknown;
};

export type SetUpStoreResult =
  | { readonly ok: true; readonly store: StoreRecord; readonly report: InstallReport }
  | Refusal<'INSTALL.STORE_NOT_INSTALLED'>
  | SetupFailed;

/**
 * installStore as the install and load callbacks run it: a failure on the way is INSTALL.SETUP_FAILED
 * instead of an error, and the store comes back as it is after the setup (its time zone read).
 */
export async function setUpStore(deps: InstallStoreDeps, store: StoreRecord): Promise<SetUpStoreResult> {
  let result: InstallStoreResult;
  try {
    result = await installStore(deps, { storeId: store.id });
  } catch (error) {
    return {
      ...refuse(
        'INSTALL.SETUP_FAILED',
        `The setup of store ${store.id} did not finish; it resumes on the next load.`,
      ),
      storeId: store.id,
      error,
    };
  }
  if (!result.ok) return result;
  const current = (await deps.stores.getStore(store.id)) ?? store;
  return { ok: true, store: current, report: result.report };
}

export async function installStore(
  deps: InstallStoreDeps,
  input: { readonly storeId: StoreId },
): Promise<InstallStoreResult> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null || store.status !== 'installed') {
    return refuse('INSTALL.STORE_NOT_INSTALLED', `Store ${input.storeId} is not installed.`);
  }
  // StoreRepository.install creates the settings row with the store row, in one transaction.
  if ((await deps.settings.getSettings(store.id)) === null) {
    throw new Error(
      `Store ${store.id} has no settings row; it must be recorded through StoreRepository.install`,
    );
  }
  const profile = await deps.storeSetup.getProfile(store.id);
  // A zone Luxon does not know would break every local-date computation: keep the previous one then.
  const timezone =
    profile.timeZone !== null && IANAZone.isValidZone(profile.timeZone) ? profile.timeZone : store.timezone;
  // The name shows in the merchant's emails; BigCommerce's is the one the merchant knows.
  const name = profile.name === null ? store.name : profile.name.slice(0, 255);
  if (timezone !== store.timezone || name !== store.name) {
    await deps.stores.updateProfile(store.id, { timezone, name }, deps.clock.now());
  }

  const templateCreated = await ensureDefaultTemplate(deps, store.id);
  const hooks = await ensureHooks(deps, store);
  const script = await ensureStorefrontScript(deps, store);

  if (hooks.secretRotated || store.webhookSecretHash === null) {
    await deps.stores.updateProfile(
      store.id,
      { webhookSecretHash: hashWebhookSecret(hooks.secret) },
      deps.clock.now(),
    );
  }
  await checkInventoryFeatures(deps, store.id);
  return {
    ok: true,
    report: {
      timezone,
      templateCreated,
      secretRotated: hooks.secretRotated,
      hooks: { created: hooks.created, updated: hooks.updated, deleted: hooks.deleted },
      script,
    },
  };
}

/**
 * Detects the store's native backorders and locations. A failure does not fail the install: the store
 * stays "not checked", and the next opening of the app queues the check (open-app.ts).
 */
async function checkInventoryFeatures(deps: InstallStoreDeps, storeId: StoreId): Promise<void> {
  try {
    await detectNativeBackorders(deps, { storeId });
  } catch {
    // Not checked yet is a state the app and the Settings screen know; see above.
  }
}

async function ensureDefaultTemplate(deps: InstallStoreDeps, storeId: StoreId): Promise<boolean> {
  if ((await deps.templates.getDefaultTemplate(storeId)) !== null) return false;
  const now = deps.clock.now();
  const created = await deps.templates.createTemplate(storeId, DEFAULT_TEMPLATE, now);
  if (created.ok) {
    if (!created.template.isDefault)
      await deps.templates.setDefaultTemplate(storeId, created.template.id, now);
    return true;
  }
  if (created.code !== TEMPLATE_REFUSALS.nameTaken) {
    throw new Error(`Could not create the default template: ${created.code} ${created.message}`);
  }
  // A concurrent install (or a merchant's template) already holds the name: make sure a default exists.
  if ((await deps.templates.getDefaultTemplate(storeId)) !== null) return false;
  const named = (await deps.templates.listTemplates(storeId)).find((t) => t.name === DEFAULT_TEMPLATE.name);
  if (named) await deps.templates.setDefaultTemplate(storeId, named.id, now);
  return false;
}

interface HookOutcome {
  readonly secret: string;
  readonly secretRotated: boolean;
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
}

/**
 * Makes the app's hooks exactly one active hook per scope, at our destination, carrying the store's
 * secret. The secret is kept when a hook still carries the one whose hash is stored; otherwise (first
 * install, re-install after uninstall, lost hooks) a new one is drawn and every hook gets it.
 * BigCommerce lists only the calling app's hooks, so anything else listed is ours to remove.
 */
async function ensureHooks(deps: InstallStoreDeps, store: StoreRecord): Promise<HookOutcome> {
  const { storeSetup } = deps;
  const destination = `${deps.appUrl}${WEBHOOK_PATH}`;
  const existing = await storeSetup.listWebhooks(store.id);

  let secret: string | null = null;
  if (store.webhookSecretHash !== null) {
    for (const hook of existing) {
      const carried = secretOf(hook);
      if (
        hook.destination === destination &&
        carried &&
        webhookSecretMatches(carried, store.webhookSecretHash)
      ) {
        secret = carried;
        break;
      }
    }
  }
  const secretRotated = secret === null;
  const theSecret = secret ?? (deps.newSecret ?? newWebhookSecret)();
  const headers = { [WEBHOOK_SECRET_HEADER]: theSecret };

  const wanted = new Set<string>(WEBHOOK_SCOPES);
  const keep: StoreWebhook[] = [];
  const remove: StoreWebhook[] = [];
  const claimed = new Set<string>();
  for (const hook of existing) {
    if (wanted.has(hook.scope) && hook.destination === destination && !claimed.has(hook.scope)) {
      claimed.add(hook.scope);
      keep.push(hook);
    } else {
      remove.push(hook);
    }
  }

  // Removals first: BigCommerce allows only a few hooks per scope.
  for (const hook of remove) await storeSetup.deleteWebhook(store.id, hook.id);
  let updated = 0;
  for (const hook of keep) {
    if (hook.active && sameHeaders(hook.headers, headers)) continue;
    await storeSetup.updateWebhook(store.id, hook.id, { active: true, headers });
    updated += 1;
  }
  let created = 0;
  for (const scope of WEBHOOK_SCOPES) {
    if (claimed.has(scope)) continue;
    await storeSetup.createWebhook(store.id, { scope, destination, active: true, headers });
    created += 1;
  }
  return { secret: theSecret, secretRotated, created, updated, deleted: remove.length };
}

function secretOf(hook: StoreWebhook): string | undefined {
  const wantedName = WEBHOOK_SECRET_HEADER.toLowerCase();
  for (const [name, value] of Object.entries(hook.headers ?? {})) {
    if (name.toLowerCase() === wantedName) return value;
  }
  return undefined;
}

function sameHeaders(
  actual: Readonly<Record<string, string>> | null,
  expected: Readonly<Record<string, string>>,
): boolean {
  const norm = (h: Readonly<Record<string, string>>) =>
    JSON.stringify(
      Object.entries(h)
        .map(([k, v]) => [k.toLowerCase(), v])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return norm(actual ?? {}) === norm(expected);
}

/** The script as it must be: one of it, updated in place when anything differs. */
export function storefrontScriptFor(appUrl: string, storeHash: string): StorefrontScript {
  return {
    name: STOREFRONT_SCRIPT_NAME,
    description: 'Backorder buttons and messages on product and cart pages.',
    src: `${appUrl}${STOREFRONT_SCRIPT_PATH}?store=${encodeURIComponent(storeHash)}`,
    loading: 'defer',
    location: 'footer',
    pages: 'storefront',
    removedOnUninstall: true,
    consentCategory: 'essential',
    enabled: true,
  };
}

async function ensureStorefrontScript(
  deps: InstallStoreDeps,
  store: StoreRecord,
): Promise<'created' | 'updated' | 'unchanged'> {
  const { storeSetup } = deps;
  const desired = storefrontScriptFor(deps.appUrl, store.storeHash);
  // Scripts are visible only to the app that created them: every match by name or path is ours.
  const ours = (await storeSetup.listScripts(store.id)).filter(
    (s) => s.name === STOREFRONT_SCRIPT_NAME || (s.src ?? '').includes(STOREFRONT_SCRIPT_PATH),
  );
  const [first, ...extra] = ours;
  for (const duplicate of extra) await storeSetup.deleteScript(store.id, duplicate.id);
  if (first === undefined) {
    await storeSetup.createScript(store.id, desired);
    return 'created';
  }
  const differs =
    first.inline ||
    (Object.keys(desired) as (keyof StorefrontScript)[]).some((key) => first[key] !== desired[key]);
  if (!differs) return 'unchanged';
  await storeSetup.updateScript(store.id, first.id, desired);
  return 'updated';
}
