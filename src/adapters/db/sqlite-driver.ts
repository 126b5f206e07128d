import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 12 is the last version that runs on Node 20, and on Node 24 it aborts the process at
 * teardown (Node 24 changed node::ObjectWrap; 13 moved to Node-API and is fine). So both are installed:
 * 12 as `better-sqlite3`, 13 as the optional `better-sqlite3-node22`, which npm installs only where its
 * engines (Node ≥ 22) are met. Same API, same types.
 */
export function loadSqliteDriver(): typeof BetterSqlite3 {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) {
    try {
      return require('better-sqlite3-node22') as typeof BetterSqlite3;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return require('better-sqlite3') as typeof BetterSqlite3;
}
