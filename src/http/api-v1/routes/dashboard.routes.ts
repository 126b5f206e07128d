import { getDashboard } from '../../../app/dashboard/get-dashboard.js';
import { activityEntryJson, dashboardItemJson } from '../activity-json.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import { dashboardSchema } from '../schemas/activity.schemas.js';

export function dashboardOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'getDashboard',
      method: 'GET',
      path: '/dashboard',
      tag: 'Dashboard',
      summary: 'The store at a glance',
      description:
        'Assigned items counted by status and block; the items the rules blocked (threshold or date reached); the items whose back-in-stock date falls in the next 7 store-local days; the latest status changes. Lists show their first 10 items with the total.',
      access: 'store',
      responses: { 200: { description: 'The summary.', schema: dashboardSchema } },
      errors: [404],
    }).handle(async ({ principal }) => {
      const dashboard = await getDashboard(deps, { storeId: principal.storeId });
      if (!dashboard.ok) return dashboard;
      const { counts } = dashboard;
      return {
        status: 200,
        body: {
          today: dashboard.today,
          counts: {
            assigned: counts.assigned,
            in_stock: counts.byStatus.in_stock,
            backorder: counts.byStatus.backorder,
            unavailable: counts.byStatus.unavailable,
            blocks: counts.byBlock,
          },
          needs_attention: {
            total: dashboard.needsAttention.total,
            items: dashboard.needsAttention.items.map(dashboardItemJson),
          },
          upcoming_dates: {
            from: dashboard.dueSoon.from,
            to: dashboard.dueSoon.to,
            total: dashboard.dueSoon.total,
            items: dashboard.dueSoon.items.map(dashboardItemJson),
          },
          recent_activity: dashboard.recentActivity.map(activityEntryJson),
        },
      };
    }),
  ];
}
