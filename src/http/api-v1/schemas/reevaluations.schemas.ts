import { z } from 'zod';
import type { ReevaluationRecord } from '../../../app/ports/reevaluation-repository.js';
import { count, idParam, settingsSchema, timestamp } from '../api-schemas.js';

/** Re-evaluations of the store's items after a change of the switch condition (docs/product.md#settings). */

export const reevaluationSchema = z
  .object({
    id: z.int(),
    switch_condition: count.meta({ description: 'The S the items are re-evaluated under.' }),
    status: z.enum(['running', 'done', 'failed', 'superseded']).meta({
      description:
        '`superseded`: S was changed again before it ended; the newer re-evaluation looks at every item.',
    }),
    total: count.meta({ description: 'Assigned items when it started.' }),
    done: count.meta({ description: 'Assigned items looked at so far: the progress.' }),
    changed: count.meta({
      description:
        'Items whose status (or block, quantity backordered, or level in BigCommerce) changed so far (after a crash, those changed in the page that was cut short are not counted).',
    }),
    error: z.string().nullable(),
    actor: z.string(),
    started_at: timestamp,
    updated_at: timestamp,
    finished_at: timestamp.nullable(),
  })
  .meta({ id: 'Reevaluation', description: 'A re-evaluation of the store’s items in the background.' });

export const settingsUpdateSchema = settingsSchema
  .extend({
    reevaluation: reevaluationSchema.nullable().meta({
      description:
        'The re-evaluation a switch_condition given queued (null when none was given); follow it with GET /settings/reevaluations/{id}.',
    }),
  })
  .meta({ id: 'SettingsUpdate' });

export const reevaluationParamsSchema = z.strictObject({ id: idParam });

export function reevaluationJson(run: ReevaluationRecord): z.input<typeof reevaluationSchema> {
  return {
    id: run.id,
    switch_condition: run.switchCondition,
    status: run.status,
    total: run.totalItems,
    done: run.doneItems,
    changed: run.changedItems,
    error: run.error,
    actor: run.actor,
    started_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}
