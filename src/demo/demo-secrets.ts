import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir } from '../adapters/fs/private-files.js';

/**
 * Demo mode has no credentials from the environment, yet the app must encrypt the demo store's token
 * and sign sessions, and the sandbox must know the app's client secret. They are generated once and
 * kept in DATA_DIR (mode 0600), so a restart can still decrypt what the previous run stored.
 */
const secretsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(32),
  tokenEncryptionKey: z.string().regex(/^[0-9a-f]{64}$/),
  sessionSecret: z.string().min(32),
});

export type DemoSecrets = z.infer<typeof secretsSchema>;

export const DEMO_SECRETS_FILE = 'demo-secrets.json';

export function loadOrCreateDemoSecrets(dataDir: string): DemoSecrets {
  const file = path.join(dataDir, DEMO_SECRETS_FILE);
  try {
    return secretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`${file} is unreadable; delete it (and the demo data with it) to start afresh`, {
        cause: error,
      });
    }
  }
  const secrets: DemoSecrets = {
    clientId: `backorder-demo-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(32).toString('base64url'),
    tokenEncryptionKey: randomBytes(32).toString('hex'),
    sessionSecret: randomBytes(32).toString('base64url'),
  };
  ensurePrivateDir(dataDir);
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}
