import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks answers against the OpenAPI document the server serves: the body of each answer must match
 * the schema documented for its operation and status. Every call the API tests make goes through it,
 * so the document cannot drift from what the routes really send.
 */
export class ResponseContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: {
    method: string;
    pattern: RegExp;
    pointer: string;
    statuses: Set<string>;
    /** Per status, the media types of a file answer (a download). */
    files: Map<string, Set<string>>;
  }[] = [];

  constructor(document: OpenApiDocument) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(document as object, 'openapi.json');
    const base = document.servers[0]?.url ?? '';
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const pattern = new RegExp(`^${base}${path.replace(/\{[a-z_]+\}/g, '[^/]+')}$`);
        this.operations.push({
          method: method.toUpperCase(),
          pattern,
          pointer: `/paths/${pointerEscape(path)}/${method}/responses`,
          statuses: new Set(Object.keys(operation.responses)),
          files: new Map(
            Object.entries(operation.responses).map(([status, response]) => [
              status,
              new Set(
                Object.keys((response as { content?: object }).content ?? {}).filter(
                  (type) => type !== 'application/json',
                ),
              ),
            ]),
          ),
        });
      }
    }
  }

  /**
   * Throws when the answer is not documented or its body does not match the documented schema; a file
   * (`fileType`: the media type of an answer that is not JSON) must be one the status documents.
   */
  check(method: string, url: string, status: number, body: unknown, fileType?: string): void {
    const path = url.split('?')[0]!;
    const operation = this.operations.find((op) => op.method === method && op.pattern.test(path));
    if (operation === undefined) {
      if (status === 404 && isError(body, 'ROUTE.NOT_FOUND')) return;
      throw new Error(`${method} ${path} is not in the OpenAPI document`);
    }
    if (!operation.statuses.has(String(status))) {
      throw new Error(
        `${method} ${path} answered ${status}, which the document does not list: ${JSON.stringify(body)}`,
      );
    }
    if (fileType !== undefined) {
      if (!operation.files.get(String(status))?.has(fileType)) {
        throw new Error(
          `${method} ${path} ${status} answered a ${fileType} file, which the document does not list`,
        );
      }
      return;
    }
    const pointer = `${operation.pointer}/${status}/content/application~1json/schema`;
    const validate = this.ajv.getSchema(`openapi.json#${pointer}`);
    if (validate === undefined) {
      if (body === undefined || body === '') return;
      throw new Error(`${method} ${path} ${status} has a body but the document gives it none`);
    }
    if (!validate(body)) {
      throw new Error(
        `${method} ${path} ${status} does not match its documented schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
      );
    }
  }
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly servers: readonly { readonly url: string }[];
  readonly paths: Record<string, Record<string, { responses: Record<string, unknown>; operationId: string }>>;
  readonly components: { readonly schemas: Record<string, unknown> };
}

function pointerEscape(path: string): string {
  return path.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isError(body: unknown, code: string): boolean {
  return (body as { error?: { code?: string } } | undefined)?.error?.code === code;
}
