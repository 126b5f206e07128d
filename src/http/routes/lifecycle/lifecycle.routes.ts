import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { z } from 'zod';
import type { AppAccess } from '../../../app/lifecycle/app-access.js';
import { type AuthorizeInstallResult, authorizeInstall } from '../../../app/lifecycle/authorize-install.js';
import type { InstallStoreDeps } from '../../../app/lifecycle/install-store.js';
import { type OpenAppResult, openApp } from '../../../app/lifecycle/open-app.js';
import { removeUser } from '../../../app/lifecycle/remove-user.js';
import { uninstallApp } from '../../../app/lifecycle/uninstall-app.js';
import type { AppAuthorization } from '../../../app/ports/app-authorization.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { JobQueue } from '../../../app/ports/job-queue.js';
import type { SettingsRepository } from '../../../app/ports/settings-repository.js';
import type { SignedRequests } from '../../../app/ports/signed-requests.js';
import type { StoreRepository } from '../../../app/ports/store-repository.js';
import type { StoreSetup } from '../../../app/ports/store-setup.js';
import type { StoreUserRepository } from '../../../app/ports/store-user-repository.js';
import type { TokenSealer } from '../../../app/ports/token-sealer.js';
import type { UsedSignedRequests } from '../../../app/ports/used-signed-requests.js';
import { adminSessionOf, requireAdminSession, type SessionTokens } from '../../session.js';
import type { AdminBuild } from '../admin/admin-build.js';
import { sendAdminPage } from '../admin/admin-page.js';
import { BIGCOMMERCE_FRAME_ANCESTORS, type PageSecurity, sendErrorPage } from './app-page.js';

/**
 * BigCommerce's app callbacks, translated to the lifecycle use cases (src/app/lifecycle): GET /auth
 * (authorizeInstall), GET /load (openApp), GET /uninstall (uninstallApp) and GET /remove_user
 * (removeUser). The browser callbacks answer with the admin app (src/admin, as built), holding a new
 * admin session, or an error page with the refusal's code; the server-to-server ones with JSON. Also the admin session
 * endpoints GET /api/session and POST /api/session/refresh.
 *
 * Admin sessions start here, not in the use cases: the token is the HTTP face of "this user may use the
 * app" (the iframe sends it as a Bearer token; src/http/session.ts signs and checks it), while the use
 * cases record that fact where it lasts, among the store's users, which every session check reads.
 */
export interface LifecycleRoutesOptions {
  readonly stores: StoreRepository;
  readonly storeUsers: StoreUserRepository;
  /** Remembers the signed requests /load accepted, so each is accepted once. */
  readonly usedSignedRequests: UsedSignedRequests;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
  readonly templates: InstallStoreDeps['templates'];
  readonly clock: Clock;
  /** Public base URL of the app, no trailing slash (config.appUrl). */
  readonly appUrl: string;
  /** Trades the install code for the store's token (BigCommerce's login service). */
  readonly appAuthorization: AppAuthorization;
  /** Verifies signed_payload_jwt of /load, /uninstall, /remove_user. */
  readonly signedRequests: SignedRequests;
  readonly tokens: TokenSealer;
  readonly sessions: SessionTokens;
  readonly storeSetup: StoreSetup;
  /** Opening the app queues the store's native backorders check when it is stale. */
  readonly jobs: Pick<JobQueue, 'send'>;
  /** The admin app that /auth and /load answer with (src/http/routes/admin). */
  readonly adminBuild: AdminBuild;
  /** CSP frame-ancestors of the app's pages; default BigCommerce's control-panel origins. */
  readonly frameAncestors?: readonly string[];
  /** For tests: the webhook secret installStore draws. */
  readonly newWebhookSecret?: () => string;
}

/** Registered at BigCommerce as the auth callback; the code exchange names it as redirect_uri. */
export const AUTH_CALLBACK_PATH = '/auth';

const authQuerySchema = z.object({
  code: z.string().min(1).max(1024),
  scope: z.string().max(4096),
  context: z.string().regex(/^stores\/[a-z0-9]{1,64}$/i),
  account_uuid: z.string().max(64).optional(),
});

/** A missing or malformed signed_payload_jwt is the use case's refusal (AUTH.INVALID_SIGNED_PAYLOAD). */
const signedQuerySchema = z.object({ signed_payload_jwt: z.string().optional() });

interface ErrorPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
}

type PageRefusal = Exclude<AuthorizeInstallResult | OpenAppResult, { readonly ok: true }>;

/** The error page of each refusal of /auth and /load (tests and the page's script match the codes). */
function errorPageOf(refusal: PageRefusal): ErrorPage {
  switch (refusal.code) {
    case 'INSTALL.CODE_REFUSED':
      return {
        status: 400,
        title: 'Install not completed',
        message:
          'BigCommerce refused the install code (it may have expired or been used already). Start the install again from the control panel.',
      };
    case 'INSTALL.LOGIN_UNAVAILABLE':
      return {
        status: 502,
        title: 'Install not completed',
        message:
          'BigCommerce did not answer the install request. Nothing was saved; try the install again in a moment.',
      };
    case 'INSTALL.CONTEXT_MISMATCH':
      return {
        status: 400,
        title: 'Install not completed',
        message:
          'BigCommerce granted access to a different store than the one installing. Nothing was saved.',
      };
    case 'INSTALL.STORE_NOT_INSTALLED':
      return { status: 409, title: 'Not installed', message: refusal.message };
    case 'INSTALL.SETUP_FAILED':
      return {
        status: 502,
        title: 'Setup did not finish',
        message:
          'Backorder could not finish setting up your store because BigCommerce did not answer as expected. ' +
          'Your data is safe: open the app again to finish the setup.',
      };
    case 'AUTH.INVALID_SIGNED_PAYLOAD':
      return {
        status: 401,
        title: 'Cannot open Backorder',
        message: `${refusal.message} Open the app again from the control panel.`,
      };
    case 'AUTH.SIGNED_PAYLOAD_USED':
      return {
        status: 401,
        title: 'Cannot open Backorder',
        message:
          'This link to open Backorder was used already; each link works once. Open the app again from the control panel.',
      };
    case 'AUTH.USER_REMOVED':
      return {
        status: 403,
        title: 'Access removed',
        message:
          'Your access to Backorder was removed in the control panel. Ask the store owner to give it back, then open the app again.',
      };
    case 'STORE.NOT_INSTALLED':
      return {
        status: 403,
        title: 'Backorder is not installed',
        message:
          'Backorder is not installed in this store. Install it from the Apps page of the control panel.',
      };
  }
}

export const lifecycleRoutes: FastifyPluginAsync<LifecycleRoutesOptions> = async (
  app: FastifyInstance,
  o: LifecycleRoutesOptions,
) => {
  const security: PageSecurity = { frameAncestors: o.frameAncestors ?? BIGCOMMERCE_FRAME_ANCESTORS };
  const deps = {
    stores: o.stores,
    storeUsers: o.storeUsers,
    usedSignedRequests: o.usedSignedRequests,
    settings: o.settings,
    templates: o.templates,
    storeSetup: o.storeSetup,
    clock: o.clock,
    appUrl: o.appUrl,
    appAuthorization: o.appAuthorization,
    signedRequests: o.signedRequests,
    tokens: o.tokens,
    jobs: o.jobs,
    ...(o.newWebhookSecret ? { newSecret: o.newWebhookSecret } : {}),
  };
  const guard = requireAdminSession({ sessions: o.sessions, stores: o.stores, storeUsers: o.storeUsers });

  // Pages for the browser callbacks, JSON for the rest; never a stack trace or a token.
  app.setErrorHandler<FastifyError>(async (error, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'lifecycle request failed');
    const path = request.routeOptions.url ?? '';
    if (path === AUTH_CALLBACK_PATH || path === '/load') {
      return errorPage(reply, {
        status,
        code: status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID',
        title: 'Something went wrong',
        message:
          status >= 500
            ? 'Backorder hit an unexpected error. Try again in a moment.'
            : 'The request was not valid.',
      });
    }
    return jsonError(
      reply,
      status,
      status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID',
      status >= 500 ? 'Unexpected error.' : error.message,
    );
  });

  const errorPage = (reply: FastifyReply, page: ErrorPage & { readonly code: string }) =>
    sendErrorPage(reply, security, page);

  /** Logs what the refusal's log needs (never a code, token or secret), then answers its error page. */
  function refusalPage(request: FastifyRequest, reply: FastifyReply, refusal: PageRefusal) {
    if (refusal.code === 'INSTALL.CODE_REFUSED' || refusal.code === 'INSTALL.LOGIN_UNAVAILABLE') {
      request.log.warn({ code: refusal.code, reason: refusal.reason }, 'auth code exchange failed');
    } else if (refusal.code === 'INSTALL.SETUP_FAILED') {
      request.log.error({ err: refusal.error, storeId: refusal.storeId }, 'store setup failed');
    }
    return errorPage(reply, { code: refusal.code, ...errorPageOf(refusal) });
  }

  /** The admin app with a new admin session for the user the use case let in. */
  async function appPage(
    request: FastifyRequest,
    reply: FastifyReply,
    access: AppAccess,
    justInstalled: boolean,
  ) {
    if (access.setup !== null) {
      request.log.info({ storeId: access.store.id, report: access.setup }, 'store set up');
    }
    const session = await o.sessions.issue({
      storeId: access.store.id,
      storeHash: access.store.storeHash,
      userId: access.user.id,
      userEmail: access.user.email,
    });
    return sendAdminPage(reply, security, o.adminBuild, {
      token: session.token,
      expires_at: session.expiresAt.toISOString(),
      store: { hash: access.store.storeHash, timezone: access.store.timezone },
      user: { email: access.user.email },
      just_installed: justInstalled,
    });
  }

  app.get(AUTH_CALLBACK_PATH, async (request, reply) => {
    const query = authQuerySchema.safeParse(request.query);
    if (!query.success) {
      return errorPage(reply, {
        status: 400,
        code: 'INSTALL.INVALID_CALLBACK',
        title: 'Install link incomplete',
        message:
          'This install link lacks the code, scope or store context BigCommerce sends. Start the install again from the control panel.',
      });
    }
    const result = await authorizeInstall(deps, {
      code: query.data.code,
      scope: query.data.scope,
      storeHash: query.data.context.slice('stores/'.length),
    });
    if (!result.ok) return refusalPage(request, reply, result);
    return appPage(request, reply, result, true);
  });

  app.get('/load', async (request, reply) => {
    const result = await openApp(
      { ...deps, reportError: (error, context) => request.log.warn({ err: error }, context) },
      { signedRequest: signedRequestOf(request) },
    );
    if (!result.ok) return refusalPage(request, reply, result);
    return appPage(request, reply, result, false);
  });

  app.get('/uninstall', async (request, reply) => {
    const result = await uninstallApp(deps, { signedRequest: signedRequestOf(request) });
    if (!result.ok) return jsonError(reply, 401, result.code, result.message);
    // Nothing to do for a store we never knew; BigCommerce only needs a 2xx.
    if (result.uninstalled === null) return reply.code(200).send({ status: 'unknown_store' });
    const { storeId, report } = result.uninstalled;
    request.log.info({ storeId, report }, 'store uninstalled');
    return reply
      .code(200)
      .send({ status: report.alreadyUninstalled ? 'already_uninstalled' : 'uninstalled' });
  });

  app.get('/remove_user', async (request, reply) => {
    const result = await removeUser(deps, { signedRequest: signedRequestOf(request) });
    if (!result.ok) return jsonError(reply, 401, result.code, result.message);
    return reply.code(200).send({ removed: result.removed });
  });

  app.get('/api/session', { preHandler: guard }, async (request, reply) => {
    const session = adminSessionOf(request);
    // Always read by the session's own store id: the token is the only tenant selector.
    const store = await o.stores.getStore(session.storeId);
    if (store === null)
      return jsonError(reply, 401, 'AUTH.INVALID_SESSION', 'The store of this session is gone.');
    return reply.header('cache-control', 'no-store').send({
      store: { id: store.id, hash: store.storeHash, timezone: store.timezone, locale: store.locale },
      user: { id: session.userId, email: session.userEmail },
      expires_at: session.expiresAt.toISOString(),
    });
  });

  app.post('/api/session/refresh', { preHandler: guard }, async (request, reply) => {
    const session = adminSessionOf(request);
    const renewed = await o.sessions.issue({
      storeId: session.storeId,
      storeHash: session.storeHash,
      userId: session.userId,
      userEmail: session.userEmail,
    });
    return reply
      .header('cache-control', 'no-store')
      .send({ token: renewed.token, expires_at: renewed.expiresAt.toISOString() });
  });
};

function signedRequestOf(request: FastifyRequest): string | undefined {
  const query = signedQuerySchema.safeParse(request.query);
  return query.success ? query.data.signed_payload_jwt : undefined;
}

function jsonError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error: { code, message } });
}
