import { z } from 'zod';
import { API_ERROR_CODES, apiErrorSchema, statusForCode } from './api-errors.js';
import type { AnyOperation, ErrorStatus } from './operation.js';

type JsonSchema = Record<string, unknown>;

export interface OpenApiOptions {
  /** Where the operations are served, e.g. `/api/v1`. */
  readonly basePath: string;
  readonly version: string;
  /** Refusal codes to list in the description with their statuses. */
  readonly refusalCodes: readonly string[];
}

type DocumentedError = ErrorStatus | 401 | 403 | 500;

const ERROR_DESCRIPTIONS: Readonly<Record<DocumentedError, string>> = {
  400: 'The request does not match the schema (VALIDATION.*); nothing changed.',
  401: 'No credentials, or credentials that are not valid (AUTH.MISSING_KEY, AUTH.INVALID_KEY, AUTH.REVOKED_KEY, AUTH.INVALID_SESSION).',
  403: 'An admin session is required (AUTH.SESSION_REQUIRED).',
  404: 'Not found in the caller’s store (*.NOT_FOUND).',
  409: 'The current state refuses the change (e.g. BACKORDER.THRESHOLD_REACHED); nothing changed.',
  413: 'The body is too large (VALIDATION.BODY_TOO_LARGE).',
  415: 'The body is not JSON (VALIDATION.UNSUPPORTED_MEDIA_TYPE).',
  422: 'A value is not acceptable (e.g. TEMPLATE.UNKNOWN_PLACEHOLDER, or VALIDATION.NUL_CHARACTER: a NUL character in any text); nothing changed.',
  502: 'BigCommerce could not be reached (UPSTREAM.BIGCOMMERCE_UNAVAILABLE); retry later.',
  500: 'Something went wrong on the server (INTERNAL.ERROR).',
};

/**
 * The OpenAPI 3.1 document of the operations, generated from the zod schemas their routes validate
 * with (JSON Schema 2020-12, which OpenAPI 3.1 uses). Registered schemas become components.
 */
export function buildOpenApiDocument(
  operations: readonly AnyOperation[],
  options: OpenApiOptions,
): JsonSchema {
  const schemas: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const {
      $defs,
      $schema: _dialect,
      ...rest
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'throw',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, definition] of Object.entries($defs ?? {})) {
      const hoisted = rewriteRefs(definition) as JsonSchema;
      const known = schemas[id];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(hoisted)) {
        throw new Error(`Schema component ${id} has two shapes (used as input and output?)`);
      }
      schemas[id] = hoisted;
    }
    return rewriteRefs(rest) as JsonSchema;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...parametersOf(op.params, 'path', convert),
      ...parametersOf(op.query, 'query', convert),
      ...Object.entries(op.headers ?? {}).map(([name, schema]) => ({
        name: headerName(name),
        in: 'header',
        required: false,
        ...describe(convert(schema as z.ZodType, 'input')),
      })),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(
      op.responses as Record<string, { description: string; schema?: z.ZodType; file?: readonly string[] }>,
    )) {
      responses[status] = {
        description: response.description,
        ...(response.file !== undefined
          ? { content: binaryContent(response.file) }
          : response.schema === undefined
            ? {}
            : { content: { 'application/json': { schema: convert(response.schema, 'output') } } }),
      };
    }
    // Any request can be malformed, and any body too large or not JSON; any operation can fail.
    // Any text it takes may hold a NUL character (422).
    const takesText =
      [op.params, op.query, op.body, op.upload].some((part) => part !== undefined) || op.headers;
    const errorStatuses = [
      ...new Set<DocumentedError>([
        400,
        ...op.errors,
        ...(takesText ? [422 as const] : []),
        ...(op.method === 'GET' ? [] : ([413, 415] as const)),
        ...(op.access === 'public' ? [] : [401 as const]),
        ...(op.access === 'session' ? [403 as const] : []),
        500,
      ]),
    ].sort((a, b) => a - b);
    for (const status of errorStatuses) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description === undefined ? {} : { description: op.description }),
      tags: [op.tag],
      security: op.access === 'public' ? [] : [{ bearer: [] }],
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(op.upload !== undefined
        ? { requestBody: { required: true, content: binaryContent(op.upload.contentTypes) } }
        : op.body === undefined
          ? {}
          : {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: convert(op.body, 'input') } },
              },
            }),
      responses,
    };
  }
  // The error envelope is referenced by every operation, whether or not a schema used it.
  convert(apiErrorSchema, 'output');

  return {
    openapi: '3.1.0',
    info: {
      title: 'Backorder for BigCommerce — public API',
      version: options.version,
      description: describeApi(options.refusalCodes),
    },
    servers: [{ url: options.basePath }],
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key (created in the app’s Settings, shown once) or, for the app’s own admin screens, an admin session token.',
        },
      },
    },
  };
}

function parametersOf(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  convert: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema,
): Record<string, unknown>[] {
  if (schema === undefined) return [];
  const object = convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...describe(property),
  }));
}

/** A parameter's description sits beside its schema in OpenAPI. */
function describe(property: JsonSchema): { description?: string; schema: JsonSchema } {
  const { description, ...schema } = property;
  return typeof description === 'string' ? { description, schema } : { schema };
}

function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase());
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === '$ref' && typeof inner === 'string'
        ? [key, inner.replace(/^#\/\$defs\//, '#/components/schemas/')]
        : [key, rewriteRefs(inner)],
    ),
  );
}

function describeApi(refusalCodes: readonly string[]): string {
  const rows = [...new Set([...Object.values(API_ERROR_CODES), ...refusalCodes])]
    .sort()
    .map((code) => `| \`${code}\` | ${statusForCode(code)} |`);
  return [
    'Read and change the items Backorder tracks, assign products, change settings and templates, and read orders holding backordered units.',
    '',
    'Authenticate with `Authorization: Bearer <API key>`. JSON bodies and answers use snake_case.',
    'Every error answers `{"error": {"code", "message", "details"?}}`; branch on `code`, which is stable.',
    '404: not found in your store. 422: a value is not acceptable. 409: the values are fine but the current state refuses them. A refused request changes nothing.',
    '',
    '| code | status |',
    '|---|---|',
    ...rows,
  ].join('\n');
}

/** A file's bytes in each of its media types (OpenAPI 3.1: a binary string). */
function binaryContent(contentTypes: readonly string[]): Record<string, { schema: JsonSchema }> {
  return Object.fromEntries(
    contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } as JsonSchema }]),
  );
}
