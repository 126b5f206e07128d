import { randomBytes } from 'node:crypto';
import escapeHtml from 'escape-html';
import type { FastifyReply } from 'fastify';

/**
 * The pages the lifecycle callbacks answer with, shown inside the control panel's iframe. Every value
 * is escaped; the session token travels in a JSON block (never in a URL, never in a cookie) and the
 * page's script reads it from there. Scripts and styles run only with the response's CSP nonce.
 */

/** Where BigCommerce frames apps; demo mode adds the sandbox's origin. */
export const BIGCOMMERCE_FRAME_ANCESTORS = ['https://*.bigcommerce.com', 'https://*.mybigcommerce.com'];

/** JSON that can sit inside <script type="application/json"> without closing it. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface PageSecurity {
  readonly frameAncestors: readonly string[];
}

function sendHtml(
  reply: FastifyReply,
  status: number,
  security: PageSecurity,
  render: (nonce: string) => string,
) {
  const nonce = randomBytes(16).toString('base64');
  const ancestors = security.frameAncestors.length > 0 ? security.frameAncestors.join(' ') : "'none'";
  return (
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      // The callback URLs carry signed_payload_jwt or the install code: never leak them in a Referer.
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        [
          "default-src 'none'",
          `script-src 'nonce-${nonce}'`,
          `style-src 'nonce-${nonce}'`,
          "connect-src 'self'",
          "img-src 'self' data:",
          "base-uri 'none'",
          "form-action 'none'",
          `frame-ancestors ${ancestors}`,
        ].join('; '),
      )
      .send(render(nonce))
  );
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#313440}
main{max-width:720px;margin:32px auto;padding:24px;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:22px;margin:0 0 16px}.muted{color:#5e637a}.error{color:#c5282f}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dt{color:#5e637a}code{background:#f0f1f5;padding:1px 4px;border-radius:3px}`;

function layout(nonce: string, title: string, body: string, scripts = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
${scripts}
</body>
</html>`;
}

export interface AppPageView {
  readonly storeHash: string;
  readonly timezone: string;
  readonly userEmail: string;
  readonly sessionToken: string;
  readonly sessionExpiresAt: Date;
  /** Shown once after the install callback. */
  readonly justInstalled: boolean;
}

/** The app's landing page (the admin screens come later): the store, the user, and the session for API calls. */
export function sendAppPage(reply: FastifyReply, security: PageSecurity, view: AppPageView) {
  return sendHtml(reply, 200, security, (nonce) =>
    layout(
      nonce,
      'Backorder',
      `<main data-page="backorder-app">
<h1>Backorder</h1>
${view.justInstalled ? '<p class="installed">Backorder is installed. Webhooks and the storefront script are set up.</p>' : ''}
<dl>
<dt>Store</dt><dd data-store-hash="${escapeHtml(view.storeHash)}">${escapeHtml(view.storeHash)}</dd>
<dt>Time zone</dt><dd>${escapeHtml(view.timezone)}</dd>
<dt>Signed in as</dt><dd>${escapeHtml(view.userEmail)}</dd>
</dl>
<p id="api-status" class="muted" aria-live="polite">Connecting…</p>
<p class="muted">The admin screens (settings, templates, assignment, products, orders) come in a later release.</p>
</main>`,
      `<script type="application/json" id="backorder-session">${jsonForScript({
        token: view.sessionToken,
        expires_at: view.sessionExpiresAt.toISOString(),
        store_hash: view.storeHash,
      })}</script>
<script nonce="${nonce}">${PAGE_SCRIPT}</script>`,
    ),
  );
}

/**
 * Keeps the session in memory only: checks it against the API, and renews it a few minutes before it
 * expires (the renewal is refused once the store is uninstalled or the user removed).
 */
const PAGE_SCRIPT = `(function () {
  var el = document.getElementById('backorder-session');
  var status = document.getElementById('api-status');
  var session = JSON.parse(el.textContent);
  el.remove();
  window.backorderSession = function () { return session.token; };
  function show(text, bad) { status.textContent = text; status.className = bad ? 'error' : 'muted'; }
  fetch('/api/session', { headers: { authorization: 'Bearer ' + session.token } })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (b) { show('Connected to store ' + b.store.hash + '.', false); })
    .catch(function () { show('Could not reach the app; reload the page.', true); });
  function renewLater() {
    var wait = Math.max(60000, new Date(session.expires_at).getTime() - Date.now() - 300000);
    setTimeout(function () {
      fetch('/api/session/refresh', { method: 'POST', headers: { authorization: 'Bearer ' + session.token } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (b) { session.token = b.token; session.expires_at = b.expires_at; renewLater(); })
        .catch(function () { show('Your session ended; open the app again from the control panel.', true); });
    }, wait);
  }
  renewLater();
})();`;

export interface ErrorPageView {
  readonly status: number;
  readonly title: string;
  readonly message: string;
  readonly code: string;
}

export function sendErrorPage(reply: FastifyReply, security: PageSecurity, view: ErrorPageView) {
  return sendHtml(reply, view.status, security, (nonce) =>
    layout(
      nonce,
      `Backorder — ${view.title}`,
      `<main data-page="backorder-error" data-error-code="${escapeHtml(view.code)}">
<h1>${escapeHtml(view.title)}</h1>
<p class="error">${escapeHtml(view.message)}</p>
<p class="muted">Error code <code>${escapeHtml(view.code)}</code></p>
</main>`,
    ),
  );
}
