import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../../src/adapters/db/migrate.js';
import { createRepositories, type Repositories } from '../../../../src/adapters/db/repositories.js';
import type { Database } from '../../../../src/config.js';

export type DatabaseName = 'sqlite' | 'postgres';

export interface TestDatabase {
  readonly name: DatabaseName;
  readonly handle: DatabaseHandle;
  readonly repos: Repositories;
}

/**
 * Runs one suite against SQLite (a fresh file in a temp dir, so WAL and the file lock are real) and
 * against PostgreSQL (this run's fresh database, see test/support/global-setup.ts). The PostgreSQL
 * half is skipped only when no server is reachable, which CI forbids (REQUIRE_POSTGRES=1).
 * Tests share the migrated database of their file, so each one works in stores of its own.
 */
export function describeEachDatabase(title: string, body: (db: () => TestDatabase) => void): void {
  const postgresUrl = inject('postgresUrl');
  const targets: [DatabaseName, boolean][] = [
    ['sqlite', true],
    ['postgres', postgresUrl !== null],
  ];
  describe.each(targets)(`${title} on %s`, (name, available) => {
    describe.skipIf(!available)('', () => {
      let current: TestDatabase | undefined;
      let dir: string | undefined;
      beforeAll(async () => {
        let config: Database;
        if (name === 'sqlite') {
          dir = mkdtempSync(path.join(tmpdir(), 'backorder-storage-'));
          config = { kind: 'sqlite', file: path.join(dir, 'test.sqlite') };
        } else {
          config = { kind: 'postgres', url: postgresUrl! };
        }
        // Pool > 1 so that concurrent PostgreSQL transactions really race.
        const handle = await openDatabase(config, { poolSize: 5 });
        await migrateToLatest(handle.db);
        current = { name, handle, repos: createRepositories(handle) };
      });
      afterAll(async () => {
        await current?.handle.destroy();
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      });
      body(() => {
        if (current === undefined) throw new Error('database not opened yet');
        return current;
      });
    });
  });
}
