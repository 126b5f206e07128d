import fs from 'node:fs';
import path from 'node:path';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import YAML from 'yaml';
import { SPEC_FILES } from './openapi-files.js';

/**
 * An OpenAPI validator (openapi-backend, Ajv underneath) over BigCommerce's own OpenAPI files (see
 * openapi-files.ts for where they are read from), checking each request the tests send and each response
 * the sandbox gives against them.
 */

/**
 * Places where BigCommerce's spec contradicts its own documentation; the documented behaviour wins and the
 * schema is widened accordingly (each with the reason). Nothing else is relaxed.
 */
// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, walked by known paths
function applyKnownSpecErrata(file: string, definition: any): void {
  // Some schemas say `x-nullable: true` (the Swagger 2 spelling) where OpenAPI 3 says `nullable: true`.
  markXNullable(definition);
  if (file === 'scripts.v3.yml') {
    // script_Base.consent_category: "Defaults to `unknown` when not specified", yet the enum omits it.
    const consent = definition.components.schemas.script_Base.properties.consent_category;
    consent.enum = [...consent.enum, 'unknown'];
  }
  if (file === 'inventory.v3.yml') {
    // LocationItemsSettingsRequest identity is a oneOf of three objects with no required keys, so every
    // identity matches all three and no request could be valid; the intent is "exactly one of these keys".
    const identity =
      definition.components.schemas.LocationItemsSettingsRequest.properties.settings.items.properties
        .identity;
    for (const branch of identity.oneOf) branch.required = Object.keys(branch.properties);
  }
  if (file === 'orders.v2.oas2.yml') {
    // An order's `consignments` is a oneOf of a link (orderConsignments_Resource) and the side-loaded
    // consignments (orderConsignment_Get), and each consignment's `line_items` a oneOf of links
    // (products_Resource) and lines (orderProducts); no branch has a required key, so every value matches
    // both and no `include=consignments…` answer could be valid. The intent: a link has its url and
    // resource, consignments their four groups, a line its id.
    const schemas = definition.components.schemas;
    schemas.orderConsignments_Resource.required = ['url', 'resource'];
    schemas.products_Resource.required = ['url', 'resource'];
    schemas.orderConsignment_Get.required = ['pickups', 'shipping', 'downloads', 'email'];
    schemas.orderProducts.required = [...(schemas.orderProducts.required ?? []), 'id'];
  }
}

function markXNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) markXNullable(item);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record['x-nullable'] === true) record.nullable = true;
    for (const value of Object.values(record)) markXNullable(value);
  }
}

export interface Exchange {
  readonly version: 'v2' | 'v3';
  readonly method: string;
  /** Path after /stores/{hash}/{version}, e.g. /catalog/products/12. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly requestHeaders: Record<string, string>;
  readonly requestBody: unknown;
  readonly status: number;
  readonly responseHeaders: Headers;
  readonly responseBody: unknown;
}

export interface ContractResult {
  readonly specFile: string | undefined;
  readonly operationId: string | undefined;
  readonly problems: string[];
}

/** Statuses BigCommerce documents for every endpoint (auth, scopes, rate limit, outages), not per operation. */
const PLATFORM_STATUSES = new Set([401, 403, 429, 500, 502, 503]);

interface LoadedSpec {
  readonly file: string;
  readonly version: 'v2' | 'v3';
  readonly api: OpenAPIBackend;
}

export class OpenApiContract {
  private constructor(private readonly specs: LoadedSpec[]) {}

  /** Loads the spec files from `specDir` (the run's directory: `inject('openApiDir')`). */
  static async load(specDir: string): Promise<OpenApiContract> {
    const specs: LoadedSpec[] = [];
    for (const version of ['v3', 'v2'] as const) {
      for (const file of SPEC_FILES[version]) {
        const definition = YAML.parse(fs.readFileSync(path.join(specDir, file), 'utf8'));
        applyKnownSpecErrata(file, definition);
        // quick: the published files do not all pass OpenAPI schema validation themselves; we validate traffic.
        const api = new OpenAPIBackend({
          definition,
          quick: true,
          validate: true,
          ajvOpts: { strict: false },
          customizeAjv: (ajv: Parameters<typeof addFormats.default>[0]) => {
            addFormats.default(ajv);
            return ajv;
          },
        });
        await api.init();
        specs.push({ file, version, api });
      }
    }
    return new OpenApiContract(specs);
  }

  /** The spec operation for a method + path template (`{param}` placeholders), if any spec has it. */
  operationFor(
    version: 'v2' | 'v3',
    method: string,
    template: string,
  ): { file: string; operation: Operation } | undefined {
    const normal = normalizeTemplate(template);
    for (const spec of this.specs.filter((s) => s.version === version)) {
      for (const operation of spec.api.getOperations()) {
        if (
          operation.method.toUpperCase() === method.toUpperCase() &&
          normalizeTemplate(operation.path) === normal
        ) {
          return { file: spec.file, operation };
        }
      }
    }
    return undefined;
  }

  check(exchange: Exchange): ContractResult {
    for (const spec of this.specs.filter((s) => s.version === exchange.version)) {
      const request = {
        method: exchange.method.toLowerCase(),
        path: exchange.path,
        query: exchange.query,
        headers: exchange.requestHeaders,
        body: exchange.requestBody,
      };
      const operation = spec.api.matchOperation(request);
      if (!operation) continue;
      const problems: string[] = [];
      const requestResult = spec.api.validateRequest(request, operation);
      if (!requestResult.valid) {
        problems.push(
          ...(requestResult.errors ?? []).map(
            (e: { instancePath: string; message?: string; params: unknown }) =>
              `request ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`,
          ),
        );
      }
      const documented = documentedStatuses(operation);
      const statusDocumented =
        documented.has(String(exchange.status)) ||
        documented.has(`${String(exchange.status)[0]}XX`) ||
        documented.has('default');
      if (!statusDocumented && !PLATFORM_STATUSES.has(exchange.status)) {
        problems.push(
          `status ${exchange.status} is not documented for ${operation.operationId} (${[...documented].join(', ')})`,
        );
      }
      if (statusDocumented && exchange.status !== 204) {
        const responseResult = spec.api.validateResponse(exchange.responseBody, operation, exchange.status);
        if (!responseResult.valid) {
          problems.push(
            ...(responseResult.errors ?? []).map(
              (e: { instancePath: string; message?: string; params: unknown }) =>
                `response ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`,
            ),
          );
        }
      }
      return { specFile: spec.file, operationId: operation.operationId, problems };
    }
    return {
      specFile: undefined,
      operationId: undefined,
      problems: [`no spec operation matches ${exchange.method} ${exchange.path}`],
    };
  }
}

function documentedStatuses(operation: Operation): Set<string> {
  return new Set(Object.keys(operation.responses ?? {}));
}

/** `/catalog/products/{product_id}` and `/catalog/products/:id` both become `/catalog/products/{}`. */
export function normalizeTemplate(template: string): string {
  return template.replace(/\{[^}]+\}/g, '{}').replace(/:[A-Za-z_]+/g, '{}');
}
