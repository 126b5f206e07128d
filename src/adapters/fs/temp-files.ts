import { createHash, randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TempFile, TempFiles } from '../../app/ports/temp-files.js';
import { ensurePrivateDir } from './private-files.js';

/** The TempFiles port over a folder of the data directory (created 0700; files 0600). */
export function createTempFiles(dir: string): TempFiles {
  return {
    async save(bytes: AsyncIterable<Uint8Array>): Promise<TempFile> {
      ensurePrivateDir(dir);
      const file = path.join(dir, `upload-${randomUUID()}`);
      const remove = () => rm(file, { force: true });
      // `wx`: a new file, never one that exists; the mode applies from its creation.
      const handle = await open(file, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      try {
        for await (const chunk of bytes) {
          hash.update(chunk);
          size += chunk.byteLength;
          await handle.write(chunk);
        }
      } catch (error) {
        await handle.close();
        await remove();
        throw error;
      }
      await handle.close();
      return { path: file, size, sha256: hash.digest('hex'), remove };
    },
  };
}
