import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { PageSecurity } from '../lifecycle/app-page.js';
import { ADMIN_BASE_PATH, type AdminBuild } from './admin-build.js';
import { sendAdminPage } from './admin-page.js';

/**
 * The admin app's files. Its hashed assets (`/admin/assets/*`) are cached for a year and never
 * revalidated: a new build has new names. Any other path under `/admin` answers index.html without a
 * session: the app starts only from /auth or /load (lifecycle.routes.ts), which hand it one, so after a
 * reload it asks the merchant to open it again from the control panel.
 */
export interface AdminRoutesOptions {
  readonly build: AdminBuild;
  readonly security: PageSecurity;
}

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (
  app: FastifyInstance,
  { build, security },
) => {
  app.get<{ Params: { file: string } }>(`${ADMIN_BASE_PATH}/assets/:file`, async (request, reply) => {
    // Only names the build holds: nothing else on disk can be reached.
    const asset = build.assets.get(request.params.file);
    if (asset === undefined) {
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'ADMIN.ASSET_NOT_FOUND', message: 'No such file in this build.' } });
    }
    const gzip = asset.gzipped !== null && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', IMMUTABLE_CACHE)
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-resource-policy', 'same-origin')
      .header('vary', 'accept-encoding');
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? asset.gzipped : asset.body);
  });

  const shell = async (_request: unknown, reply: FastifyReply) => sendAdminPage(reply, security, build, null);
  app.get(ADMIN_BASE_PATH, shell);
  app.get(`${ADMIN_BASE_PATH}/*`, shell);
};
