import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

// dependency-cruiser sees imports, not calls: this holds the rules of src/app/jobs that it cannot.
const APP = path.resolve(import.meta.dirname, '../../../src/app');

function appFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return appFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(APP, full).split(path.sep).join('/')] : [];
  });
}

test('use cases queue jobs only through enqueue, define handlers only with defineJob, and build no keys inline', () => {
  const files = appFiles(APP).filter((f) => !f.startsWith('jobs/') && !f.startsWith('ports/'));
  expect(files).toContain('webhooks/receive-webhook.ts');
  const offenders = files.flatMap((file) => {
    const text = readFileSync(path.join(APP, file), 'utf8');
    return [
      /\bjobs\??\.send\(/.test(text) ? `${file}: sends a job without enqueue` : [],
      /\bsingletonKey\b/.test(text) ? `${file}: builds a singleton key` : [],
      /\bJobHandler\b/.test(text) ? `${file}: writes a handler without defineJob` : [],
      /\b(idempotencyKey|dedupeKey): `/.test(text)
        ? `${file}: builds a key inline (src/app/jobs/keys.ts)`
        : [],
    ].flat();
  });
  expect(offenders).toEqual([]);
});
