import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseInput } from './catalog.schemas.js';
import { done, type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';
import { isoDate } from './unit-of-work.js';

export interface ScriptView {
  uuid: string;
  name: string;
  description: string;
  html: string;
  src: string;
  auto_uninstall: boolean;
  load_method: 'default' | 'async' | 'defer';
  location: 'head' | 'footer';
  visibility: 'storefront' | 'all_pages' | 'checkout' | 'order_confirmation';
  kind: 'src' | 'script_tag';
  api_client_id: string;
  consent_category: 'essential' | 'functional' | 'analytics' | 'targeting' | 'unknown';
  enabled: boolean;
  channel_id: number;
  integrity_hashes: string[];
  date_created: string;
  date_modified: string;
}

/** BigCommerce: "Each app can have 10 scripts installed." */
export const MAX_SCRIPTS_PER_CLIENT = 10;

const fields = {
  name: z.string().min(1).max(255),
  description: z.string().max(65536),
  html: z.string().max(65536),
  src: z.string().max(2048),
  auto_uninstall: z.boolean(),
  load_method: z.enum(['default', 'async', 'defer']),
  location: z.enum(['head', 'footer']),
  visibility: z.enum(['storefront', 'all_pages', 'checkout', 'order_confirmation']),
  kind: z.enum(['src', 'script_tag']),
  consent_category: z.enum(['essential', 'functional', 'analytics', 'targeting']),
  enabled: z.boolean(),
  channel_id: z.number().int().min(1),
  integrity_hashes: z.array(z.string()).max(5),
};

const scriptPostSchema = z.object(fields).partial().extend({ name: fields.name });
const scriptPutSchema = z.object(fields).partial();

export type ScriptCreateInput = z.input<typeof scriptPostSchema>;
export type ScriptUpdateInput = z.input<typeof scriptPutSchema>;

const DEFAULTS: Omit<ScriptView, 'uuid' | 'name' | 'api_client_id' | 'date_created' | 'date_modified'> = {
  description: '',
  html: '',
  src: '',
  auto_uninstall: false,
  load_method: 'default',
  location: 'footer',
  visibility: 'storefront',
  kind: 'src',
  // Documented default ("Defaults to `unknown` when not specified"), although the enum omits it.
  consent_category: 'unknown',
  enabled: true,
  channel_id: 1,
  integrity_hashes: [],
};

/** Which scripts show on which storefront page (BigCommerce's visibility rules). */
export type StorefrontPage = 'storefront' | 'checkout' | 'order_confirmation';

export class ScriptsRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  create(storeHash: string, clientId: string, input: ScriptCreateInput): Result<ScriptView> {
    const parsed = parseInput(scriptPostSchema, input, 'SANDBOX.SCRIPTS.INVALID');
    if (!parsed.ok) return parsed;
    const doc = { ...DEFAULTS, ...parsed.value };
    const problem = kindProblem(doc);
    if (problem) return problem;
    const tx = this.db.transaction((): Result<ScriptView> => {
      const count = this.db
        .prepare('SELECT COUNT(*) AS n FROM scripts WHERE store_hash = ? AND client_id = ?')
        .get(storeHash, clientId) as { n: number };
      if (count.n >= MAX_SCRIPTS_PER_CLIENT) {
        return refuse(422, 'SANDBOX.SCRIPTS.LIMIT_REACHED', 'JSON data is missing or invalid', {
          errors: { name: `An API client can install at most ${MAX_SCRIPTS_PER_CLIENT} scripts.` },
        });
      }
      const uuid = randomUUID();
      const date = isoDate(this.now());
      const seq = (
        this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM scripts').get() as { n: number }
      ).n;
      this.db
        .prepare('INSERT INTO scripts (uuid, store_hash, client_id, seq, doc) VALUES (?, ?, ?, ?, ?)')
        .run(
          uuid,
          storeHash,
          clientId,
          seq,
          JSON.stringify({ ...doc, date_created: date, date_modified: date }),
        );
      return done(this.get(storeHash, clientId, uuid)!);
    });
    return tx();
  }

  /** GET /content/scripts: only the calling client's scripts ("only visible by the creating API account"). */
  list(
    storeHash: string,
    clientId: string,
    query: { page?: number; limit?: number } = {},
  ): { items: ScriptView[]; total: number } {
    const page = Math.max(1, query.page ?? 1);
    const limit = Math.min(250, Math.max(1, query.limit ?? 50));
    const total = (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM scripts WHERE store_hash = ? AND client_id = ?')
        .get(storeHash, clientId) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare('SELECT * FROM scripts WHERE store_hash = ? AND client_id = ? ORDER BY seq LIMIT ? OFFSET ?')
      .all(storeHash, clientId, limit, (page - 1) * limit) as ScriptRow[];
    return { items: rows.map(toView), total };
  }

  get(storeHash: string, clientId: string, uuid: string): ScriptView | undefined {
    const row = this.db
      .prepare('SELECT * FROM scripts WHERE uuid = ? AND store_hash = ? AND client_id = ?')
      .get(uuid, storeHash, clientId) as ScriptRow | undefined;
    return row ? toView(row) : undefined;
  }

  update(storeHash: string, clientId: string, uuid: string, patch: ScriptUpdateInput): Result<ScriptView> {
    const parsed = parseInput(scriptPutSchema, patch, 'SANDBOX.SCRIPTS.INVALID');
    if (!parsed.ok) return parsed;
    const current = this.get(storeHash, clientId, uuid);
    if (!current) return notFound(uuid);
    const next = { ...current, ...parsed.value, date_modified: isoDate(this.now()) };
    const problem = kindProblem(next);
    if (problem) return problem;
    const { uuid: _uuid, api_client_id: _client, ...doc } = next;
    this.db.prepare('UPDATE scripts SET doc = ? WHERE uuid = ?').run(JSON.stringify(doc), uuid);
    return done(this.get(storeHash, clientId, uuid)!);
  }

  delete(storeHash: string, clientId: string, uuid: string): Result<void> {
    const changes = this.db
      .prepare('DELETE FROM scripts WHERE uuid = ? AND store_hash = ? AND client_id = ?')
      .run(uuid, storeHash, clientId).changes;
    return changes > 0 ? done(undefined) : notFound(uuid);
  }

  /**
   * Enabled scripts of every client that a storefront page should render, in creation order.
   * `storefront` scripts show on storefront pages; `all_pages` everywhere; `checkout` and
   * `order_confirmation` only on those pages.
   */
  forPage(storeHash: string, page: StorefrontPage): ScriptView[] {
    const rows = this.db
      .prepare('SELECT * FROM scripts WHERE store_hash = ? ORDER BY seq')
      .all(storeHash) as ScriptRow[];
    return rows
      .map(toView)
      .filter((s) => s.enabled && (s.visibility === 'all_pages' || s.visibility === page));
  }

  /** On uninstall BigCommerce removes the app's scripts (those marked auto_uninstall; the sandbox removes all of them). */
  deleteForClient(storeHash: string, clientId: string): number {
    return this.db
      .prepare('DELETE FROM scripts WHERE store_hash = ? AND client_id = ?')
      .run(storeHash, clientId).changes;
  }
}

interface ScriptRow {
  uuid: string;
  store_hash: string;
  client_id: string;
  seq: number;
  doc: string;
}

function toView(row: ScriptRow): ScriptView {
  return {
    ...parseDoc<Omit<ScriptView, 'uuid' | 'api_client_id'>>(row.doc),
    uuid: row.uuid,
    api_client_id: row.client_id,
  };
}

function notFound(uuid: string) {
  return refuse(404, 'SANDBOX.SCRIPTS.NOT_FOUND', `Script with uuid ${uuid} was not found.`);
}

function kindProblem(doc: Pick<ScriptView, 'kind' | 'src' | 'html' | 'load_method'>) {
  if (doc.kind === 'src' && doc.src === '') {
    return refuse(422, 'SANDBOX.SCRIPTS.INVALID', 'JSON data is missing or invalid', {
      errors: { src: 'src is required when kind is src' },
    });
  }
  if (doc.kind === 'script_tag') {
    if (doc.html === '') {
      return refuse(422, 'SANDBOX.SCRIPTS.INVALID', 'JSON data is missing or invalid', {
        errors: { html: 'html is required when kind is script_tag' },
      });
    }
    if (doc.load_method !== 'default') {
      return refuse(422, 'SANDBOX.SCRIPTS.INVALID', 'JSON data is missing or invalid', {
        errors: { load_method: 'load_method must be default when kind is script_tag' },
      });
    }
  }
  return undefined;
}
