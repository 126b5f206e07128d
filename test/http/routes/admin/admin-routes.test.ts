import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAdminPage } from '../../../../src/http/routes/admin/admin-page.js';
import {
  type AdminBuild,
  AdminNotBuiltError,
  adminRoutes,
  IMMUTABLE_CACHE,
  loadAdminBuild,
  SESSION_HANDOVER_ID,
} from '../../../../src/http/routes/admin/index.js';

/** The built admin app as the server sends it (the test setup builds it when stale). */
describe('the admin app’s routes', () => {
  let app: FastifyInstance;
  let build: AdminBuild;
  beforeAll(async () => {
    build = loadAdminBuild();
    app = Fastify({ logger: false });
    await app.register(adminRoutes, { build, security: { frameAncestors: ['https://cp.example'] } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const entryFile = () => /\/admin\/assets\/(index-[\w-]+\.js)/.exec(build.indexHtml)![1]!;

  it('serves hashed assets for a year, immutable, gzipped when the browser takes it', async () => {
    const plain = await app.inject({ method: 'GET', url: `/admin/assets/${entryFile()}` });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();

    const zipped = await app.inject({
      method: 'GET',
      url: `/admin/assets/${entryFile()}`,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('serves only the files of the build: nothing else on disk, no caching of a miss', async () => {
    for (const url of [
      '/admin/assets/nope.js',
      '/admin/assets/..%2F..%2Fpackage.json',
      '/admin/assets/%2E%2E%2Findex.html',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('answers any other /admin path with the app, without a session, under a fresh nonce each time', async () => {
    const first = await app.inject({ method: 'GET', url: '/admin/settings' });
    const second = await app.inject({ method: 'GET', url: '/admin' });
    for (const res of [first, second]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain('frame-ancestors https://cp.example');
      expect(res.body).not.toContain(SESSION_HANDOVER_ID);
      expect(res.body).not.toContain('BACKORDER_CSP_NONCE');
    }
    const nonceOf = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))![1];
    expect(nonceOf(first.headers['content-security-policy'])).not.toBe(
      nonceOf(second.headers['content-security-policy']),
    );
  });

  it('hands the session over in a JSON block that cannot close its script tag', () => {
    const hostile = '</script><script>alert(1)</script>';
    const html = renderAdminPage(build, 'n0nce', {
      token: 'a.b.c',
      expires_at: '2026-07-01T11:00:00.000Z',
      store: { hash: 'abc', timezone: 'UTC' },
      user: { email: hostile },
      just_installed: false,
    });
    const $ = load(html);
    const block = $(`script#${SESSION_HANDOVER_ID}`);
    expect(block.attr('type')).toBe('application/json');
    expect(JSON.parse(block.text()).user.email).toBe(hostile);
    expect(html).not.toContain('<script>alert(1)');
  });
});

describe('loading the build', () => {
  it('refuses a missing build, or one without the nonce placeholder, saying how to build it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'backorder-admin-'));
    try {
      expect(() => loadAdminBuild(dir)).toThrow(AdminNotBuiltError);
      expect(() => loadAdminBuild(dir)).toThrow(/npm run admin:build/);
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script src="/x.js"></script>');
      expect(() => loadAdminBuild(dir)).toThrow(/nonce placeholder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
