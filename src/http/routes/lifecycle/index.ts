export { BIGCOMMERCE_FRAME_ANCESTORS } from './app-page.js';
export { AUTH_CALLBACK_PATH, type LifecycleRoutesOptions, lifecycleRoutes } from './lifecycle.routes.js';
