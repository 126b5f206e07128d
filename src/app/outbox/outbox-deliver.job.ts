import { z } from 'zod';
import type { JobHandler } from '../ports/job-queue.js';
import { type DeliverOutboxDeps, deliverOutbox } from './deliver-outbox.js';

const payloadSchema = z.object({ storeId: z.number().int().positive() });

/**
 * The `outbox.deliver` job ({storeId}): purchasability writes of one store, coalesced per product.
 * An outage throws (the queue retries the job); refused writes are retried by a delayed job.
 */
export function outboxDeliverJob(deps: DeliverOutboxDeps): JobHandler {
  return async (payload) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success)
      throw new TypeError(`outbox.deliver needs {storeId}, got ${JSON.stringify(payload)}`);
    await deliverOutbox(deps, { storeId: parsed.data.storeId });
  };
}
