import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildServer } from '../../src/http/server.js';

/** The app's server takes SKUs of 255 characters in paths, and answers the router's own errors in shape. */
let app: FastifyInstance;
beforeAll(async () => {
  app = buildServer({ logLevel: 'silent', checkDatabase: async () => {} });
  app.get('/api/v1/things/:sku', async (request) => request.params);
  app.get('/elsewhere/:id', async (request) => request.params);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

test('a 255-character path parameter of the longest encoding reaches the route', async () => {
  const sku = '€'.repeat(255);
  const response = await app.inject({ method: 'GET', url: `/api/v1/things/${encodeURIComponent(sku)}` });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ sku });
});

test('a parameter beyond the router’s limit, or badly encoded, is 400 in the API’s error envelope under /api/v1', async () => {
  for (const url of [`/api/v1/things/${'S'.repeat(20_000)}`, '/api/v1/things/%E0%A4%A']) {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, url.slice(0, 40)).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'VALIDATION.INVALID_PATH', message: expect.any(String) },
    });
  }
  const elsewhere = await app.inject({ method: 'GET', url: `/elsewhere/${'S'.repeat(20_000)}` });
  expect(elsewhere.statusCode).toBe(400);
  expect(elsewhere.json()).toMatchObject({ error: { code: 'REQUEST.INVALID' } });
});
