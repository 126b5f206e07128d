import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument } from '../../../src/http/api-v1/openapi.js';
import {
  type AnyOperation,
  acceptUploads,
  attachment,
  defineOperation,
  registerOperation,
} from '../../../src/http/api-v1/operation.js';

/** Operations that take a file as their body, or answer one: streamed both ways, refused clearly. */
describe('file uploads and downloads of the API', () => {
  let app: FastifyInstance;
  const operations: AnyOperation[] = [
    defineOperation({
      operationId: 'countBytes',
      method: 'POST',
      path: '/files',
      tag: 'Test',
      summary: 'Counts the bytes of an uploaded file',
      access: 'public',
      upload: { contentTypes: ['text/csv', 'application/octet-stream'], maxBytes: 1000 },
      responses: {
        200: { description: 'Counted.', schema: z.object({ bytes: z.number(), type: z.string() }) },
      },
      errors: [413],
    }).handle(async ({ upload }) => {
      let bytes = 0;
      for await (const chunk of upload!.bytes) bytes += chunk.byteLength;
      return { status: 200, body: { bytes, type: upload!.contentType } };
    }),
    defineOperation({
      operationId: 'ignoreFile',
      method: 'POST',
      path: '/ignored',
      tag: 'Test',
      summary: 'Answers without reading the file',
      access: 'public',
      upload: { contentTypes: ['text/csv'], maxBytes: 1000 },
      responses: { 204: { description: 'Nothing read.' } },
      errors: [],
    }).handle(async () => ({ status: 204, body: undefined })),
    defineOperation({
      operationId: 'takesJson',
      method: 'POST',
      path: '/json',
      tag: 'Test',
      summary: 'Takes JSON only',
      access: 'public',
      body: z.object({ a: z.number() }),
      responses: { 200: { description: 'Echo.', schema: z.object({ a: z.number() }) } },
      errors: [],
    }).handle(async ({ body }) => ({ status: 200, body })),
    defineOperation({
      operationId: 'download',
      method: 'GET',
      path: '/download',
      tag: 'Test',
      summary: 'A file in parts',
      access: 'public',
      responses: { 200: { description: 'The file.', file: ['text/csv'] } },
      errors: [],
    }).handle(async () => ({
      status: 200,
      file: {
        contentType: 'text/csv; charset=utf-8',
        fileName: 'Bestände "März".csv',
        content: (async function* () {
          yield 'sku,stock\n';
          yield Buffer.from('A-1,3\n');
        })(),
      },
    })),
  ];

  beforeAll(async () => {
    app = Fastify({ logger: false });
    acceptUploads(app, ['text/csv', 'application/octet-stream']);
    for (const operation of operations) {
      registerOperation(app, operation, { guard: () => async () => {}, principalOf: () => undefined });
    }
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('streams an uploaded file to the handler with its media type', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/files',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      payload: 'sku,stock\nA-1,3\n',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ bytes: 16, type: 'text/csv' });
  });

  it('refuses a file larger than the operation takes with 413 VALIDATION.BODY_TOO_LARGE', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/files',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(1001, 65),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('VALIDATION.BODY_TOO_LARGE');
  });

  it('refuses a file sent to an operation that takes JSON, and JSON sent where a file goes (415)', async () => {
    const file = await app.inject({
      method: 'POST',
      url: '/json',
      headers: { 'content-type': 'text/csv' },
      payload: 'a\n1\n',
    });
    expect(file.statusCode).toBe(415);
    expect(file.json().error.code).toBe('VALIDATION.UNSUPPORTED_MEDIA_TYPE');
    const json = await app.inject({ method: 'POST', url: '/files', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('VALIDATION.UNSUPPORTED_MEDIA_TYPE');
    const other = await app.inject({
      method: 'POST',
      url: '/ignored',
      headers: { 'content-type': 'application/octet-stream' },
      payload: 'x',
    });
    expect(other.statusCode).toBe(415);
  });

  it('answers a handler that leaves the file unread, and the connection stays usable', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/ignored',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b\n'.repeat(200),
    });
    expect(response.statusCode).toBe(204);
  });

  it('sends a download as an attachment with its exact name, streamed', async () => {
    const response = await app.inject({ method: 'GET', url: '/download' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe(attachment('Bestände "März".csv'));
    expect(response.body).toBe('sku,stock\nA-1,3\n');
  });

  it('names the file in ASCII and in RFC 5987 form', () => {
    expect(attachment('Bestände "März".csv')).toBe(
      `attachment; filename="Best_nde _M_rz_.csv"; filename*=UTF-8''Best%C3%A4nde%20%22M%C3%A4rz%22.csv`,
    );
  });

  it('documents uploads and downloads as binary content of their media types', () => {
    const document = buildOpenApiDocument(operations, { basePath: '/', version: '1', refusalCodes: [] }) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(document.paths['/files']!.post!.requestBody).toEqual({
      required: true,
      content: {
        'text/csv': { schema: { type: 'string', format: 'binary' } },
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
      },
    });
    expect(document.paths['/download']!.get!.responses['200']).toEqual({
      description: 'The file.',
      content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
    });
  });
});
