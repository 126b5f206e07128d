import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSIGNMENT_CODES } from '../../../src/app/assignment/assignment-codes.js';
import { ITEM_REFUSALS } from '../../../src/app/items/item-refusals.js';
import { TEMPLATE_REFUSALS } from '../../../src/app/ports/template-repository.js';
import { REFUSAL_CODES } from '../../../src/core/codes.js';
import { statusForCode } from '../../../src/http/api-v1/api-errors.js';
import { type ApiV1Deps, apiV1Plugin, REFUSAL_CODES_OF_API } from '../../../src/http/api-v1/api-v1.plugin.js';
import { type OpenApiDocument, ResponseContract } from './support/openapi-responses.js';

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

describe('the OpenAPI document at /api/v1/openapi.json', () => {
  let app: FastifyInstance;
  const routes: Pick<RouteOptions, 'method' | 'url'>[] = [];
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = Fastify({ logger: false });
    app.addHook('onRoute', (route) => {
      routes.push({ method: route.method, url: route.url });
    });
    // Serving the document touches none of the dependencies.
    await app.register(apiV1Plugin({} as ApiV1Deps), { prefix: '/api/v1' });
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    document = response.json();
  });
  afterAll(async () => {
    await app.close();
  });

  it('is served without credentials and is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('holds only valid JSON Schema 2020-12 (OpenAPI 3.1’s dialect), all of whose references resolve', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addSchema(document as object, 'openapi.json');
    const pointers: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const base = `/paths/${path.replaceAll('/', '~1')}/${method}`;
        const op = operation as {
          requestBody?: { content: Record<string, unknown> };
          parameters?: unknown[];
          responses: Record<string, { content?: Record<string, unknown> }>;
        };
        // Every media type's schema: JSON bodies, and files (binary strings) uploaded or downloaded.
        const schemasOf = (at: string, content: Record<string, unknown>) =>
          Object.keys(content).map((type) => `${at}/content/${type.replaceAll('/', '~1')}/schema`);
        if (op.requestBody) pointers.push(...schemasOf(`${base}/requestBody`, op.requestBody.content));
        for (let i = 0; i < (op.parameters?.length ?? 0); i += 1)
          pointers.push(`${base}/parameters/${i}/schema`);
        for (const [status, response] of Object.entries(op.responses)) {
          if (response.content) pointers.push(...schemasOf(`${base}/responses/${status}`, response.content));
        }
      }
    }
    expect(pointers.length).toBeGreaterThan(50);
    for (const pointer of pointers) {
      expect(() => ajv.getSchema(`openapi.json#${pointer}`), pointer).not.toThrow();
      expect(ajv.getSchema(`openapi.json#${pointer}`), pointer).toBeTypeOf('function');
    }
  });

  it('documents every route registered under /api/v1, and no route that is not', () => {
    const served = routes
      .filter((r) => r.url.startsWith('/api/v1/'))
      .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => `${m} ${r.url}`))
      .filter((route) => !route.startsWith('HEAD '))
      .map((route) => route.replace(/:([a-z_]+)/g, '{$1}'))
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => (METHODS as readonly string[]).includes(m))
          .map((m) => `${m.toUpperCase()} /api/v1${path}`),
      )
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(20);
    expect(documented).toEqual(served);
    // The required operations are all there.
    for (const route of [
      'GET /api/v1/items',
      'GET /api/v1/items/{sku}',
      'PATCH /api/v1/items/{sku}',
      'POST /api/v1/items/{sku}/enable',
      'POST /api/v1/items/{sku}/disable',
      'POST /api/v1/items/{sku}/receive',
      'POST /api/v1/assignments',
      'DELETE /api/v1/assignments/{product_id}',
      'GET /api/v1/settings',
      'PATCH /api/v1/settings',
      'GET /api/v1/orders',
      'GET /api/v1/orders/report',
      'GET /api/v1/items/{sku}/history',
      'GET /api/v1/items/{sku}/orders',
    ]) {
      expect(documented).toContain(route);
    }
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes items with the fields the issue names, and requires credentials except for itself', () => {
    const item = document.components.schemas.Item as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(item.properties).sort()).toEqual(
      [
        'back_in_stock_date',
        'backordered',
        'block',
        'incoming_stock',
        'product_id',
        'sku',
        'status',
        'stock',
        'threshold',
        'variant_id',
        'variant_label',
      ].sort(),
    );
    for (const [path, item] of Object.entries(document.paths)) {
      for (const operation of Object.values(item) as unknown as {
        security: unknown[];
        responses: object;
      }[]) {
        if (path === '/openapi.json') expect(operation.security).toEqual([]);
        else {
          expect(operation.security, path).toEqual([{ bearer: [] }]);
          expect(operation.responses, path).toHaveProperty('401');
        }
      }
    }
  });

  it('checks answers against it (the contract the other API tests rely on)', () => {
    const contract = new ResponseContract(document);
    expect(() =>
      contract.check('GET', '/api/v1/items', 200, { data: [], next_cursor: null, product: null }),
    ).not.toThrow();
    expect(() =>
      contract.check('GET', '/api/v1/items', 200, { data: 'nope', next_cursor: null, product: null }),
    ).toThrow(/documented schema/);
    expect(() => contract.check('GET', '/api/v1/items/X', 200, { sku: 'X' })).toThrow(/documented schema/);
    expect(() => contract.check('GET', '/api/v1/items', 418, {})).toThrow(/does not list/);
    expect(() =>
      contract.check('GET', '/api/v1/items', 401, { error: { code: 'AUTH.MISSING_KEY', message: 'x' } }),
    ).not.toThrow();
  });
});

describe('refusal codes and HTTP statuses', () => {
  it('gives every refusal the API can answer 404, 409 or 422 by one rule', () => {
    for (const code of REFUSAL_CODES_OF_API) {
      expect([404, 409, 422], code).toContain(statusForCode(code));
    }
  });

  it('answers the rules’ state refusals with 409 and invalid values with 422', () => {
    expect(statusForCode(REFUSAL_CODES.thresholdReached)).toBe(409);
    expect(statusForCode(REFUSAL_CODES.datePassed)).toBe(409);
    expect(statusForCode(REFUSAL_CODES.alreadyEnabled)).toBe(409);
    expect(statusForCode(REFUSAL_CODES.alreadyDisabled)).toBe(409);
    expect(statusForCode(REFUSAL_CODES.receiveExceedsIncoming)).toBe(409);
    expect(statusForCode(TEMPLATE_REFUSALS.inUse)).toBe(409);
    expect(statusForCode(REFUSAL_CODES.invalidStock)).toBe(422);
    expect(statusForCode(REFUSAL_CODES.invalidDate)).toBe(422);
    expect(statusForCode(REFUSAL_CODES.invalidSwitchCondition)).toBe(422);
    expect(statusForCode('TEMPLATE.UNKNOWN_PLACEHOLDER')).toBe(422);
    expect(statusForCode(ITEM_REFUSALS.itemNotFound)).toBe(404);
    expect(statusForCode(TEMPLATE_REFUSALS.notFound)).toBe(404);
    expect(statusForCode(ASSIGNMENT_CODES.productNotFound)).toBe(404);
    expect(statusForCode(ASSIGNMENT_CODES.notAssigned)).toBe(404);
    expect(statusForCode(ASSIGNMENT_CODES.alreadyAssigned)).toBe(409);
    expect(statusForCode('AUTH.MISSING_KEY')).toBe(401);
    expect(statusForCode('AUTH.SESSION_REQUIRED')).toBe(403);
    expect(statusForCode('VALIDATION.INVALID_BODY')).toBe(400);
  });
});
