import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTempFiles } from '../../../../src/adapters/fs/temp-files.js';
import { createPdfPackingSlipPrinter } from '../../../../src/adapters/pdf/packing-slip.pdf.js';
import { createSpreadsheetReader } from '../../../../src/adapters/spreadsheets/spreadsheet-reader.js';
import { createApiKey } from '../../../../src/app/api-keys/create-api-key.js';
import type { AssignmentDeps } from '../../../../src/app/assignment/assignment-deps.js';
import type { Clock } from '../../../../src/app/ports/clock.js';
import type { StoreRecord } from '../../../../src/app/ports/store-repository.js';
import { apiV1Plugin } from '../../../../src/http/api-v1/api-v1.plugin.js';
import { routerServerOptions } from '../../../../src/http/router-options.js';
import { createSessionTokens, type SessionTokens } from '../../../../src/http/session.js';
import type { TestDatabase } from '../../../adapters/db/support/databases.js';
import { aStore, NOW, type StoreOptions } from '../../../builders/store.builder.js';
import {
  InMemoryBigCommerce,
  InMemoryStoreCatalog,
  InMemoryStoreInventory,
  InMemoryStoreOrders,
  InMemoryStoreSetup,
} from '../../../fakes/bigcommerce/index.js';
import { fixedClock } from '../../../fakes/clock.js';
import { RecordingJobQueue } from '../../../fakes/job-queue.js';
import { type OpenApiDocument, ResponseContract } from './openapi-responses.js';

/** The harness's control panel: links to orders start with it, the store hash filled in. */
export const CONTROL_PANEL_URL = 'https://store-{store_hash}.example.com';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, string | string[] | number | undefined>;
}

export interface CallOptions {
  /** An API key or a session token; omitted: no Authorization header. */
  readonly auth?: string;
  /** A raw Authorization header value. */
  readonly authorization?: string;
  readonly body?: unknown;
  /** Sent as is (to test bodies that are not JSON). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface ApiHarness {
  readonly app: FastifyInstance;
  /** The stores' BigCommerce (fake): the orders the packing slips read. */
  readonly bigcommerce: InMemoryBigCommerce;
  readonly jobs: RecordingJobQueue;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly sessions: SessionTokens;
  /** Calls the API and checks the answer against the served OpenAPI document. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely; their shape is checked against the document.
  call<T = any>(method: string, url: string, options?: CallOptions): Promise<ApiResponse<T>>;
  /** A store with an API key (and, for session tests, an admin user). */
  aTenant(options?: StoreOptions): Promise<Tenant>;
  close(): Promise<void>;
}

export interface Tenant {
  readonly store: StoreRecord;
  readonly key: string;
  /** An admin session token of the store's owner. */
  session(): Promise<string>;
}

let userSequence = 0;

export async function startApiHarness(
  database: TestDatabase,
  options: { assignment?: AssignmentDeps; clock?: Clock & { set(at: Date): void } } = {},
): Promise<ApiHarness> {
  const { repos } = database;
  const clock = (options.clock as ReturnType<typeof fixedClock> | undefined) ?? fixedClock(NOW);
  const jobs = new RecordingJobQueue();
  const sessions = createSessionTokens({ secret: 's'.repeat(40), clock });
  const bigcommerce = new InMemoryBigCommerce({ stores: repos.stores, now: () => clock.now() });
  // The app's own router options: long SKUs in paths, the router's errors in the API's envelope.
  const app = Fastify({ logger: false, ...routerServerOptions });
  await app.register(
    apiV1Plugin({
      clock,
      items: repos.items,
      itemTransactions: repos.itemTransactions,
      products: repos.products,
      assignedProducts: repos.assignedProducts,
      settings: repos.settings,
      reevaluations: repos.reevaluations,
      stores: repos.stores,
      templates: repos.templates,
      apiKeys: repos.apiKeys,
      orderReport: repos.orderReport,
      activityLog: repos.activityLog,
      dashboard: repos.dashboard,
      history: repos.history,
      orderLines: repos.orderLines,
      storeOrders: new InMemoryStoreOrders(bigcommerce),
      storeSetup: new InMemoryStoreSetup(bigcommerce),
      packingSlipPrinter: createPdfPackingSlipPrinter(),
      controlPanelUrl: CONTROL_PANEL_URL,
      jobs,
      session: { sessions, stores: repos.stores, storeUsers: repos.storeUsers },
      assignment: options.assignment ?? unusedAssignment(),
      // Mode moves over the fake BigCommerce.
      modeMoves: {
        ...repos,
        storeCatalog: new InMemoryStoreCatalog(bigcommerce),
        storeInventory: new InMemoryStoreInventory(bigcommerce),
        jobs,
        clock,
      },
      // Imports on the real file reader, their uploads in a temp folder of their own.
      imports: {
        ...repos,
        clock,
        jobs,
        spreadsheetReader: createSpreadsheetReader(),
        tempFiles: createTempFiles(mkdtempSync(path.join(tmpdir(), 'backorder-imports-'))),
      },
    }),
    { prefix: '/api/v1' },
  );
  await app.ready();
  const document = (
    await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
  ).json() as OpenApiDocument;
  const contract = new ResponseContract(document);

  return {
    app,
    bigcommerce,
    jobs,
    clock,
    sessions,
    async call(method, url, call = {}) {
      const headers: Record<string, string> = { ...call.headers };
      if (call.auth !== undefined) headers.authorization = `Bearer ${call.auth}`;
      if (call.authorization !== undefined) headers.authorization = call.authorization;
      let payload: string | undefined;
      if (call.rawBody !== undefined) payload = call.rawBody;
      else if (call.body !== undefined) {
        payload = JSON.stringify(call.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(payload === undefined ? {} : { payload }),
      });
      const type = String(response.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      // A download (a PDF, a spreadsheet) is answered as its bytes; everything else is JSON.
      const file = response.body !== '' && type !== 'application/json';
      const body = response.body === '' ? undefined : file ? response.rawPayload : response.json();
      contract.check(method, url, response.statusCode, body, file ? type : undefined);
      return { status: response.statusCode, body, headers: response.headers };
    },
    async aTenant(storeOptions = {}) {
      const store = await aStore(repos, storeOptions);
      const created = await createApiKey(
        { apiKeys: repos.apiKeys, clock },
        { storeId: store.id, name: 'ERP' },
      );
      if (!created.ok) throw new Error(created.message);
      userSequence += 1;
      const userId = 5_000 + userSequence;
      await repos.storeUsers.upsertUser(
        store.id,
        { bcUserId: userId, email: `owner${userId}@example.com`, isOwner: true },
        clock.now(),
      );
      return {
        store,
        key: created.key,
        session: async () =>
          (
            await sessions.issue({
              storeId: store.id,
              storeHash: store.storeHash,
              userId,
              userEmail: `owner${userId}@example.com`,
            })
          ).token,
      };
    },
    close: () => app.close(),
  };
}

/** For suites that do not call the assignment endpoints: any use of BigCommerce fails the test. */
function unusedAssignment(): AssignmentDeps {
  return new Proxy({} as AssignmentDeps, {
    get(_target, property) {
      if (property === 'reportError' || property === 'options' || property === 'notificationWindowMs') {
        return undefined;
      }
      throw new Error(`this suite does not wire assignment (asked for ${String(property)})`);
    },
  });
}
