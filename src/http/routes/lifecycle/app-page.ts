import { randomBytes } from 'node:crypto';
import escapeHtml from 'escape-html';
import type { FastifyReply } from 'fastify';

/**
 * The error pages the lifecycle callbacks answer with, shown inside the control panel's iframe, and the
 * security headers of every page the app shows there (these and the admin app's, src/http/routes/admin).
 * Every value is escaped; scripts and styles run only with the response's CSP nonce.
 */

/** Where BigCommerce frames apps; demo mode adds the sandbox's origin. */
export const BIGCOMMERCE_FRAME_ANCESTORS = ['https://*.bigcommerce.com', 'https://*.mybigcommerce.com'];

export interface PageSecurity {
  readonly frameAncestors: readonly string[];
}

/** A fresh nonce for one response's scripts and styles. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The headers of a page shown in the control panel's iframe: never cached or sent as a Referer (the
 * callback URLs carry signed_payload_jwt or the install code), framed only by BigCommerce, and a CSP
 * where scripts and styles run only with the response's nonce (`'strict-dynamic'` lets the admin app's
 * own module chunks load: they inherit the nonce of the script that imports them).
 */
export function setPageHeaders(reply: FastifyReply, security: PageSecurity, nonce: string): FastifyReply {
  const ancestors = security.frameAncestors.length > 0 ? security.frameAncestors.join(' ') : "'none'";
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        `style-src 'nonce-${nonce}'`,
        "connect-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors ${ancestors}`,
      ].join('; '),
    );
}

function sendHtml(
  reply: FastifyReply,
  status: number,
  security: PageSecurity,
  render: (nonce: string) => string,
) {
  const nonce = newNonce();
  return setPageHeaders(reply.code(status), security, nonce).send(render(nonce));
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#313440}
main{max-width:720px;margin:32px auto;padding:24px;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:22px;margin:0 0 16px}.muted{color:#5e637a}.error{color:#c5282f}
code{background:#f0f1f5;padding:1px 4px;border-radius:3px}`;

function layout(nonce: string, title: string, body: string): string {
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
</body>
</html>`;
}

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
