import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { z } from 'zod';
import type { Refusal } from '../../core/item.js';
import { API_ERROR_CODES, type ApiError, detailsOf, sendError } from './api-errors.js';
import type { Principal } from './principal.js';

/**
 * One operation of the public API, described once: Fastify serves it from this description (the
 * request is checked against `params`, `query`, `headers` and `body` before the handler runs) and the
 * OpenAPI document is generated from the same description (openapi.ts).
 */
export interface OperationSpec<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends Responses = Responses,
> {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI style, relative to /api/v1: `/items/{sku}`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** `public`: no credentials; `store`: an API key or an admin session; `session`: an admin session only. */
  readonly access: 'public' | 'store' | 'session';
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Optional request headers (lower-case names). */
  readonly headers?: Readonly<Record<string, z.ZodType>>;
  /**
   * The operation takes a file as its body (instead of JSON): the raw bytes in one of these media
   * types, streamed to the handler as `upload` (never buffered whole), at most `maxBytes` of them.
   */
  readonly upload?: UploadSpec;
  readonly responses: R;
  /** Error statuses this operation may answer besides 401/403 (documented with the Error schema). */
  readonly errors: readonly ErrorStatus[];
  readonly handler: (context: HandlerContext<P, Q, B>) => Promise<HandlerResult<R>>;
}

export type ErrorStatus = 400 | 404 | 409 | 413 | 415 | 422 | 502;

export interface ResponseSpec {
  readonly description: string;
  /** Absent: no body (204). */
  readonly schema?: z.ZodType;
  /** The response is a file (a download) in one of these media types, instead of JSON. */
  readonly file?: readonly string[];
}

export interface UploadSpec {
  readonly contentTypes: readonly string[];
  readonly maxBytes: number;
}

/** The file a client sent as the body of an upload operation. */
export interface UploadedFile {
  /** The media type it was sent as (one of the operation's), without parameters. */
  readonly contentType: string;
  /**
   * Its bytes, read as they arrive. Reading past the operation's `maxBytes` fails with
   * `UploadTooLargeError` (answered 413 VALIDATION.BODY_TOO_LARGE when the handler lets it through).
   */
  readonly bytes: AsyncIterable<Uint8Array>;
}

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.name = 'UploadTooLargeError';
  }
}

/** A file to download: its media type (one the response lists), name, and bytes (streamed if long). */
export interface FileBody {
  readonly contentType: string;
  readonly fileName: string;
  readonly content: Uint8Array | string | AsyncIterable<Uint8Array | string>;
}

export type Responses = Readonly<Record<number, ResponseSpec>>;

export interface HandlerContext<P, Q, B> {
  readonly params: P extends z.ZodType ? z.output<P> : undefined;
  readonly query: Q extends z.ZodType ? z.output<Q> : undefined;
  readonly body: B extends z.ZodType ? z.output<B> : undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body of an operation with `upload`; undefined for the others. */
  readonly upload: UploadedFile | undefined;
  /** Null only for `public` operations. */
  readonly principal: Principal;
  readonly request: FastifyRequest;
}

/** A documented success, typed by the operation's own response schemas. */
export type Success<R extends Responses> = {
  [S in keyof R & number]: R[S]['file'] extends readonly string[]
    ? {
        readonly status: S;
        readonly file: FileBody;
        readonly headers?: Readonly<Record<string, string>>;
      }
    : {
        readonly status: S;
        readonly body: R[S]['schema'] extends z.ZodType ? z.input<R[S]['schema']> : undefined;
        readonly headers?: Readonly<Record<string, string>>;
      };
}[keyof R & number];

/** A handler answers a documented success or a refusal (sent as an error with the code's status). */
export type HandlerResult<R extends Responses> = Success<R> | Refusal;

// biome-ignore lint/suspicious/noExplicitAny: a list of operations of every shape.
export type AnyOperation = OperationSpec<any, any, any, any>;

/**
 * Describes an operation, then takes its handler: `defineOperation({...}).handle(async (ctx) => …)`.
 * In two steps so the handler is checked against the spec's own response statuses and bodies (and
 * gets its parsed params, query and body typed) once the spec's types are settled.
 */
export function defineOperation<
  R extends Responses,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: Omit<OperationSpec<P, Q, B, R>, 'handler'>) {
  return {
    handle: (handler: OperationSpec<P, Q, B, R>['handler']): AnyOperation => ({ ...spec, handler }),
  };
}

export interface RouteAuth {
  /** Sets the request's principal or answers 401/403. */
  readonly guard: (access: 'store' | 'session') => onRequestAsyncHookHandler;
  readonly principalOf: (request: FastifyRequest) => Principal | undefined;
}

/** `/items/{sku}` → `/items/:sku`. */
export function fastifyPath(path: string): string {
  return path.replace(/\{([a-z_]+)\}/g, ':$1');
}

export function registerOperation(app: FastifyInstance, operation: AnyOperation, auth: RouteAuth): void {
  app.route({
    method: operation.method,
    url: fastifyPath(operation.path),
    ...(operation.access === 'public' ? {} : { onRequest: auth.guard(operation.access) }),
    handler: async (request, reply) => {
      const parsed = parseRequest(operation, request);
      if ('error' in parsed) return sendError(reply, parsed.error);
      const principal = auth.principalOf(request);
      let result: unknown;
      try {
        result = await operation.handler({
          ...parsed,
          // Public operations have no principal and never read it.
          principal: principal as Principal,
          request,
        });
      } catch (error) {
        if (!(error instanceof UploadTooLargeError)) throw error;
        return sendError(reply, { code: API_ERROR_CODES.bodyTooLarge, message: error.message });
      } finally {
        // A body the handler did not read to its end is drained, so the connection can be reused.
        if (parsed.upload !== undefined) request.raw.resume();
      }
      return sendResult(reply, result);
    },
  });
}

function sendResult(reply: FastifyReply, outcome: unknown): FastifyReply {
  const result = outcome as HandlerResult<Responses>;
  if ('ok' in result && result.ok === false) {
    // A refusal may say where, as validation errors do (an uploaded file's line and column).
    const { details } = result as { details?: ApiError['details'] };
    return sendError(reply, {
      code: result.code,
      message: result.message,
      ...(details === undefined || details.length === 0 ? {} : { details }),
    });
  }
  const success = result as {
    status: number;
    body?: unknown;
    file?: FileBody;
    headers?: Record<string, string>;
  };
  if (success.headers !== undefined) reply.headers(success.headers);
  reply.code(success.status);
  if (success.file !== undefined) return sendFile(reply, success.file);
  return success.body === undefined ? reply.send() : reply.send(success.body);
}

function sendFile(reply: FastifyReply, file: FileBody): FastifyReply {
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', attachment(file.fileName));
  reply.header('x-content-type-options', 'nosniff');
  const { content } = file;
  if (typeof content === 'string' || content instanceof Uint8Array) return reply.send(content);
  return reply.send(Readable.from(content));
}

/** `attachment; filename="…"` with an ASCII fallback and the exact name in RFC 5987 form. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

type Parsed = Omit<HandlerContext<unknown, unknown, unknown>, 'principal' | 'request'>;

/** The raw body of an upload, as the API's content-type parser hands it over. */
const RAW_UPLOAD = Symbol('raw upload');
interface RawUpload {
  readonly [RAW_UPLOAD]: true;
  readonly contentType: string;
  readonly stream: AsyncIterable<Uint8Array>;
}

/**
 * Files arrive raw in these media types and reach only operations with `upload`, as a stream: a
 * 100,000-row spreadsheet is never held whole in memory.
 */
export function acceptUploads(app: FastifyInstance, mediaTypes: readonly string[]): void {
  app.addContentTypeParser([...mediaTypes], (request, payload, done) => {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const upload: RawUpload = { [RAW_UPLOAD]: true, contentType, stream: payload };
    done(null, upload);
  });
}

function isRawUpload(body: unknown): body is RawUpload {
  return typeof body === 'object' && body !== null && RAW_UPLOAD in body;
}

async function* limited(stream: AsyncIterable<Uint8Array>, maxBytes: number): AsyncIterable<Uint8Array> {
  let seen = 0;
  for await (const chunk of stream) {
    seen += chunk.byteLength;
    if (seen > maxBytes) throw new UploadTooLargeError(maxBytes);
    yield chunk;
  }
}

function parseRequest(operation: AnyOperation, request: FastifyRequest): Parsed | { error: ApiError } {
  const nul = nulCharacterIn(request, Object.keys(operation.headers ?? {}));
  if (nul !== null) return { error: nul };
  const params = parsePart(operation.params, request.params ?? {}, API_ERROR_CODES.invalidPath, 'path');
  if ('error' in params) return params;
  const query = parsePart(operation.query, request.query ?? {}, API_ERROR_CODES.invalidQuery, 'query');
  if ('error' in query) return query;

  const headers: Record<string, string | undefined> = {};
  for (const [name, schema] of Object.entries(operation.headers ?? {})) {
    const raw = request.headers[name];
    if (raw === undefined) continue;
    const checked = (schema as z.ZodType).safeParse(raw);
    if (!checked.success) {
      return {
        error: {
          code: API_ERROR_CODES.invalidHeader,
          message: `The ${name} header is not valid.`,
          details: detailsOf(checked.error).map((d) => ({ ...d, path: name })),
        },
      };
    }
    headers[name] = checked.data as string;
  }

  let body: unknown;
  let upload: UploadedFile | undefined;
  if (operation.upload !== undefined || isRawUpload(request.body)) {
    const raw = request.body;
    if (operation.upload === undefined || !isRawUpload(raw)) {
      return {
        error: {
          code: API_ERROR_CODES.unsupportedMediaType,
          message:
            operation.upload === undefined
              ? 'Send the body as application/json.'
              : `Send the file as one of: ${operation.upload.contentTypes.join(', ')}.`,
        },
      };
    }
    if (!operation.upload.contentTypes.includes(raw.contentType)) {
      return {
        error: {
          code: API_ERROR_CODES.unsupportedMediaType,
          message: `Send the file as one of: ${operation.upload.contentTypes.join(', ')}.`,
        },
      };
    }
    upload = { contentType: raw.contentType, bytes: limited(raw.stream, operation.upload.maxBytes) };
  } else if (operation.body === undefined) {
    if (!isEmptyBody(request.body)) {
      return { error: { code: API_ERROR_CODES.invalidBody, message: 'This operation takes no body.' } };
    }
  } else {
    const checked = (operation.body as z.ZodType).safeParse(request.body);
    if (!checked.success) {
      return {
        error: {
          code: API_ERROR_CODES.invalidBody,
          message:
            request.body === undefined
              ? 'This operation needs a JSON body.'
              : 'The body does not match the schema.',
          details: detailsOf(checked.error),
        },
      };
    }
    body = checked.data;
  }
  return { params: params.value, query: query.value, body, headers, upload } as Parsed;
}

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  code: string,
  where: string,
): { value: unknown } | { error: ApiError } {
  if (schema === undefined) return { value: undefined };
  const checked = schema.safeParse(value);
  if (checked.success) return { value: checked.data };
  return {
    error: { code, message: `The ${where} parameters are not valid.`, details: detailsOf(checked.error) },
  };
}

function isEmptyBody(body: unknown): boolean {
  return (
    body === undefined ||
    body === null ||
    (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)
  );
}

/**
 * Refuses a NUL character anywhere the request carries text — path, query, declared headers, body
 * values and keys — before any schema or handler sees it: PostgreSQL cannot store one in text, and
 * no SKU, name or message needs one. Checked here, once, so no operation can forget it.
 */
function nulCharacterIn(request: FastifyRequest, headerNames: readonly string[]): ApiError | null {
  const parts: [string, unknown][] = [
    ['path', request.params],
    ['query', request.query],
    ['header', Object.fromEntries(headerNames.map((name) => [name, request.headers[name]]))],
    ['body', isRawUpload(request.body) ? undefined : request.body],
  ];
  for (const [where, value] of parts) {
    const path = nulPath(value);
    if (path !== null) {
      return {
        code: API_ERROR_CODES.nulCharacter,
        message: `The ${where} holds a NUL character (\\u0000), which no value may contain.`,
        details: [{ path: path.join('.'), message: 'Contains a NUL character.' }],
      };
    }
  }
  return null;
}

/** A value met while walking a body, with the way back to the root (a path is built only when needed). */
interface Visit {
  readonly value: unknown;
  readonly key: string | null;
  readonly parent: Visit | null;
}

/**
 * Where the first NUL character is in a parsed JSON value (a key or a string), or null. Walks with its
 * own stack, so a deeply nested body cannot overflow the call stack.
 */
function nulPath(value: unknown): string[] | null {
  const pathOf = (visit: Visit | null, last: string[] = []): string[] => {
    const keys = [...last];
    for (let v = visit; v !== null; v = v.parent) if (v.key !== null) keys.unshift(v.key);
    return keys;
  };
  const stack: Visit[] = [{ value, key: null, parent: null }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return pathOf(visit);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        if (key.includes('\u0000')) return pathOf(visit, [key.replaceAll('\u0000', '\\u0000')]);
        stack.push({ value: inner, key, parent: visit });
      }
    }
  }
  return null;
}
