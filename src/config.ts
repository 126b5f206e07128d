import path from 'node:path';
import { z } from 'zod';

/**
 * The app's configuration: read once from the environment, validated, and passed down.
 * Nothing else in src/ reads process.env (a test checks this). Every variable is listed,
 * with its default and meaning, in README.md and .env.example.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  APP_URL: z.url().optional(),
  BC_CLIENT_ID: z.string().min(1).optional(),
  BC_CLIENT_SECRET: z.string().min(1).optional(),
  BC_API_URL: z.url().default('https://api.bigcommerce.com'),
  BC_LOGIN_URL: z.url().default('https://login.bigcommerce.com'),
  BC_CONTROL_PANEL_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) address; {store_hash} stands for the store')
    .default('https://store-{store_hash}.mybigcommerce.com'),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 32 bytes written as 64 hex digits')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Backorder <backorder@localhost>'),
  NOTIFICATION_WINDOW_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  DEMO_STORE_HASH: z
    .string()
    .regex(/^[a-z0-9]{1,32}$/, 'must be lowercase letters and digits')
    .default('demo1234'),
  DEMO_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  SANDBOX_API_TOKEN: z.string().min(8).optional(),
});

export type Database =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** The app as registered with BigCommerce (Developer Portal). */
export interface BigCommerceApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiUrl: string;
  readonly loginUrl: string;
  /**
   * A store's control panel, `{store_hash}` standing for the store's hash; the app links to orders
   * there (`…/manage/orders/{id}`).
   */
  readonly controlPanelUrl: string;
}

interface Mail {
  readonly from: string;
  /** Notifications of one store within this window are sent as one email. */
  readonly notificationWindowMs: number;
}

/** What both modes read: where the app listens, logs and keeps its data. */
interface Shared {
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  readonly dataDir: string;
  readonly database: Database;
}

/** With BigCommerce credentials: the app serves real stores, and everything that needs is set. */
export interface StoresConfig extends Shared {
  readonly mode: 'stores';
  /** Public base URL of the app (callbacks, webhooks, storefront script), no trailing slash. */
  readonly appUrl: string;
  readonly bigcommerce: BigCommerceApp;
  readonly secrets: {
    /** AES-256-GCM key for access tokens at rest. */
    readonly tokenEncryptionKey: Buffer;
    /** Signs the app's short-lived admin session tokens. */
    readonly sessionSecret: string;
  };
  readonly mail: Mail & { readonly smtpUrl: string };
}

/** Without credentials: demo mode starts the sandbox and serves its demo store. */
export interface DemoConfig extends Shared {
  readonly mode: 'demo';
  readonly mail: Mail;
  readonly demo: {
    readonly storeHash: string;
    readonly sandboxPort: number;
    /** Use this API key instead of a generated one. */
    readonly apiKey: string | null;
    /** The sandbox's store-level API token for the demo store (scripts acting as an ERP). */
    readonly sandboxApiToken: string | null;
    /**
     * Settings real stores require, optional here: when unset, demo mode uses http://HOST:PORT, the
     * secrets it generates under DATA_DIR and the sandbox's SMTP catcher.
     */
    readonly overrides: {
      readonly appUrl: string | null;
      readonly tokenEncryptionKey: Buffer | null;
      readonly sessionSecret: string | null;
      readonly smtpUrl: string | null;
    };
    /**
     * The sandbox's own settings (`SANDBOX_*`: rate limit, faults, webhook timing, log level, …) as set,
     * validated by the sandbox's configuration (src/sandbox/sandbox.config.ts) when demo mode starts it.
     */
    readonly sandboxEnvironment: Readonly<Record<string, string>>;
  };
}

export type Config = StoresConfig | DemoConfig;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const shared: Shared = {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    dataDir,
    database: databaseFrom(e.DATABASE_URL, dataDir),
  };
  const mail: Mail = { from: e.MAIL_FROM, notificationWindowMs: e.NOTIFICATION_WINDOW_MS };
  const appUrl = e.APP_URL?.replace(/\/+$/, '');
  const tokenEncryptionKey = e.TOKEN_ENCRYPTION_KEY ? Buffer.from(e.TOKEN_ENCRYPTION_KEY, 'hex') : undefined;

  if (e.BC_CLIENT_ID === undefined && e.BC_CLIENT_SECRET === undefined) {
    // In demo mode the sandbox and the app call each other with fetch, which refuses some ports outright.
    refuseFetchBlockedPort('PORT', e.PORT, 'the sandbox delivers webhooks and callbacks to the app there');
    refuseFetchBlockedPort('SANDBOX_PORT', e.SANDBOX_PORT, 'the app calls the sandbox’s APIs there');
    return {
      ...shared,
      mode: 'demo',
      mail,
      demo: {
        storeHash: e.DEMO_STORE_HASH,
        sandboxPort: e.SANDBOX_PORT,
        apiKey: e.DEMO_API_KEY ?? null,
        sandboxApiToken: e.SANDBOX_API_TOKEN ?? null,
        overrides: {
          appUrl: appUrl ?? null,
          tokenEncryptionKey: tokenEncryptionKey ?? null,
          sessionSecret: e.SESSION_SECRET ?? null,
          smtpUrl: e.SMTP_URL ?? null,
        },
        sandboxEnvironment: Object.fromEntries(
          Object.entries(env).filter(
            (entry): entry is [string, string] => entry[0].startsWith('SANDBOX_') && entry[1] !== undefined,
          ),
        ),
      },
    };
  }
  if (e.BC_CLIENT_ID === undefined || e.BC_CLIENT_SECRET === undefined) {
    throw new ConfigError('Invalid configuration: BC_CLIENT_ID and BC_CLIENT_SECRET go together');
  }
  if (
    appUrl === undefined ||
    tokenEncryptionKey === undefined ||
    e.SESSION_SECRET === undefined ||
    e.SMTP_URL === undefined
  ) {
    throw new ConfigError(
      'Invalid configuration: serving real stores needs APP_URL, TOKEN_ENCRYPTION_KEY, SESSION_SECRET and SMTP_URL',
    );
  }
  for (const [name, url] of [
    ['BC_API_URL', e.BC_API_URL],
    ['BC_LOGIN_URL', e.BC_LOGIN_URL],
  ] as const) {
    refuseFetchBlockedPort(name, Number(new URL(url).port || 443), 'the app calls BigCommerce there');
  }
  return {
    ...shared,
    mode: 'stores',
    appUrl,
    bigcommerce: {
      clientId: e.BC_CLIENT_ID,
      clientSecret: e.BC_CLIENT_SECRET,
      apiUrl: e.BC_API_URL,
      loginUrl: e.BC_LOGIN_URL,
      controlPanelUrl: e.BC_CONTROL_PANEL_URL.replace(/\/+$/, ''),
    },
    secrets: { tokenEncryptionKey, sessionSecret: e.SESSION_SECRET },
    mail: { ...mail, smtpUrl: e.SMTP_URL },
  };
}

/**
 * Ports the Fetch standard calls "bad ports" (https://fetch.spec.whatwg.org/#port-blocking): Node's
 * fetch refuses to connect to them, and the failure reads only "fetch failed". Said here, up front.
 */
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

function refuseFetchBlockedPort(name: string, port: number, why: string): void {
  // 0 asks the system for a free port: not a port anything connects to by that number.
  if (port === 0 || !FETCH_BLOCKED_PORTS.has(port)) return;
  throw new ConfigError(
    `Invalid configuration: ${name}=${port} is a port fetch refuses to connect to (a "bad port" of the Fetch standard), and ${why}. Choose another port, e.g. 3000 or 3100.`,
  );
}

function databaseFrom(url: string | undefined, dataDir: string): Database {
  if (url === undefined) return { kind: 'sqlite', file: path.join(dataDir, 'backorder.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { kind: 'postgres', url };
}
