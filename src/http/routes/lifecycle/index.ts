export { BIGCOMMERCE_FRAME_ANCESTORS } from './app-page.js';
export { type LifecycleRoutesOptions, lifecycleRoutes } from './lifecycle.routes.js';
export { INVALID_SIGNED_PAYLOAD, type SignedPayload, verifySignedPayload } from './signed-payload.js';
