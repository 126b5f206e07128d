import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  test('with nothing set: port 3000 on 127.0.0.1, SQLite file under ./data, demo mode', () => {
    expect(loadConfig({})).toEqual({
      mode: 'demo',
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      dataDir: path.resolve('data'),
      database: { kind: 'sqlite', file: path.resolve('data', 'backorder.sqlite') },
      mail: { from: 'Backorder <backorder@localhost>', notificationWindowMs: 60_000 },
      demo: {
        storeHash: 'demo1234',
        sandboxPort: 3100,
        apiKey: null,
        sandboxApiToken: null,
        overrides: { appUrl: null, tokenEncryptionKey: null, sessionSecret: null, smtpUrl: null },
        sandboxEnvironment: {},
      },
    });
  });

  test('demo mode carries its settings and the optional overrides of what real stores require', () => {
    expect(
      loadConfig({
        DEMO_STORE_HASH: 'abc123',
        SANDBOX_PORT: '4100',
        DEMO_API_KEY: 'k'.repeat(16),
        SANDBOX_API_TOKEN: 'erp-token',
        APP_URL: 'https://demo.example.com//',
        TOKEN_ENCRYPTION_KEY: 'cd'.repeat(32),
        SESSION_SECRET: 's'.repeat(32),
        SMTP_URL: 'smtp://localhost:2525',
        MAIL_FROM: 'Shop <shop@example.com>',
      }),
    ).toMatchObject({
      mode: 'demo',
      mail: { from: 'Shop <shop@example.com>', notificationWindowMs: 60_000 },
      demo: {
        storeHash: 'abc123',
        sandboxPort: 4100,
        apiKey: 'k'.repeat(16),
        sandboxApiToken: 'erp-token',
        overrides: {
          appUrl: 'https://demo.example.com',
          tokenEncryptionKey: Buffer.alloc(32, 0xcd),
          sessionSecret: 's'.repeat(32),
          smtpUrl: 'smtp://localhost:2525',
        },
        // The sandbox reads its own SANDBOX_* settings when demo mode starts it.
        sandboxEnvironment: { SANDBOX_PORT: '4100', SANDBOX_API_TOKEN: 'erp-token' },
      },
    });
  });

  const realStore = {
    BC_CLIENT_ID: 'client-id',
    BC_CLIENT_SECRET: 'client-secret',
    APP_URL: 'https://backorder.example.com/',
    TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32),
    SESSION_SECRET: 's'.repeat(32),
    SMTP_URL: 'smtp://mail.example.com:587',
  };

  test('with BigCommerce credentials it serves real stores, every setting they need present', () => {
    expect(
      loadConfig({
        ...realStore,
        SMTP_URL: 'smtps://u:p@mail.example.com',
        NOTIFICATION_WINDOW_MS: '5000',
        // Demo settings mean nothing to real stores.
        DEMO_STORE_HASH: 'abc123',
        DEMO_API_KEY: 'k'.repeat(16),
      }),
    ).toEqual({
      mode: 'stores',
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      dataDir: path.resolve('data'),
      database: { kind: 'sqlite', file: path.resolve('data', 'backorder.sqlite') },
      appUrl: 'https://backorder.example.com',
      bigcommerce: {
        clientId: 'client-id',
        clientSecret: 'client-secret',
        apiUrl: 'https://api.bigcommerce.com',
        loginUrl: 'https://login.bigcommerce.com',
        controlPanelUrl: 'https://store-{store_hash}.mybigcommerce.com',
      },
      secrets: { tokenEncryptionKey: Buffer.alloc(32, 0xab), sessionSecret: 's'.repeat(32) },
      mail: {
        smtpUrl: 'smtps://u:p@mail.example.com',
        from: 'Backorder <backorder@localhost>',
        notificationWindowMs: 5000,
      },
    });
  });

  test('BC_API_URL and BC_LOGIN_URL point real stores elsewhere', () => {
    expect(
      loadConfig({
        ...realStore,
        BC_API_URL: 'https://api.example.com',
        BC_LOGIN_URL: 'https://login.example.com',
      }),
    ).toMatchObject({
      mode: 'stores',
      bigcommerce: { apiUrl: 'https://api.example.com', loginUrl: 'https://login.example.com' },
    });
  });

  test('BC_CONTROL_PANEL_URL: where orders are linked to, {store_hash} standing for the store', () => {
    expect(
      loadConfig({ ...realStore, BC_CONTROL_PANEL_URL: 'https://cp.example.com/{store_hash}/' }),
    ).toMatchObject({
      bigcommerce: { controlPanelUrl: 'https://cp.example.com/{store_hash}' },
    });
    expect(() => loadConfig({ ...realStore, BC_CONTROL_PANEL_URL: 'store-{store_hash}' })).toThrow(
      ConfigError,
    );
  });

  test.each(['APP_URL', 'TOKEN_ENCRYPTION_KEY', 'SESSION_SECRET', 'SMTP_URL'])(
    'real stores need %s',
    (variable) => {
      expect(() => loadConfig({ ...realStore, [variable]: undefined })).toThrow(ConfigError);
      expect(() => loadConfig({ ...realStore, [variable]: undefined })).toThrow(
        'serving real stores needs APP_URL, TOKEN_ENCRYPTION_KEY, SESSION_SECRET and SMTP_URL',
      );
    },
  );

  test('client id and secret go together', () => {
    expect(() => loadConfig({ BC_CLIENT_ID: 'x' })).toThrow('BC_CLIENT_ID and BC_CLIENT_SECRET');
    expect(() => loadConfig({ ...realStore, BC_CLIENT_ID: undefined })).toThrow(
      'BC_CLIENT_ID and BC_CLIENT_SECRET',
    );
  });

  test('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'warn',
      DATA_DIR: '/var/lib/backorder',
      DATABASE_URL: 'postgres://app:secret@db:5432/backorder',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      logLevel: 'warn',
      dataDir: '/var/lib/backorder',
      database: { kind: 'postgres', url: 'postgres://app:secret@db:5432/backorder' },
    });
  });

  test.each([
    ['postgresql://localhost/x', { kind: 'postgres', url: 'postgresql://localhost/x' }],
    ['sqlite:/tmp/app.sqlite', { kind: 'sqlite', file: '/tmp/app.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', file: ':memory:' }],
  ])('DATABASE_URL %s', (url, database) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual(database);
  });

  test('an empty variable counts as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      database: { kind: 'sqlite' },
    });
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '3.5' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ TOKEN_ENCRYPTION_KEY: 'short' }, 'TOKEN_ENCRYPTION_KEY'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ DEMO_STORE_HASH: 'Not A Hash' }, 'DEMO_STORE_HASH'],
    [{ APP_URL: 'not a url' }, 'APP_URL'],
  ])('refuses %o, naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  test('a port fetch refuses is refused up front, naming the variable, the port and why (demo mode)', () => {
    expect(() => loadConfig({ PORT: '6000' })).toThrow(
      /PORT=6000 is a port fetch refuses to connect to .*the sandbox delivers webhooks/,
    );
    expect(() => loadConfig({ SANDBOX_PORT: '6667' })).toThrow(/SANDBOX_PORT=6667 .*app calls the sandbox/);
    expect(() => loadConfig({ PORT: '6000' })).toThrow(ConfigError);
    expect(loadConfig({ PORT: '0', SANDBOX_PORT: '0' })).toMatchObject({ port: 0 });
  });

  test('serving real stores, the app may listen on any port, but calls BigCommerce only on ports fetch allows', () => {
    const stores = {
      BC_CLIENT_ID: 'id',
      BC_CLIENT_SECRET: 'secret',
      APP_URL: 'https://backorder.example.com',
      TOKEN_ENCRYPTION_KEY: 'a'.repeat(64),
      SESSION_SECRET: 's'.repeat(32),
      SMTP_URL: 'smtp://mail.example.com',
    };
    expect(loadConfig({ ...stores, PORT: '6000' })).toMatchObject({ mode: 'stores', port: 6000 });
    expect(() => loadConfig({ ...stores, BC_API_URL: 'http://127.0.0.1:6000' })).toThrow(/BC_API_URL=6000/);
  });
});
