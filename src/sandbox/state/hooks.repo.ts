import { z } from 'zod';
import { parseInput } from './catalog.schemas.js';
import { WEBHOOK_SCOPES } from './events.js';
import { selectPage } from './paging.js';
import { done, type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';

export interface HookView {
  id: number;
  client_id: string;
  store_hash: string;
  scope: string;
  destination: string;
  is_active: boolean;
  headers: Record<string, string> | null;
  created_at: number;
  updated_at: number;
}

interface HookRow {
  id: number;
  store_hash: string;
  client_id: string;
  scope: string;
  destination: string;
  is_active: number;
  headers: string | null;
  created_at: number;
  updated_at: number;
}

/** BigCommerce: at most 10 hooks per store, client and scope, and one per store, client, scope and destination. */
export const MAX_HOOKS_PER_SCOPE = 10;

const WILDCARD_SCOPES = ['store/order/*', 'store/product/*', 'store/sku/*', 'store/app/*'];
const KNOWN_SCOPES = new Set<string>([...WEBHOOK_SCOPES, ...WILDCARD_SCOPES]);

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * BigCommerce only accepts https destinations on port 443. The sandbox also accepts http(s) to this machine,
 * on any port, so apps running locally can receive deliveries.
 */
export function destinationProblem(destination: string): string | undefined {
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    return 'destination must be an absolute URL';
  }
  if (LOCAL_HOSTS.has(url.hostname)) {
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? undefined
      : 'destination must use http or https';
  }
  if (url.protocol !== 'https:') return 'destination must use https';
  if (url.port !== '' && url.port !== '443') return 'destination must be served on port 443';
  return undefined;
}

const headersSchema = z.record(z.string().min(1).max(64), z.string().max(8192)).nullable();

const hookCreateSchema = z.object({
  scope: z.string().refine((s) => KNOWN_SCOPES.has(s), 'scope is not a supported webhook event'),
  destination: z
    .string()
    .max(2048)
    .superRefine((d, ctx) => {
      const problem = destinationProblem(d);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  is_active: z.boolean().default(true),
  headers: headersSchema.optional(),
});

const hookUpdateSchema = hookCreateSchema.partial().refine((p) => Object.keys(p).length > 0, {
  message: 'At least one field is required to perform an update',
});

export type HookCreateInput = z.input<typeof hookCreateSchema>;
export type HookUpdateInput = z.input<typeof hookUpdateSchema>;

export interface HookQuery {
  readonly isActive?: boolean;
  readonly scope?: string;
  readonly destination?: string;
  readonly page?: number;
  readonly limit?: number;
}

export class HooksRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  create(storeHash: string, clientId: string, input: HookCreateInput): Result<HookView> {
    const parsed = parseInput(hookCreateSchema, input, 'SANDBOX.HOOKS.INVALID');
    if (!parsed.ok) return parsed;
    const { scope, destination, is_active, headers } = parsed.value;
    const tx = this.db.transaction((): Result<HookView> => {
      const same = this.db
        .prepare('SELECT COUNT(*) AS n FROM hooks WHERE store_hash = ? AND client_id = ? AND scope = ?')
        .get(storeHash, clientId, scope) as { n: number };
      if (same.n >= MAX_HOOKS_PER_SCOPE) {
        return refuse(422, 'SANDBOX.HOOKS.LIMIT_REACHED', 'JSON data is missing or invalid', {
          errors: { scope: `Only ${MAX_HOOKS_PER_SCOPE} webhooks are allowed per scope for one API client.` },
        });
      }
      if (this.findDuplicate(storeHash, clientId, scope, destination)) {
        return refuse(422, 'SANDBOX.HOOKS.DUPLICATE', 'JSON data is missing or invalid', {
          errors: {
            destination: 'A webhook with this scope and destination already exists for this client.',
          },
        });
      }
      const seconds = Math.floor(this.now().getTime() / 1000);
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO hooks (store_hash, client_id, scope, destination, is_active, headers, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            storeHash,
            clientId,
            scope,
            destination,
            is_active ? 1 : 0,
            headers ? JSON.stringify(headers) : null,
            seconds,
            seconds,
          ).lastInsertRowid,
      );
      return done(this.get(storeHash, clientId, id)!);
    });
    return tx();
  }

  /** GET /hooks: only the hooks of the calling API client, as BigCommerce does. */
  list(storeHash: string, clientId: string, query: HookQuery = {}): { items: HookView[]; total: number } {
    const where = ['store_hash = ?', 'client_id = ?'];
    const args: unknown[] = [storeHash, clientId];
    if (query.isActive !== undefined) {
      where.push('is_active = ?');
      args.push(query.isActive ? 1 : 0);
    }
    if (query.scope !== undefined) {
      where.push('scope = ?');
      args.push(query.scope);
    }
    if (query.destination !== undefined) {
      where.push('destination = ?');
      args.push(query.destination);
    }
    const { rows, total } = selectPage<HookRow>(
      this.db,
      { columns: '*', from: 'hooks', where: where.join(' AND '), orderBy: 'id' },
      args,
      query,
    );
    return { items: rows.map(toView), total };
  }

  get(storeHash: string, clientId: string, id: number): HookView | undefined {
    const row = this.db
      .prepare('SELECT * FROM hooks WHERE id = ? AND store_hash = ? AND client_id = ?')
      .get(id, storeHash, clientId) as HookRow | undefined;
    return row ? toView(row) : undefined;
  }

  update(storeHash: string, clientId: string, id: number, patch: HookUpdateInput): Result<HookView> {
    const parsed = parseInput(hookUpdateSchema, patch, 'SANDBOX.HOOKS.INVALID');
    if (!parsed.ok) return parsed;
    const tx = this.db.transaction((): Result<HookView> => {
      const current = this.get(storeHash, clientId, id);
      if (!current) return notFound(id);
      const next = { ...current, ...parsed.value };
      const duplicate = this.findDuplicate(storeHash, clientId, next.scope, next.destination);
      if (duplicate && duplicate !== id) {
        return refuse(422, 'SANDBOX.HOOKS.DUPLICATE', 'JSON data is missing or invalid', {
          errors: {
            destination: 'A webhook with this scope and destination already exists for this client.',
          },
        });
      }
      this.db
        .prepare(
          'UPDATE hooks SET scope = ?, destination = ?, is_active = ?, headers = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          next.scope,
          next.destination,
          next.is_active ? 1 : 0,
          next.headers ? JSON.stringify(next.headers) : null,
          Math.floor(this.now().getTime() / 1000),
          id,
        );
      return done(this.get(storeHash, clientId, id)!);
    });
    return tx();
  }

  delete(storeHash: string, clientId: string, id: number): Result<HookView> {
    const current = this.get(storeHash, clientId, id);
    if (!current) return notFound(id);
    this.db.prepare('DELETE FROM hooks WHERE id = ?').run(id);
    return done(current);
  }

  /** Every hook of the store (any client), for the sandbox's own inspection pages and tests. */
  listAll(storeHash: string): HookView[] {
    return (
      this.db.prepare('SELECT * FROM hooks WHERE store_hash = ? ORDER BY id').all(storeHash) as HookRow[]
    ).map(toView);
  }

  /** Active hooks of any client in this store (the dispatcher filters by scope). */
  activeHooks(storeHash: string): HookView[] {
    return (
      this.db
        .prepare('SELECT * FROM hooks WHERE store_hash = ? AND is_active = 1 ORDER BY id')
        .all(storeHash) as HookRow[]
    ).map(toView);
  }

  byId(id: number): HookView | undefined {
    const row = this.db.prepare('SELECT * FROM hooks WHERE id = ?').get(id) as HookRow | undefined;
    return row ? toView(row) : undefined;
  }

  deactivate(id: number): void {
    this.db
      .prepare('UPDATE hooks SET is_active = 0, updated_at = ? WHERE id = ?')
      .run(Math.floor(this.now().getTime() / 1000), id);
  }

  /** BigCommerce deletes an app's hooks when the app is uninstalled. */
  deleteForClient(storeHash: string, clientId: string): number {
    return this.db
      .prepare('DELETE FROM hooks WHERE store_hash = ? AND client_id = ?')
      .run(storeHash, clientId).changes;
  }

  private findDuplicate(
    storeHash: string,
    clientId: string,
    scope: string,
    destination: string,
  ): number | undefined {
    const row = this.db
      .prepare(
        'SELECT id FROM hooks WHERE store_hash = ? AND client_id = ? AND scope = ? AND destination = ?',
      )
      .get(storeHash, clientId, scope, destination) as { id: number } | undefined;
    return row?.id;
  }
}

function notFound(id: number) {
  return refuse(404, 'SANDBOX.HOOKS.NOT_FOUND', `Webhook with id [${id}] not found`);
}

function toView(row: HookRow): HookView {
  return {
    id: row.id,
    client_id: row.client_id,
    store_hash: row.store_hash,
    scope: row.scope,
    destination: row.destination,
    is_active: row.is_active === 1,
    headers: row.headers ? parseDoc<Record<string, string>>(row.headers) : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
