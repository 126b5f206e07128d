export { type WebhookRoutesOptions, webhookRoutes } from './webhooks.routes.js';
