import { sql } from 'kysely';
import type { OrderCreateInput } from '../../../src/sandbox/state/orders.repo.js';
import { type E2E, eventually } from './demo-harness.js';

/**
 * One merchant story, run against the whole product (sandbox + app over HTTP), that ends in a state
 * worked out by hand (asserted by the clean-run test in resilience.test.ts). Resilience tests run it under duplicate
 * webhook deliveries, injected 5xx/429, and restarts, and compare the end state with a clean run.
 *
 * Switch condition S = 0 (the default): a sale of q units from stock s backorders
 * b = max(0, q − max(0, s)) units.
 *
 * Why it is deterministic although webhooks are processed concurrently and in any order:
 * - The orders are placed in PHASES; each phase ends with the app QUIESCENT (every webhook delivered
 *   and processed, every outbox row delivered). So each phase starts from one known state, and the
 *   sandbox's purchasability check at order time sees the app's writes of the previous phase.
 * - The orders of a phase are placed synchronously (the sandbox's state is synchronous SQLite), so no
 *   webhook of the phase reaches the app before the last order of the phase is placed: every order of
 *   the scenario is accepted by the sandbox in every run, whatever the app does meanwhile.
 * - Within a phase, at most one order line crosses an item's switch condition; every other line on that
 *   item stays above it, or is placed while the item is already at or below it (b = q). So the b of
 *   every line — and with it the staff notes — does not depend on the order of processing.
 * - Cancellation and restock are phases of their own.
 */

export const STORE_PRODUCT_ID = 6; // Summit Down Sleeping Bag -5°C (demo catalog)
export const REGULAR = 'SLEEP-DOWN5-REGULAR'; // stock 6 in the seed
export const LONG = 'SLEEP-DOWN5-LONG'; // stock 0 in the seed
const UNASSIGNED_PRODUCT_ID = 7; // Self-Inflating Sleeping Pad (demo catalog), never assigned here

export type Sku = typeof REGULAR | typeof LONG;

/** A line of an order the scenario places: an assigned variant, or a product the app does not track. */
type Line = { readonly sku: Sku; readonly quantity: number } | { readonly unassigned: number };

/** Points where a resilience test disturbs the run. `phase` counts from 1 (orders 1–3 are phase 1). */
export interface ScenarioHooks {
  /** Right after the orders (or the cancellation, or the restock) of a phase, before waiting for the app. */
  readonly afterActions?: (phase: number, run: ScenarioRun) => Promise<void>;
}

export interface ScenarioRun {
  readonly e2e: E2E;
  /** BigCommerce order ids in the order the scenario placed them (index 0 = order #1). */
  readonly orderIds: number[];
  /** Webhooks the app has recorded so far. */
  inboxCount(): Promise<number>;
  /** inboxCount() when the current phase began (the app was quiescent then). */
  inboxAtPhaseStart: number;
}

export interface Snapshot {
  /** GET /api/v1/items, by SKU. */
  readonly items: Record<string, unknown>;
  /** Purchasability as BigCommerce (the sandbox) holds it. */
  readonly bigcommerce: {
    readonly product: { availability: string; inventory_tracking: string };
    readonly variants: Record<string, { purchasing_disabled: boolean; purchasing_disabled_message: string }>;
  };
  /**
   * Ledger per SKU: Σ delta (= stock), Σ b recorded on the movements, the stock and B after the last
   * movement, and every movement (normalised, sorted).
   */
  readonly ledger: Record<string, { stock: number; backordered: number; last: string; movements: string[] }>;
  /** Recorded order lines, "#seq sku q=.. b=.. returned=..", sorted. */
  readonly orderLines: string[];
  /** Staff notes of each order, by the order's place in the scenario (#1 first). */
  readonly staffNotes: string[];
  /** Status/block transitions per SKU, in the order they happened. */
  readonly transitions: Record<string, string[]>;
  /** Notifications recorded (event and SKU), sorted. */
  readonly notifications: string[];
}

const BILLING = {
  first_name: 'Robin',
  last_name: 'Walker',
  street_1: '1 Trail Road',
  city: 'Boulder',
  state: 'Colorado',
  zip: '80301',
  country: 'United States',
  country_iso2: 'US',
  email: 'robin@example.com',
};

/**
 * Runs the scenario and returns the end state once the app is quiescent.
 * Order numbers (#n) are the scenario's; ids are whatever the sandbox gives.
 */
export async function runScenario(e2e: E2E, hooks: ScenarioHooks = {}): Promise<Snapshot> {
  const run: ScenarioRun = {
    e2e,
    orderIds: [],
    inboxCount: async () => {
      const row = await e2e.demo.app.database.db
        .selectFrom('webhook_inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    inboxAtPhaseStart: 0,
  };
  const phase = async (n: number, actions: () => unknown) => {
    run.inboxAtPhaseStart = await run.inboxCount();
    await actions();
    await hooks.afterActions?.(n, run);
    await waitUntilQuiescent(e2e);
  };

  ok(await e2e.api('POST', '/assignments', { product_ids: [STORE_PRODUCT_ID] }), 'assign');
  ok(await e2e.api('PATCH', `/items/${REGULAR}`, { threshold: 3 }), 'threshold REGULAR');
  ok(await e2e.api('PATCH', `/items/${LONG}`, { threshold: 2 }), 'threshold LONG');
  await waitUntilQuiescent(e2e);

  // Phase 1. REGULAR 6 → 1 without crossing 0 (b = 0, 0); LONG 0 → −2 (b = 1, 1): B = 2 = T → blocked.
  await phase(1, () =>
    placeOrders(run, [
      [{ sku: REGULAR, quantity: 4 }],
      [{ sku: LONG, quantity: 1 }],
      [
        { sku: REGULAR, quantity: 1 },
        { sku: LONG, quantity: 1 },
      ],
    ]),
  );
  expectRefused(run, LONG);

  // Phase 2. REGULAR 1 → −2 (b = 2, backorder); an order of a product the app does not track.
  await phase(2, () => placeOrders(run, [[{ sku: REGULAR, quantity: 3 }], [{ unassigned: 2 }]]));

  // Phase 3. REGULAR −2 → −4 (b = 1, 1): B = 4 ≥ T = 3 → blocked; the second order was placed with the
  // first, before the app could block the variant.
  await phase(3, () => placeOrders(run, [[{ sku: REGULAR, quantity: 1 }], [{ sku: REGULAR, quantity: 1 }]]));
  expectRefused(run, REGULAR);

  // Phase 4. Order #4 cancelled: REGULAR gets 3 units and 2 backordered back (−1, B 2); still out of
  // stock, so the threshold block stays (R9).
  await phase(4, () => cancel(run, 4));

  // Phase 5. Restock by API: −1 → 5 ends the episode (B 0, block cleared) → in stock, purchasable.
  await phase(5, async () =>
    ok(await e2e.api('PATCH', `/items/${REGULAR}`, { stock: 5 }), 'restock REGULAR'),
  );

  // Phase 6. A new episode: 5 → −1 (b = 1).
  await phase(6, () => placeOrders(run, [[{ sku: REGULAR, quantity: 6 }]]));

  return takeSnapshot(run);
}

function ok(response: { status: number; body: unknown }, what: string): void {
  if (response.status !== 200) {
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  }
}

function variantIdOf(e2e: E2E, sku: Sku): number {
  const variant = e2e.demo.sandbox.sandbox.state.variants.findVariantBySku(e2e.storeHash, sku);
  if (variant === undefined) throw new Error(`The demo catalog has no variant ${sku}`);
  return variant.id;
}

function orderInput(e2e: E2E, lines: readonly Line[]): OrderCreateInput {
  return {
    status_id: 11, // Awaiting Fulfillment: a placed order
    billing_address: BILLING,
    products: lines.map((line) =>
      'unassigned' in line
        ? { product_id: UNASSIGNED_PRODUCT_ID, quantity: line.unassigned }
        : { product_id: STORE_PRODUCT_ID, variant_id: variantIdOf(e2e, line.sku), quantity: line.quantity },
    ),
  };
}

/** Synchronously, so no webhook of these orders is delivered before the last one is placed. */
function placeOrders(run: ScenarioRun, orders: readonly (readonly Line[])[]): void {
  const { state } = run.e2e.demo.sandbox.sandbox;
  const inputs = orders.map((lines) => orderInput(run.e2e, lines));
  for (const input of inputs) {
    // 'external': the test's own action, not subject to the sandbox's injected API faults.
    const created = state.orders.create(run.e2e.storeHash, input, 'external');
    if (!created.ok) {
      throw new Error(`Order #${run.orderIds.length + 1} refused: ${created.code} ${created.message}`);
    }
    run.orderIds.push(created.value.id);
  }
}

/** After the app blocked the variant, BigCommerce (the sandbox) refuses to sell it. */
function expectRefused(run: ScenarioRun, sku: Sku): void {
  const { state } = run.e2e.demo.sandbox.sandbox;
  const refused = state.orders.create(run.e2e.storeHash, orderInput(run.e2e, [{ sku, quantity: 1 }]));
  if (refused.ok || refused.code !== 'SANDBOX.ORDER.NOT_PURCHASABLE') {
    throw new Error(
      `An order of ${sku} should be refused as not purchasable, got ${JSON.stringify(refused.ok ? refused.value.id : refused)}`,
    );
  }
}

function cancel(run: ScenarioRun, orderNumber: number): void {
  const id = run.orderIds[orderNumber - 1];
  if (id === undefined) throw new Error(`No order #${orderNumber}`);
  const updated = run.e2e.demo.sandbox.sandbox.state.orders.update(run.e2e.storeHash, id, { status_id: 5 });
  if (!updated.ok) throw new Error(`Cancelling order #${orderNumber}: ${updated.code} ${updated.message}`);
}

interface Activity {
  /** Work not finished: deliveries pending in the sandbox, webhooks, outbox rows, notifications. */
  readonly pending: number;
  /** Monotonic counters: any step of any piece of work changes at least one of them. */
  readonly fingerprint: string;
}

/**
 * What is in flight. Every piece of work is a pending row somewhere at every instant — a delivery in
 * the sandbox until the app answers 2xx (the app records the inbox row before answering), an inbox
 * row until it is processed (its effects are written to the outbox before), an outbox row until it
 * is delivered (the BigCommerce write, which queues the echo's delivery, happens before), a
 * notification until it is sent — and every step changes a counter. So two observations with nothing
 * pending and the same counters, some time apart, mean nothing happened in between and nothing is left.
 */
async function observe(e2e: E2E): Promise<Activity> {
  const db = e2e.demo.app.database.db;
  const count = (table: 'webhook_inbox' | 'outbox' | 'notifications', doneColumn: string) =>
    db
      .selectFrom(table)
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`count(${sql.ref(doneColumn)})`.as('done'),
        sql<number>`coalesce(sum(attempts), 0)`.as('attempts'),
      ])
      .executeTakeFirstOrThrow();
  const inbox = await count('webhook_inbox', 'processed_at');
  const outbox = await count('outbox', 'delivered_at');
  const notifications = await count('notifications', 'sent_at');
  const deliveries = e2e.demo.sandbox.sandbox.dispatcher.deliveries(e2e.storeHash);
  const deliveriesPending = deliveries.filter((d) => d.state === 'pending').length;
  const deliveryAttempts = deliveries.reduce((sum, d) => sum + d.attempts, 0);
  const numbers = [inbox, outbox, notifications].map((c) => ({
    total: Number(c.total),
    done: Number(c.done),
    attempts: Number(c.attempts),
  }));
  const pending = deliveriesPending + numbers.reduce((sum, c) => sum + c.total - c.done, 0);
  return {
    pending,
    fingerprint: JSON.stringify([deliveries.length, deliveriesPending, deliveryAttempts, numbers]),
  };
}

/** Waits until the app is quiescent (see observe): three observations in a row, idle and unchanged. */
export async function waitUntilQuiescent(e2e: E2E, timeoutMs = 30_000): Promise<void> {
  let idleInARow = 0;
  let previous = '';
  try {
    await eventually(async () => {
      const now = await observe(e2e);
      if (now.pending > 0 || now.fingerprint !== previous) idleInARow = now.pending > 0 ? 0 : 1;
      else idleInARow += 1;
      previous = now.fingerprint;
      return idleInARow >= 3;
    }, timeoutMs);
  } catch (error) {
    throw new Error(`The app did not become quiescent: ${await describePending(e2e)}`, { cause: error });
  }
}

/** What is still pending, for the failure message. */
async function describePending(e2e: E2E): Promise<string> {
  const db = e2e.demo.app.database.db;
  const deliveries = e2e.demo.sandbox.sandbox.dispatcher
    .deliveries(e2e.storeHash, { state: 'pending' })
    .map((d) => ({ scope: d.scope, attempts: d.attempts, last: d.last_status ?? d.last_error }));
  const inbox = await db
    .selectFrom('webhook_inbox')
    .select(['id', 'scope', 'attempts', 'last_error'])
    .where('processed_at', 'is', null)
    .execute();
  const outbox = await db
    .selectFrom('outbox')
    .select(['id', 'kind', 'attempts', 'available_at', 'last_error'])
    .where('delivered_at', 'is', null)
    .execute();
  const notifications = await db
    .selectFrom('notifications')
    .select(['id', 'event', 'attempts', 'last_error'])
    .where('sent_at', 'is', null)
    .execute();
  return JSON.stringify({ deliveries, inbox, outbox, notifications });
}

async function takeSnapshot(run: ScenarioRun): Promise<Snapshot> {
  const { e2e } = run;
  const { state } = e2e.demo.sandbox.sandbox;
  const db = e2e.demo.app.database.db;
  const seq = (bcOrderId: number) => {
    const index = run.orderIds.indexOf(bcOrderId);
    return index < 0 ? `order ${bcOrderId} not placed by the scenario` : `#${index + 1}`;
  };

  const listed = await e2e.api('GET', `/items?product_id=${STORE_PRODUCT_ID}`);
  ok(listed, 'list items');
  const items: Record<string, unknown> = {};
  for (const item of (listed.body as { data: { sku: string }[] }).data) items[item.sku] = item;

  const product = state.products.getProduct(e2e.storeHash, STORE_PRODUCT_ID, { variants: true });
  if (product === undefined) throw new Error('The product is gone from the sandbox');
  const variants: Snapshot['bigcommerce']['variants'] = {};
  for (const variant of product.variants ?? []) {
    variants[variant.sku] = {
      purchasing_disabled: variant.purchasing_disabled,
      purchasing_disabled_message: variant.purchasing_disabled_message,
    };
  }

  const itemRows = await db.selectFrom('items').select(['id', 'sku']).execute();
  const skuOf = new Map(itemRows.map((row) => [row.id, row.sku ?? `item ${row.id}`]));
  // Order ids and request ids differ between runs; the order's place in the scenario does not.
  const normaliseRef = (ref: string | null) =>
    ref === null
      ? '-'
      : ref
          .replace(/order:(\d+):line:\d+/, (_, id: string) => `order ${seq(Number(id))}`)
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<request id>');

  const ledgerRows = await db
    .selectFrom('ledger')
    .select([
      'item_id',
      'kind',
      'delta',
      'backordered_delta',
      'stock_after',
      'backordered_after',
      'cause_type',
      'cause_ref',
    ])
    .orderBy('id')
    .execute();
  const ledger: Snapshot['ledger'] = {};
  for (const row of ledgerRows) {
    const sku = skuOf.get(row.item_id) ?? `item ${row.item_id}`;
    const entry = ledger[sku] ?? { stock: 0, backordered: 0, last: '', movements: [] };
    ledger[sku] = entry;
    entry.stock += row.delta;
    entry.backordered += row.backordered_delta;
    // The last movement was the only one of its phase on the item, or the last of several whose
    // totals do not depend on their order: its "after" values are the same in every run.
    entry.last = `stock ${row.stock_after}, B ${row.backordered_after}`;
    entry.movements.push(
      `${row.kind} ${row.delta} b${row.backordered_delta} ${row.cause_type} ${normaliseRef(row.cause_ref)}`,
    );
  }
  for (const entry of Object.values(ledger)) entry.movements.sort();

  const lineRows = await db
    .selectFrom('order_lines')
    .select(['bc_order_id', 'item_id', 'quantity', 'backordered', 'returned_quantity'])
    .execute();
  const orderLines = lineRows
    .map(
      (row) =>
        `${seq(row.bc_order_id)} ${skuOf.get(row.item_id)} q=${row.quantity} b=${row.backordered} returned=${row.returned_quantity}`,
    )
    .sort();

  const staffNotes = run.orderIds.map((id) => String(state.orders.get(e2e.storeHash, id)?.staff_notes ?? ''));

  const transitionRows = await db
    .selectFrom('transitions')
    .select(['item_id', 'from_status', 'from_block', 'to_status', 'to_block', 'reason'])
    .orderBy('id')
    .execute();
  const transitions: Record<string, string[]> = {};
  for (const row of transitionRows) {
    const sku = skuOf.get(row.item_id) ?? `item ${row.item_id}`;
    const list = transitions[sku] ?? [];
    transitions[sku] = list;
    list.push(`${row.from_status}/${row.from_block} → ${row.to_status}/${row.to_block} (${row.reason})`);
  }

  const notificationRows = await db.selectFrom('notifications').select(['event', 'item_id']).execute();
  const notifications = notificationRows
    .map((row) => `${row.event} ${row.item_id === null ? '-' : skuOf.get(row.item_id)}`)
    .sort();

  return {
    items,
    bigcommerce: {
      product: { availability: product.availability, inventory_tracking: product.inventory_tracking },
      variants,
    },
    ledger,
    orderLines,
    staffNotes,
    transitions,
    notifications,
  };
}
