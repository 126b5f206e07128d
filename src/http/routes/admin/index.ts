/** The admin app (src/admin) as the server sends it; see admin.routes.ts and admin-page.ts. */

export { type AdminRoutesOptions, adminRoutes, IMMUTABLE_CACHE } from './admin.routes.js';
export {
  ADMIN_BASE_PATH,
  ADMIN_DIST_DIR,
  type AdminBuild,
  AdminNotBuiltError,
  loadAdminBuild,
} from './admin-build.js';
export { SESSION_HANDOVER_ID, type SessionHandover, sendAdminPage } from './admin-page.js';
