/**
 * How a job's calls to the store (BigCommerce) share the store's API quota with the store's other work:
 * `urgent` (order processing, writes that disable purchase or lower a maximum) may spend the whole
 * quota, `normal` (other deliveries, syncs, the merchant's own requests) leaves a little for urgent
 * work, `bulk` (assignment runs, mode moves, re-evaluations) leaves more. Named per job in the catalogue.
 */
export type CallPriority = 'urgent' | 'normal' | 'bulk';
