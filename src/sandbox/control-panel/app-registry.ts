import { z } from 'zod';

/**
 * Apps the sandbox knows, as if registered in BigCommerce's Developer Portal: client id and secret, the
 * callback URLs and the scopes the app asks for. They come from configuration (SANDBOX_APPS, parsed by
 * `parseAppRegistrations`) or are registered programmatically (tests, demo mode).
 */
export interface SandboxApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  readonly authCallbackUrl: string;
  readonly loadCallbackUrl: string;
  readonly uninstallCallbackUrl: string;
  readonly removeUserCallbackUrl: string | null;
  /** OAuth scopes the app requests, e.g. `store_v2_products`, `store_v2_orders`. */
  readonly scopes: readonly string[];
}

const httpUrl = z.url({ protocol: /^https?$/ });

/** The JSON shape of SANDBOX_APPS: an array of apps, in Developer Portal terms (snake_case). */
const appJsonSchema = z
  .object({
    client_id: z.string().min(1).max(255),
    client_secret: z.string().min(1).max(255),
    name: z.string().min(1).max(255).optional(),
    auth_callback: httpUrl,
    load_callback: httpUrl,
    uninstall_callback: httpUrl,
    remove_user_callback: httpUrl.optional(),
    /** Space-separated, as in the OAuth `scope` parameter, or an array. */
    scope: z.union([z.string(), z.array(z.string())]),
  })
  .strict();

export type SandboxAppJson = z.input<typeof appJsonSchema>;

export class AppRegistrationError extends Error {
  override readonly name = 'AppRegistrationError';
}

export function appFromJson(input: SandboxAppJson): SandboxApp {
  const parsed = appJsonSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppRegistrationError(
      `Invalid app registration: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'app'}: ${i.message}`).join('; ')}`,
    );
  }
  const a = parsed.data;
  const scopes = (typeof a.scope === 'string' ? a.scope.split(/\s+/) : a.scope).filter((s) => s !== '');
  if (scopes.length === 0) throw new AppRegistrationError(`App ${a.client_id} requests no scope`);
  return {
    clientId: a.client_id,
    clientSecret: a.client_secret,
    name: a.name ?? a.client_id,
    authCallbackUrl: a.auth_callback,
    loadCallbackUrl: a.load_callback,
    uninstallCallbackUrl: a.uninstall_callback,
    removeUserCallbackUrl: a.remove_user_callback ?? null,
    scopes,
  };
}

/** Parses SANDBOX_APPS (a JSON array of apps); throws AppRegistrationError with every problem found. */
export function parseAppRegistrations(json: string): SandboxApp[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new AppRegistrationError(`SANDBOX_APPS is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new AppRegistrationError('SANDBOX_APPS must be a JSON array of apps');
  const apps = raw.map((entry, i) => {
    try {
      return appFromJson(entry as SandboxAppJson);
    } catch (error) {
      throw new AppRegistrationError(`SANDBOX_APPS[${i}]: ${(error as Error).message}`);
    }
  });
  const ids = new Set<string>();
  for (const app of apps) {
    if (ids.has(app.clientId))
      throw new AppRegistrationError(`SANDBOX_APPS: client_id ${app.clientId} appears twice`);
    ids.add(app.clientId);
  }
  return apps;
}

export class AppRegistry {
  private readonly apps = new Map<string, SandboxApp>();

  constructor(apps: readonly SandboxApp[] = []) {
    for (const app of apps) this.register(app);
  }

  /** Registers (or replaces, e.g. after a secret rotation) an app. */
  register(app: SandboxApp): SandboxApp {
    this.apps.set(app.clientId, app);
    return app;
  }

  get(clientId: string): SandboxApp | undefined {
    return this.apps.get(clientId);
  }

  list(): SandboxApp[] {
    return [...this.apps.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
