import type { Kysely } from 'kysely';

/**
 * Order lines remember the name of the customer who placed the order (the billing first and last
 * name, read when the order is first processed), so the orders export can say who is waiting. Lines
 * recorded before stay null: the export leaves their customer empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order_lines').addColumn('customer_name', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order_lines').dropColumn('customer_name').execute();
}
