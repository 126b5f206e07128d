import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { z } from 'zod';
import {
  type InstallStoreDeps,
  installStore,
  setupIsComplete,
} from '../../../app/lifecycle/install-store.js';
import { uninstallStore } from '../../../app/lifecycle/uninstall-store.js';
import type { AppAuthorization, StoreGrant } from '../../../app/ports/app-authorization.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { SettingsRepository } from '../../../app/ports/settings-repository.js';
import type { SignedRequest, SignedRequests } from '../../../app/ports/signed-requests.js';
import type { StoreRecord, StoreRepository } from '../../../app/ports/store-repository.js';
import type { StoreSetup } from '../../../app/ports/store-setup.js';
import type { StoreUserRepository } from '../../../app/ports/store-user-repository.js';
import type { TokenSealer } from '../../../app/ports/token-sealer.js';
import { NOTIFY_EVENTS } from '../../../app/settings/notify-events.js';
import { adminSessionOf, requireAdminSession, type SessionTokens } from '../../session.js';
import { BIGCOMMERCE_FRAME_ANCESTORS, type PageSecurity, sendAppPage, sendErrorPage } from './app-page.js';

/**
 * BigCommerce's app callbacks: GET /auth (install: code exchange, store the token sealed, set the store
 * up), GET /load (open the app: verify signed_payload_jwt, start an admin session), GET /uninstall and
 * GET /remove_user (server to server). Also the admin session endpoints GET /api/session and
 * POST /api/session/refresh.
 */
export interface LifecycleRoutesOptions {
  readonly stores: StoreRepository;
  readonly storeUsers: StoreUserRepository;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
  readonly templates: InstallStoreDeps['templates'];
  readonly clock: Clock;
  /** Trades the install code for the store's token (BigCommerce's login service). */
  readonly appAuthorization: AppAuthorization;
  /** Verifies signed_payload_jwt of /load, /uninstall, /remove_user. */
  readonly signedRequests: SignedRequests;
  /** Public base URL of the app, no trailing slash (config.appUrl). */
  readonly appUrl: string;
  readonly tokens: TokenSealer;
  readonly sessions: SessionTokens;
  readonly storeSetup: StoreSetup;
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

export const lifecycleRoutes: FastifyPluginAsync<LifecycleRoutesOptions> = async (
  app: FastifyInstance,
  o: LifecycleRoutesOptions,
) => {
  const security: PageSecurity = { frameAncestors: o.frameAncestors ?? BIGCOMMERCE_FRAME_ANCESTORS };
  const installDeps: InstallStoreDeps = {
    stores: o.stores,
    settings: o.settings,
    templates: o.templates,
    storeSetup: o.storeSetup,
    clock: o.clock,
    appUrl: o.appUrl,
    ...(o.newWebhookSecret ? { newSecret: o.newWebhookSecret } : {}),
  };
  const guard = requireAdminSession({ sessions: o.sessions, stores: o.stores, storeUsers: o.storeUsers });

  // Pages for the browser callbacks, JSON for the rest; never a stack trace or a token.
  app.setErrorHandler<FastifyError>(async (error, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'lifecycle request failed');
    const path = request.routeOptions.url ?? '';
    if (path === AUTH_CALLBACK_PATH || path === '/load') {
      return errorPage(
        reply,
        status,
        status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID',
        'Something went wrong',
        status >= 500
          ? 'Backorder hit an unexpected error. Try again in a moment.'
          : 'The request was not valid.',
      );
    }
    return jsonError(
      reply,
      status,
      status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID',
      status >= 500 ? 'Unexpected error.' : error.message,
    );
  });

  const errorPage = (reply: FastifyReply, status: number, code: string, title: string, message: string) =>
    sendErrorPage(reply, security, { status, code, title, message });

  /** Runs installStore; false (and the error page sent) when BigCommerce could not be reached. */
  async function setUp(request: FastifyRequest, reply: FastifyReply, store: StoreRecord): Promise<boolean> {
    try {
      const result = await installStore(installDeps, { storeId: store.id });
      if (!result.ok) {
        await errorPage(reply, 409, result.code, 'Not installed', result.message);
        return false;
      }
      request.log.info({ storeId: store.id, report: result.report }, 'store set up');
      return true;
    } catch (error) {
      request.log.error({ err: error, storeId: store.id }, 'store setup failed');
      await errorPage(
        reply,
        502,
        'INSTALL.SETUP_FAILED',
        'Setup did not finish',
        'Backorder could not finish setting up your store because BigCommerce did not answer as expected. ' +
          'Your data is safe: open the app again to finish the setup.',
      );
      return false;
    }
  }

  async function openSession(store: StoreRecord, user: { id: number; email: string }) {
    return o.sessions.issue({
      storeId: store.id,
      storeHash: store.storeHash,
      userId: user.id,
      userEmail: user.email,
    });
  }

  app.get(AUTH_CALLBACK_PATH, async (request, reply) => {
    const query = authQuerySchema.safeParse(request.query);
    if (!query.success) {
      return errorPage(
        reply,
        400,
        'INSTALL.INVALID_CALLBACK',
        'Install link incomplete',
        'This install link lacks the code, scope or store context BigCommerce sends. Start the install again from the control panel.',
      );
    }
    const exchanged = await o.appAuthorization.exchangeInstallCode({
      code: query.data.code,
      scope: query.data.scope,
      storeHash: query.data.context.slice('stores/'.length),
    });
    if (!exchanged.ok) {
      request.log.warn({ code: exchanged.code, reason: exchanged.reason }, 'auth code exchange failed');
      return exchanged.code === 'INSTALL.CODE_REFUSED'
        ? errorPage(
            reply,
            400,
            'INSTALL.CODE_REFUSED',
            'Install not completed',
            'BigCommerce refused the install code (it may have expired or been used already). Start the install again from the control panel.',
          )
        : errorPage(
            reply,
            502,
            'INSTALL.LOGIN_UNAVAILABLE',
            'Install not completed',
            'BigCommerce did not answer the install request. Nothing was saved; try the install again in a moment.',
          );
    }
    const token: StoreGrant = exchanged.grant;
    const storeHash = token.storeHash;
    if (storeHash !== query.data.context.slice('stores/'.length)) {
      return errorPage(
        reply,
        400,
        'INSTALL.CONTEXT_MISMATCH',
        'Install not completed',
        'BigCommerce granted access to a different store than the one installing. Nothing was saved.',
      );
    }

    const now = o.clock.now();
    const owner = token.owner ?? token.user;
    const store = await o.stores.install({
      storeHash,
      accessTokenEncrypted: o.tokens.seal(token.accessToken, storeHash),
      scope: token.scope,
      // A merchant expects to be told when products switch without configuring anything first.
      initialSettings: { notificationEmails: [owner.email], notifyEvents: NOTIFY_EVENTS },
      now,
    });
    await o.storeUsers.upsertUser(store.id, { bcUserId: owner.id, email: owner.email, isOwner: true }, now);
    if (token.user.id !== owner.id) {
      await o.storeUsers.upsertUser(
        store.id,
        { bcUserId: token.user.id, email: token.user.email, isOwner: false },
        now,
      );
    }
    if (!(await setUp(request, reply, store))) return reply;
    const current = (await o.stores.getStore(store.id)) ?? store;
    const session = await openSession(current, token.user);
    return sendAppPage(reply, security, {
      storeHash: current.storeHash,
      timezone: current.timezone,
      userEmail: token.user.email,
      sessionToken: session.token,
      sessionExpiresAt: session.expiresAt,
      justInstalled: true,
    });
  });

  app.get('/load', async (request, reply) => {
    const verified = await o.signedRequests.verify(signedPayloadOf(request));
    if (!verified.ok) {
      return errorPage(
        reply,
        401,
        verified.code,
        'Cannot open Backorder',
        `${verified.message} Open the app again from the control panel.`,
      );
    }
    const payload = verified.request;
    let store = await o.stores.findStoreByHash(payload.storeHash);
    if (store === null || store.status !== 'installed') {
      return errorPage(
        reply,
        403,
        'STORE.NOT_INSTALLED',
        'Backorder is not installed',
        'Backorder is not installed in this store. Install it from the Apps page of the control panel.',
      );
    }
    if (!setupIsComplete(store)) {
      // A previous install stopped half-way (BigCommerce unreachable): finish it now.
      if (!(await setUp(request, reply, store))) return reply;
      store = (await o.stores.getStore(store.id)) ?? store;
    }
    await rememberUser(store, payload);
    const session = await openSession(store, payload.user);
    return sendAppPage(reply, security, {
      storeHash: store.storeHash,
      timezone: store.timezone,
      userEmail: payload.user.email,
      sessionToken: session.token,
      sessionExpiresAt: session.expiresAt,
      justInstalled: false,
    });
  });

  async function rememberUser(store: StoreRecord, payload: SignedRequest) {
    await o.storeUsers.upsertUser(
      store.id,
      { bcUserId: payload.user.id, email: payload.user.email, isOwner: payload.user.id === payload.owner.id },
      o.clock.now(),
    );
  }

  app.get('/uninstall', async (request, reply) => {
    const verified = await o.signedRequests.verify(signedPayloadOf(request));
    if (!verified.ok) return jsonError(reply, 401, verified.code, verified.message);
    const store = await o.stores.findStoreByHash(verified.request.storeHash);
    // Nothing to do for a store we never knew; BigCommerce only needs a 2xx.
    if (store === null) return reply.code(200).send({ status: 'unknown_store' });
    const result = await uninstallStore(
      {
        stores: o.stores,
        storeUsers: o.storeUsers,
        storeSetup: o.storeSetup,
        clock: o.clock,
      },
      { storeId: store.id },
    );
    if (!result.ok) return reply.code(200).send({ status: 'unknown_store' });
    request.log.info({ storeId: store.id, report: result.report }, 'store uninstalled');
    return reply.code(200).send({
      status: result.report.alreadyUninstalled ? 'already_uninstalled' : 'uninstalled',
    });
  });

  app.get('/remove_user', async (request, reply) => {
    const verified = await o.signedRequests.verify(signedPayloadOf(request));
    if (!verified.ok) return jsonError(reply, 401, verified.code, verified.message);
    const store = await o.stores.findStoreByHash(verified.request.storeHash);
    if (store === null) return reply.code(200).send({ removed: false });
    const removed = await o.storeUsers.removeUser(store.id, verified.request.user.id);
    return reply.code(200).send({ removed });
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

function signedPayloadOf(request: FastifyRequest): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.signed_payload_jwt;
  return typeof value === 'string' ? value : undefined;
}

function jsonError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error: { code, message } });
}
