import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  test('with nothing set: port 3000 on 127.0.0.1, SQLite file under ./data', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      dataDir: path.resolve('data'),
      database: { kind: 'sqlite', file: path.resolve('data', 'backorder.sqlite') },
    });
  });

  test('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'warn',
      DATA_DIR: '/var/lib/backorder',
      DATABASE_URL: 'postgres://app:secret@db:5432/backorder',
    });
    expect(config).toEqual({
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
  ])('refuses %o, naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
