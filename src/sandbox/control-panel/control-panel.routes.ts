import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { html, page, type SafeHtml } from '../html.js';
import type { AppRegistry } from './app-registry.js';
import type { InstallService } from './install.service.js';

/**
 * The control panel (`/cp/{store_hash}/apps`) and the login service's token endpoint (`POST /oauth2/token`).
 * Like BigCommerce's, the Apps page lists the apps and installs, opens (in an iframe) and uninstalls them.
 * The sandbox has no merchant login: anyone who can reach it is the store owner. State-changing requests
 * must come from the sandbox's own pages (Origin check), so another local site cannot trigger them.
 */
export interface ControlPanelRoutesOptions {
  apps: AppRegistry;
  install: InstallService;
  /** Stores shown on `/cp` (hash and name). */
  listStores: () => { hash: string; name: string }[];
  /** An order of a store as the control panel's order page shows it; undefined when there is none. */
  findOrder: (storeHash: string, orderId: number) => ControlPanelOrder | undefined;
}

export interface ControlPanelOrder {
  readonly id: number;
  readonly status: string;
  readonly dateCreated: string;
  readonly staffNotes: string;
  readonly lines: readonly { name: string; sku: string; quantity: number }[];
}

export const controlPanelRoutes: FastifyPluginAsync<ControlPanelRoutesOptions> = async (
  app: FastifyInstance,
  o,
) => {
  // Scoped to this plugin: the login service accepts form-encoded token requests as well as JSON.
  await app.register(formbody);

  app.post('/oauth2/token', async (req, reply) => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const answer = o.install.exchangeCode(body);
    return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
  });

  app.get('/cp', async (_req, reply) => {
    const stores = o.listStores();
    const body = html`${banner(null)}
<main>
  <h1>Stores</h1>
  <ul class="cp-stores">${stores.map(
    (s) => html`<li><a href="/cp/${s.hash}/apps">${s.name}</a> <span class="muted">(${s.hash})</span>
      · <a href="/s/${s.hash}/">storefront</a></li>`,
  )}</ul>
</main>`;
    return sendPage(reply, 'Sandbox control panel', body);
  });

  app.get<{ Params: { storeHash: string }; Querystring: { notice?: string } }>(
    '/cp/:storeHash/apps',
    async (req, reply) => {
      const { storeHash } = req.params;
      if (!o.listStores().some((s) => s.hash === storeHash))
        return notFound(reply, `Store ${storeHash} does not exist.`);
      const rows = o.apps.list().map((a) => {
        const installed = o.install.isInstalled(storeHash, a.clientId);
        const base = `/cp/${storeHash}/apps/${encodeURIComponent(a.clientId)}`;
        return html`<tr class="cp-app" data-client-id="${a.clientId}" data-installed="${installed ? 'true' : 'false'}">
  <td><strong>${a.name}</strong><br><span class="muted">${a.clientId}</span></td>
  <td>${a.scopes.join(', ')}</td>
  <td>${
    installed
      ? html`<a class="button button--primary cp-open" href="${base}">Open</a>
      <form method="post" action="${base}/uninstall" style="display:inline"><button class="button cp-uninstall" type="submit">Uninstall</button></form>`
      : html`<form method="post" action="${base}/install" style="display:inline"><button class="button button--primary cp-install" type="submit">Install</button></form>`
  }</td>
</tr>`;
      });
      const notice = typeof req.query.notice === 'string' ? req.query.notice.slice(0, 500) : '';
      const body = html`${banner(storeHash)}
<main>
  <h1>Apps</h1>
  ${notice ? html`<p class="alertBox alertBox--success cp-notice">${notice}</p>` : ''}
  <table class="cp-apps">
    <thead><tr><th>App</th><th>Scopes</th><th></th></tr></thead>
    <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="3" class="muted">No apps registered (SANDBOX_APPS).</td></tr>`}</tbody>
  </table>
</main>`;
      return sendPage(reply, 'Apps', body);
    },
  );

  // Where BigCommerce's control panel shows an order (`/manage/orders/{id}` on the store's control panel);
  // apps link there, the Backorder app from its Orders and product screens.
  app.get<{ Params: { storeHash: string; orderId: string } }>(
    '/cp/:storeHash/manage/orders/:orderId',
    async (req, reply) => {
      const { storeHash } = req.params;
      const orderId = Number(req.params.orderId);
      const order = Number.isSafeInteger(orderId) ? o.findOrder(storeHash, orderId) : undefined;
      if (order === undefined)
        return refusalPage(reply, 404, `Order ${req.params.orderId} does not exist.`, storeHash);
      const body = html`${banner(storeHash)}
<main>
  <h1>Order #${order.id}</h1>
  <p class="cp-order-status">Status: <strong>${order.status}</strong> · placed ${order.dateCreated}</p>
  <table class="cp-order-lines">
    <thead><tr><th>Product</th><th>SKU</th><th>Quantity</th></tr></thead>
    <tbody>${order.lines.map((l) => html`<tr><td>${l.name}</td><td>${l.sku}</td><td>${l.quantity}</td></tr>`)}</tbody>
  </table>
  <h2>Staff notes</h2>
  <pre class="cp-order-staff-notes">${order.staffNotes}</pre>
</main>`;
      return sendPage(reply, `Order #${order.id}`, body);
    },
  );

  app.post<{ Params: { storeHash: string; clientId: string } }>(
    '/cp/:storeHash/apps/:clientId/install',
    async (req, reply) => {
      if (!sameOrigin(req)) return forbidden(reply);
      const started = o.install.startInstall(req.params.storeHash, req.params.clientId);
      if (!started.ok) return refusalPage(reply, started.status, started.message, req.params.storeHash);
      return reply.redirect(started.redirectUrl, 303);
    },
  );

  app.get<{ Params: { storeHash: string; clientId: string }; Querystring: { frame?: string; url?: string } }>(
    '/cp/:storeHash/apps/:clientId',
    async (req, reply) => {
      const { storeHash, clientId } = req.params;
      const deepLink =
        typeof req.query.url === 'string' && req.query.url.startsWith('/') ? req.query.url : '/';
      const loaded = await o.install.loadUrl(storeHash, clientId, deepLink);
      if (!loaded.ok) return refusalPage(reply, loaded.status, loaded.message, storeHash);
      // `?frame=0` opens the app full-page (handy from a terminal); otherwise it is framed like in BigCommerce.
      if (req.query.frame === '0') return reply.redirect(loaded.url, 303);
      const name = o.apps.get(clientId)?.name ?? clientId;
      const body = html`${banner(storeHash)}
<main style="max-width:none">
  <h1>${name}</h1>
  <iframe class="cp-app-frame" title="${name}" src="${loaded.url}" style="width:100%;height:80vh;border:1px solid #ccc;background:#fff"></iframe>
</main>`;
      return sendPage(reply, name, body);
    },
  );

  app.post<{ Params: { storeHash: string; clientId: string } }>(
    '/cp/:storeHash/apps/:clientId/uninstall',
    async (req, reply) => {
      if (!sameOrigin(req)) return forbidden(reply);
      const { storeHash, clientId } = req.params;
      const result = await o.install.uninstall(storeHash, clientId);
      if (!result.ok) return refusalPage(reply, result.status, result.message, storeHash);
      const name = o.apps.get(clientId)?.name ?? clientId;
      const outcome =
        result.callback.status !== null
          ? `uninstall callback answered ${result.callback.status}`
          : `uninstall callback failed: ${result.callback.error}`;
      const notice = `${name} uninstalled (${result.hooksRemoved} webhooks and ${result.scriptsRemoved} scripts removed; ${outcome}).`;
      return reply.redirect(`/cp/${storeHash}/apps?notice=${encodeURIComponent(notice)}`, 303);
    },
  );
};

/**
 * Browsers send Origin on cross-site form posts; a post whose Origin names another site is refused.
 * Requests without Origin (tests, curl) are the developer's own.
 */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function banner(storeHash: string | null): SafeHtml {
  return html`<header class="sandbox-banner">BigCommerce sandbox — control panel (development emulator)
  · <a href="/cp">Stores</a>${
    storeHash
      ? html` · <a href="/cp/${storeHash}/apps">Apps</a> · <a href="/s/${storeHash}/">Storefront</a>`
      : ''
  } · <a href="/mailbox">Mailbox</a></header>`;
}

function sendPage(reply: FastifyReply, title: string, body: SafeHtml) {
  return reply.type('text/html; charset=utf-8').send(page(title, body));
}

function refusalPage(reply: FastifyReply, status: number, message: string, storeHash: string | null) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page('Error', html`${banner(storeHash)}<main><p class="alertBox">${message}</p></main>`));
}

function notFound(reply: FastifyReply, message: string) {
  return refusalPage(reply, 404, message, null);
}

function forbidden(reply: FastifyReply) {
  return refusalPage(reply, 403, 'Cross-site request refused.', null);
}
