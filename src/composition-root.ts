import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  bigCommerceWebhookEvents,
  createAppAuthorization,
  createBigCommerceClientPool,
  createSignedRequests,
  createStoreCatalog,
  createStoreClients,
  createStoreInventory,
  createStoreOrders,
  createStoreSetup,
} from './adapters/bigcommerce/index.js';
import { tokenCipherFromKey } from './adapters/crypto/token-cipher.js';
import { type DatabaseHandle, openDatabase, pingDatabase } from './adapters/db/database.js';
import { migrateToLatest } from './adapters/db/migrate.js';
import { PostgresQuotaLedger } from './adapters/db/quota-ledger.repo.js';
import { createRepositories } from './adapters/db/repositories.js';
import { createTempFiles } from './adapters/fs/temp-files.js';
import { createJobQueue, type JobQueueTuning, type JobRunnerCounts } from './adapters/jobs/index.js';
import { createSmtpMailer } from './adapters/mail/smtp.mailer.js';
import { createPdfPackingSlipPrinter } from './adapters/pdf/packing-slip.pdf.js';
import { createSpreadsheetReader } from './adapters/spreadsheets/spreadsheet-reader.js';
import { assignmentBulkJob } from './app/assignment/assignment-bulk.job.js';
import { datesCheckJob } from './app/dates/dates-check.job.js';
import { importApplyJob } from './app/imports/import-apply.job.js';
import type { JobDefinitions } from './app/jobs/define-job.js';
import { concurrencyOf, JOB_CATALOGUE, JOB_NAMES, PERIODIC_JOBS } from './app/jobs/job-catalogue.js';
import { maintenanceSweepJob } from './app/maintenance/maintenance-sweep.job.js';
import { modeMoveJob } from './app/modes/mode-move.job.js';
import { notificationsFlushJob, scheduleFlushesForPendingStores } from './app/notifications/index.js';
import { OrderPrefetch } from './app/orders/order-prefetch.js';
import { outboxDeliverJob, outboxUrgentJob } from './app/outbox/outbox-deliver.job.js';
import { type Clock, systemClock } from './app/ports/clock.js';
import type { JobQueue } from './app/ports/job-queue.js';
import type { Mailer } from './app/ports/mailer.js';
import { detectNativeJob } from './app/settings/detect-native.job.js';
import { reevaluateJob } from './app/settings/reevaluate.job.js';
import { processWebhookJob } from './app/webhooks/process-webhook.job.js';
import type { StoresConfig } from './config.js';
import { apiV1Plugin } from './http/api-v1/api-v1.plugin.js';
import { type AdminBuild, adminRoutes, loadAdminBuild } from './http/routes/admin/index.js';
import {
  AUTH_CALLBACK_PATH,
  BIGCOMMERCE_FRAME_ANCESTORS,
  lifecycleRoutes,
} from './http/routes/lifecycle/index.js';
import { storefrontRoutes } from './http/routes/storefront/index.js';
import { webhookRoutes } from './http/routes/webhooks/index.js';
import { buildServer, type JobActivity } from './http/server.js';
import { createSessionTokens } from './http/session.js';

/** What the app needs to serve stores, and what demo mode and tests may replace. */
export interface AppOptions {
  /** Real stores' configuration; demo mode builds one that points at the sandbox. */
  readonly config: StoresConfig;
  readonly clock?: Clock;
  /** Replaces the SMTP mailer (tests). */
  readonly mailer?: Mailer;
  /** Extra origins allowed to frame the app (the sandbox's control panel in demo mode). */
  readonly extraFrameAncestors?: readonly string[];
  /** Default true; false builds the app without running background jobs (a test may run them by hand). */
  readonly runJobs?: boolean;
  /** How often the periodic jobs are queued (default 60 s). */
  readonly periodicJobsMs?: number;
  /** Polling, retry and lease timings of the job queue (tests shorten them). */
  readonly jobTuning?: JobQueueTuning;
  /** The admin app to serve; default: the build in dist/admin (refused at start when there is none). */
  readonly adminBuild?: AdminBuild;
}

export interface App {
  readonly server: FastifyInstance;
  readonly database: DatabaseHandle;
  /** The shared queue, and what this instance's runner did (each instance counts its own jobs). */
  readonly jobs: JobQueue & JobRunnerCounts;
  readonly repositories: ReturnType<typeof createRepositories>;
  /** Listens on config.host:config.port; resolves with the address. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The composition root: builds every adapter once, hands the ports to the use cases, registers the
 * job handlers and the HTTP routes. Nothing else in the app constructs adapters.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const { bigcommerce, appUrl } = config;
  const clock = options.clock ?? systemClock;
  // Before anything opens: without its admin app the app cannot be used (npm start builds it).
  const adminBuild = options.adminBuild ?? loadAdminBuild();
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  const repositories = createRepositories(database);
  const server = buildServer({
    logLevel: config.logLevel,
    checkDatabase: () => pingDatabase(database.db),
    // Read per request, after the queue below exists.
    jobActivity: () => jobActivityOf(jobs),
  });
  const reportError = (error: unknown, context: string) => server.log.error({ err: error, context }, context);

  // Access tokens at rest: sealed by the install, opened by the store clients, with the same key.
  const tokens = tokenCipherFromKey(config.secrets.tokenEncryptionKey);
  // Each store's API quota, paced by priority: shared by every instance on PostgreSQL, in this process's
  // memory on SQLite (one process).
  const pool = createBigCommerceClientPool({
    apiBaseUrl: bigcommerce.apiUrl,
    logger: server.log,
    ...(database.dialect === 'postgres' ? { quotaLedger: new PostgresQuotaLedger(database.db) } : {}),
  });
  // BigCommerce through the app's ports: each adapter takes a store's client per call.
  const storeClients = createStoreClients({ stores: repositories.stores, tokens, pool });
  const storeOrders = createStoreOrders(storeClients);
  const storeCatalog = createStoreCatalog(storeClients);
  const storeInventory = createStoreInventory(storeClients);
  const storeSetup = createStoreSetup(storeClients);
  const webhookEvents = bigCommerceWebhookEvents;
  // The app's registration at BigCommerce: install codes and signed requests.
  const appAuthorization = createAppAuthorization({
    clientId: bigcommerce.clientId,
    clientSecret: bigcommerce.clientSecret,
    loginUrl: bigcommerce.loginUrl,
    redirectUri: `${appUrl}${AUTH_CALLBACK_PATH}`,
  });
  const signedRequests = createSignedRequests({
    clientId: bigcommerce.clientId,
    clientSecret: bigcommerce.clientSecret,
    clock,
  });
  const sessions = createSessionTokens({ secret: config.secrets.sessionSecret, clock });
  const jobs = createJobQueue({
    dialect: database.dialect,
    db: database.db,
    postgresUrl: config.database.kind === 'postgres' ? config.database.url : undefined,
    clock,
    logger: server.log,
    tuning: options.jobTuning,
  });
  const smtpMailer = options.mailer
    ? null
    : createSmtpMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  const mailer: Mailer = options.mailer ?? (smtpMailer as Mailer);
  const notificationWindowMs = config.mail.notificationWindowMs;

  // Per process: orders of waiting created-order webhooks read together under a storm (issue 12).
  const orderPrefetch = new OrderPrefetch({ inbox: repositories.inbox, storeOrders, webhookEvents, clock });

  // One bag of ports: every use case takes the subset it names.
  const deps = {
    ...repositories,
    storeOrders,
    orderPrefetch,
    storeCatalog,
    storeInventory,
    webhookEvents,
    jobs,
    clock,
    mailer,
    notificationWindowMs,
    config: { notificationWindowMs, appUrl },
    reportError,
  };
  // Imports: uploads land in private temp files of the data directory and are read as streams.
  const imports = {
    ...deps,
    spreadsheetReader: createSpreadsheetReader(),
    tempFiles: createTempFiles(path.join(config.dataDir, 'tmp', 'imports')),
  };

  // Every job of the catalogue, each with its deps (the type fails when one is missing).
  const definedJobs: JobDefinitions = {
    // First: the queue looks for due jobs in this order, so a waiting disabling write is taken first.
    'outbox.urgent': outboxUrgentJob(deps),
    'webhook.process': processWebhookJob(deps),
    'outbox.deliver': outboxDeliverJob(deps),
    'notifications.flush': notificationsFlushJob(deps),
    'assignment.bulk': assignmentBulkJob(deps),
    'import.apply': importApplyJob(imports),
    'settings.detect-native': detectNativeJob({ ...deps, storeSetup }),
    'mode-move.run': modeMoveJob(deps),
    'settings.reevaluate': reevaluateJob(deps),
    'dates.check': datesCheckJob(deps),
    'maintenance.sweep': maintenanceSweepJob({
      ...deps,
      flushPendingNotifications: () => scheduleFlushesForPendingStores(deps),
    }),
  };
  for (const job of Object.values(definedJobs)) {
    const concurrency = concurrencyOf(job.name, database.dialect === 'postgres');
    jobs.work(job.name, job.handler, { concurrency, callPriority: JOB_CATALOGUE[job.name].callPriority });
  }
  const periodicMs = options.periodicJobsMs ?? 60_000;
  for (const name of PERIODIC_JOBS) jobs.every(name, periodicMs);

  const frameAncestors = [...BIGCOMMERCE_FRAME_ANCESTORS, ...(options.extraFrameAncestors ?? [])];
  await server.register(lifecycleRoutes, {
    ...repositories,
    clock,
    appUrl,
    appAuthorization,
    signedRequests,
    tokens,
    sessions,
    storeSetup,
    jobs,
    adminBuild,
    frameAncestors,
  });
  await server.register(adminRoutes, { build: adminBuild, security: { frameAncestors } });
  await server.register(webhookRoutes, { ...repositories, webhookEvents, jobs, clock });
  await server.register(storefrontRoutes, repositories);
  await server.register(
    apiV1Plugin({
      ...deps,
      storeSetup,
      session: { sessions, stores: repositories.stores, storeUsers: repositories.storeUsers },
      assignment: deps,
      modeMoves: deps,
      packingSlipPrinter: createPdfPackingSlipPrinter(),
      imports,
      controlPanelUrl: bigcommerce.controlPanelUrl,
    }),
    { prefix: '/api/v1' },
  );

  const runJobs = options.runJobs ?? true;
  let closed = false;
  return {
    server,
    database,
    jobs,
    repositories,
    async listen() {
      const address = await server.listen({ host: config.host, port: config.port });
      if (runJobs) await jobs.start();
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeGracefully(server);
      // A handler waiting out BigCommerce's rate-limit window could hold the shutdown for half a minute:
      // past the grace, the queue is halted as a crash would halt it. Its jobs run again once their lease
      // expires, and every handler is idempotent (jobs are delivered at least once anyway).
      if (!(await settlesWithin(jobs.stop(), JOB_STOP_GRACE_MS))) await jobs.halt();
      await pool.close();
      smtpMailer?.close();
      await database.destroy();
    },
  };
}

/** Every job of the catalogue with this process's counts, zeros included, so the shape never changes. */
function jobActivityOf(jobs: JobRunnerCounts): JobActivity {
  return {
    running: Object.fromEntries(JOB_NAMES.map((name) => [name, jobs.runningCount(name)])),
    completed: Object.fromEntries(JOB_NAMES.map((name) => [name, jobs.completedCount(name)])),
  };
}

/** How long running jobs may take to finish when the app closes (main.ts gives the whole shutdown 10 s). */
const JOB_STOP_GRACE_MS = 5_000;

/** True when the promise settled within `ms`, false when the time ran out first. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops the HTTP server; requests in flight finish first. Node closes the keep-alive connections that
 * are idle when `close` begins, but one busy at that moment (a webhook delivery) stays open after its
 * answer until its keep-alive timeout (Fastify's: 72 s), and a restart would wait that long. Closing
 * idle connections again until the server has closed ends each one as soon as it has answered.
 */
async function closeGracefully(server: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
  try {
    await server.close();
  } finally {
    clearInterval(sweep);
  }
}
