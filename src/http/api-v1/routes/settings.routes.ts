import { detectNativeBackorders } from '../../../app/settings/detect-native-backorders.js';
import { getSettings, nativeBackordersOf } from '../../../app/settings/get-settings.js';
import { updateSettings } from '../../../app/settings/update-settings.js';
import { nativeBackordersJson, settingsJson } from '../api-json.js';
import { nativeBackordersSchema, settingsPatchSchema, settingsSchema } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import { reevaluationJson, settingsUpdateSchema } from '../schemas/reevaluations.schemas.js';

export function settingsOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'getSettings',
      method: 'GET',
      path: '/settings',
      tag: 'Settings',
      summary: 'Get the store’s settings',
      access: 'store',
      responses: { 200: { description: 'The settings.', schema: settingsSchema } },
      errors: [404],
    }).handle(async ({ principal }) => {
      const result = await getSettings(deps, { storeId: principal.storeId });
      return result.ok
        ? { status: 200, body: settingsJson(result.settings, result.nativeBackorders) }
        : result;
    }),
    defineOperation({
      operationId: 'checkNativeBackorders',
      method: 'POST',
      path: '/settings/native-backorders/check',
      tag: 'Settings',
      summary: 'Check BigCommerce’s native backorders now',
      description:
        'Reads the store’s inventory settings and locations in BigCommerce now, records what they say and answers it. Native backorders count as on when the inventory settings carry the beta’s fields (BigCommerce publishes no flag). The app also checks at install, when the app is opened (at most hourly) and when an order line carries BigCommerce’s quantity_backordered.',
      access: 'store',
      responses: { 200: { description: 'What the check found.', schema: nativeBackordersSchema } },
      errors: [404, 409, 502],
    }).handle(async ({ principal }) => {
      const result = await detectNativeBackorders(
        { storeSetup: deps.storeSetup, stores: deps.stores, clock: deps.clock },
        { storeId: principal.storeId },
      );
      return result.ok
        ? { status: 200, body: nativeBackordersJson(nativeBackordersOf(result.store)) }
        : result;
    }),
    defineOperation({
      operationId: 'updateSettings',
      method: 'PATCH',
      path: '/settings',
      tag: 'Settings',
      summary: 'Change settings',
      description:
        'Any of the fields. A switch_condition given (even unchanged) queues a re-evaluation of every assigned item under it in the background (statuses, purchasability, levels in BigCommerce, notifications follow) and answers at once with it in `reevaluation`; follow its progress with GET /settings/reevaluations/{id}. A re-evaluation still running for an older S is superseded. inventory_mode changes only while the store has no assigned item (SETTINGS.MODE_MOVE_REQUIRED), and `native` only when BigCommerce’s native backorders were detected on (SETTINGS.NATIVE_BACKORDERS_OFF).',
      access: 'store',
      body: settingsPatchSchema,
      responses: {
        200: { description: 'The settings after the change.', schema: settingsUpdateSchema },
      },
      errors: [400, 404, 409, 422],
    }).handle(async ({ principal, body }) => {
      const result = await updateSettings(
        {
          settings: deps.settings,
          stores: deps.stores,
          items: deps.items,
          reevaluations: deps.reevaluations,
          dashboard: deps.dashboard,
          jobs: deps.jobs,
          clock: deps.clock,
        },
        {
          storeId: principal.storeId,
          actor: principal.actor,
          patch: {
            ...(body.switch_condition === undefined ? {} : { switchCondition: body.switch_condition }),
            ...(body.notification_emails === undefined
              ? {}
              : { notificationEmails: body.notification_emails }),
            ...(body.notify_events === undefined ? {} : { notifyEvents: body.notify_events }),
            ...(body.restock_on_cancel === undefined ? {} : { restockOnCancel: body.restock_on_cancel }),
            ...(body.keep_tracking_off === undefined ? {} : { keepTrackingOff: body.keep_tracking_off }),
            ...(body.inventory_mode === undefined ? {} : { inventoryMode: body.inventory_mode }),
          },
        },
      );
      if (!result.ok) return result;
      return {
        status: 200,
        body: {
          ...settingsJson(result.settings, result.nativeBackorders),
          reevaluation: result.reevaluation === null ? null : reevaluationJson(result.reevaluation),
        },
      };
    }),
  ];
}
