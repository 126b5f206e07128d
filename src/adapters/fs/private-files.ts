import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

/**
 * The data directory holds store tokens (sealed), the database and demo secrets: nobody but the app's
 * own user may read it. Folders are created 0700 and files 0600; ones made by an older version are
 * tightened where the app may.
 */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Creates the file empty (0600) when missing, so what writes it later (SQLite and its -wal/-shm) inherits it. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  tighten(file, 0o600);
}

function tighten(target: string, mode: number): void {
  try {
    chmodSync(target, mode);
  } catch {
    // Not ours to change (another owner, a read-only mount): the operator's setup, left as it is.
  }
}
