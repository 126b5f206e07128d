import type { FastifyReply } from 'fastify';
import { newNonce, type PageSecurity, setPageHeaders } from '../lifecycle/app-page.js';
import { ADMIN_NONCE_PLACEHOLDER, type AdminBuild } from './admin-build.js';

/**
 * The admin app's page: the built index.html with this response's CSP nonce in place of the
 * placeholder and, after /auth or /load, the admin session in a JSON block that the app reads once and
 * removes (src/admin/session/handover.ts). The token is never put in a URL or a cookie.
 */

/** What the app is handed after /auth or /load (snake_case, like the API). */
export interface SessionHandover {
  readonly token: string;
  readonly expires_at: string;
  readonly store: { readonly hash: string; readonly timezone: string };
  readonly user: { readonly email: string };
  /** True after the install callback: the app says that setup is done. */
  readonly just_installed: boolean;
}

/** The id of the JSON block; the app and the tests read it by this id. */
export const SESSION_HANDOVER_ID = 'backorder-session';

/** JSON that can sit inside <script type="application/json"> without closing it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** index.html for one response: its nonce, and the handover (null: the app asks to be opened again). */
export function renderAdminPage(build: AdminBuild, nonce: string, handover: SessionHandover | null): string {
  const html = build.indexHtml.replaceAll(ADMIN_NONCE_PLACEHOLDER, nonce);
  if (handover === null) return html;
  const block = `<script type="application/json" id="${SESSION_HANDOVER_ID}">${jsonForScript(handover)}</script>\n`;
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new Error('the admin index.html has no </body>');
  return html.slice(0, at) + block + html.slice(at);
}

export function sendAdminPage(
  reply: FastifyReply,
  security: PageSecurity,
  build: AdminBuild,
  handover: SessionHandover | null,
) {
  const nonce = newNonce();
  return setPageHeaders(reply.code(200), security, nonce).send(renderAdminPage(build, nonce, handover));
}
