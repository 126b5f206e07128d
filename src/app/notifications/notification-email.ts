import { DateTime } from 'luxon';
import type { MailAttachment } from '../ports/mailer.js';
import { html, type SafeHtml } from './html.js';
import {
  type AssignedPayload,
  disabledReasonText,
  type ImportFinishedPayload,
  type ItemEffectPayload,
  type ItemProblemPayload,
  type Notification,
  type UnassignedPayload,
} from './notification-events.js';
import { unassignedItemsCsv } from './unassigned-items.csv.js';

export const UNASSIGNED_CSV_FILENAME = 'unassigned-items.csv';

export interface NotificationEmailInput {
  /** How the email names the store: its name in BigCommerce, or its hash while the name is unknown. */
  readonly storeName: string;
  /** The store's time zone (IANA): the time of each change is written there. */
  readonly timeZone: string;
  /** The app's admin screens (`{APP_URL}/admin`), linked from the email; null leaves the links out. */
  readonly adminUrl: string | null;
  readonly notifications: readonly Notification[];
  /** Product names by the app's product id (item effects carry only ids and SKU). */
  readonly productNames: ReadonlyMap<number, string>;
  /** Variant labels (`Length: Long`) by item id, for the items whose option names are known. */
  readonly variantLabels: ReadonlyMap<number, string>;
}

export interface NotificationEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly MailAttachment[];
}

type PayloadOf<E extends Notification['event']> = Extract<Notification, { event: E }>['payload'];

interface Section {
  readonly summary: string;
  readonly text: string;
  readonly html: SafeHtml;
}

/**
 * One email for everything a store was told in one flush: a section per kind of event, each listing
 * all its items or products (a bulk change of 500 items is one email with 500 lines), and the stock
 * data of unassigned products as one CSV attachment. An item that switched several times within the
 * window is listed once, under its final state, with the time of each change (and the order that
 * caused it).
 */
export function renderNotificationEmail(input: NotificationEmailInput): NotificationEmail {
  const of = <E extends Notification['event']>(event: E): PayloadOf<E>[] =>
    input.notifications.filter((n) => n.event === event).map((n) => n.payload as PayloadOf<E>);
  const items = itemHistories(input);
  const disabled = items.filter((i) => i.final.event === 'backorder_disabled');
  const enabled = items.filter((i) => i.final.event === 'backorder_enabled');
  const unassigned = of('unassigned');
  const assigned = of('assigned');
  const imports = of('import_finished');
  const problems = of('item_problem');

  const sections = [
    problems.length > 0 ? problemSection(problems) : null,
    disabled.length > 0 ? disabledSection(disabled) : null,
    enabled.length > 0 ? enabledSection(enabled) : null,
    unassigned.length > 0 ? unassignedSection(unassigned) : null,
    assigned.length > 0 ? assignedSection(assigned) : null,
    imports.length > 0 ? importSection(imports) : null,
  ].filter((s): s is Section => s !== null);
  if (sections.length === 0) throw new Error('A notification email needs at least one notification');

  const summary = sections.map((s) => s.summary).join('; ');
  const subject = `[Backorder] ${summary.charAt(0).toUpperCase()}${summary.slice(1)}`;
  const intro = `Backorder updates for ${input.storeName}.`;
  const links = linksOf(input.adminUrl);
  const footer = 'You receive these emails because of your notification settings in the Backorder app.';
  const text = [
    links === null ? intro : `${intro}\nOpen Backorder: ${links.app}`,
    ...sections.map((s) => s.text),
    links === null ? footer : `${footer}\nChange them in Settings: ${links.settings}`,
  ].join('\n\n');
  const body = html`<!doctype html>
<html><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #313440;">
<p>Backorder updates for <strong>${input.storeName}</strong>.${
    links === null ? '' : html` <a href="${links.app}">Open Backorder</a>`
  }</p>
${sections.map((s) => s.html)}
<p style="color: #5e637a; font-size: 12px;">You receive these emails because of your ${
    links === null ? 'notification settings' : html`<a href="${links.settings}">notification settings</a>`
  } in the Backorder app.</p>
</body></html>
`;
  const attachments: MailAttachment[] =
    unassigned.length > 0
      ? [
          {
            filename: UNASSIGNED_CSV_FILENAME,
            content: unassignedItemsCsv(unassigned),
            contentType: 'text/csv; charset=utf-8',
          },
        ]
      : [];
  return { subject, text, html: body.value, attachments };
}

/** The app's home and Settings screens; null unless the admin URL is an http(s) address. */
function linksOf(adminUrl: string | null): { app: string; settings: string } | null {
  if (adminUrl === null || !/^https?:\/\//.test(adminUrl)) return null;
  const base = adminUrl.replace(/\/+$/, '');
  return { app: `${base}/`, settings: `${base}/settings` };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One change of an item's backorder state, as the merchant reads it. */
interface ItemChange {
  readonly event: 'backorder_enabled' | 'backorder_disabled';
  readonly at: Date;
  readonly reason: ItemEffectPayload['effect']['reason'];
  /** The BigCommerce order whose line caused it, if an order did. */
  readonly orderId: number | null;
}

/** An item named once, with every change of the window, oldest first. */
interface ItemHistory {
  readonly product: string;
  /** Its option values (`Length: Long`), or null (a product without variants, or names not recorded). */
  readonly variant: string | null;
  readonly bcVariantId: number | null;
  readonly sku: string | null;
  readonly changes: readonly ItemChange[];
  readonly final: ItemChange;
  readonly timeZone: string;
}

function itemHistories(input: NotificationEmailInput): ItemHistory[] {
  const byItem = new Map<number, { payload: ItemEffectPayload; changes: ItemChange[] }>();
  const ordered = [...input.notifications].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
  );
  for (const n of ordered) {
    if (n.event !== 'backorder_enabled' && n.event !== 'backorder_disabled') continue;
    const entry = byItem.get(n.payload.itemId) ?? { payload: n.payload, changes: [] };
    entry.payload = n.payload;
    entry.changes.push({
      event: n.event,
      at: n.createdAt,
      reason: n.payload.effect.reason,
      orderId: orderIdOf(n.payload.cause),
    });
    byItem.set(n.payload.itemId, entry);
  }
  return [...byItem.entries()].map(([itemId, { payload, changes }]) => ({
    product: input.productNames.get(payload.productId) ?? `Product #${payload.bcProductId}`,
    variant: payload.bcVariantId === null ? null : (input.variantLabels.get(itemId) ?? null),
    bcVariantId: payload.bcVariantId,
    sku: payload.sku,
    changes,
    final: changes[changes.length - 1]!,
    timeZone: input.timeZone,
  }));
}

/** `order:{orderId}:line:{lineId}` (src/app/orders/record-order-sales.ts orderLineRef) → the order id. */
function orderIdOf(cause: ItemEffectPayload['cause']): number | null {
  if (cause === undefined || cause.type !== 'order_line' || cause.ref === null) return null;
  const match = /^order:(\d+):/.exec(cause.ref);
  return match === null ? null : Number(match[1]);
}

/** `Trail Jacket (Size: M)`: a variant by its option values; the SKU column names it otherwise. */
function itemTitle(item: ItemHistory): string {
  if (item.variant !== null) return `${item.product} (${item.variant})`;
  return item.bcVariantId !== null && item.sku === null
    ? `${item.product} (a variant without SKU)`
    : item.product;
}

function itemLine(item: ItemHistory): string {
  return `${itemTitle(item)}, SKU ${item.sku ?? 'none'}`;
}

/** `Mar 10, 2026, 10:00 AM CDT`, in the store's time zone. */
function timeText(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' }))
    .setLocale('en-US')
    .toFormat('MMM d, yyyy, h:mm a ZZZZ');
}

function changeText(change: ItemChange, timeZone: string): string {
  const what =
    change.event === 'backorder_enabled'
      ? 'backorder enabled'
      : `backorder disabled (${disabledReasonText(change.reason)})`;
  const order = change.orderId === null ? '' : `, order #${change.orderId}`;
  return `${timeText(change.at, timeZone)}: ${what}${order}`;
}

function changesText(item: ItemHistory): string[] {
  return item.changes.map((c) => `    ${changeText(c, item.timeZone)}`);
}

function changesHtml(item: ItemHistory): SafeHtml {
  return html`${item.changes.map((c, i) => html`${i === 0 ? '' : html`<br>`}${changeText(c, item.timeZone)}`)}`;
}

function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number | SafeHtml)[])[],
): SafeHtml {
  return html`<table border="1" cellpadding="4" cellspacing="0" style="border-collapse: collapse;">
<thead><tr>${headers.map((h) => html`<th align="left">${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>\n`)}</tbody></table>`;
}

function disabledSection(items: readonly ItemHistory[]): Section {
  const title = `Backorder disabled (${plural(items.length, 'item')})`;
  const lead = 'These items are out of stock and can no longer be bought:';
  return {
    summary: `backorder disabled for ${plural(items.length, 'item')}`,
    text: [
      title,
      lead,
      ...items.flatMap((i) => [`- ${itemLine(i)}: ${disabledReasonText(i.final.reason)}`, ...changesText(i)]),
    ].join('\n'),
    html: html`<h2>${title}</h2><p>${lead}</p>
${table(
  ['Product', 'Variant', 'SKU', 'Reason', 'Changes'],
  items.map((i) => [
    i.product,
    i.variant ?? '',
    i.sku ?? '',
    disabledReasonText(i.final.reason),
    changesHtml(i),
  ]),
)}`,
  };
}

function enabledSection(items: readonly ItemHistory[]): Section {
  const title = `Backorder enabled (${plural(items.length, 'item')})`;
  const lead = 'These items are out of stock and are now sold as backorders:';
  return {
    summary: `backorder enabled for ${plural(items.length, 'item')}`,
    text: [title, lead, ...items.flatMap((i) => [`- ${itemLine(i)}`, ...changesText(i)])].join('\n'),
    html: html`<h2>${title}</h2><p>${lead}</p>
${table(
  ['Product', 'Variant', 'SKU', 'Changes'],
  items.map((i) => [i.product, i.variant ?? '', i.sku ?? '', changesHtml(i)]),
)}`,
  };
}

function unassignedSection(payloads: readonly UnassignedPayload[]): Section {
  const title = `Products unassigned (${payloads.length})`;
  const lead = `Backorder no longer tracks these products; purchase is disabled in BigCommerce. The stock data of their items is attached (${UNASSIGNED_CSV_FILENAME}).`;
  const line = (p: UnassignedPayload) =>
    `${p.product.name} (BigCommerce product ${p.product.bcProductId}): ${plural(p.items.length, 'item')}`;
  return {
    summary: `${plural(payloads.length, 'product')} unassigned`,
    text: [title, lead, ...payloads.map((p) => `- ${line(p)}`)].join('\n'),
    html: html`<h2>${title}</h2><p>${lead}</p>
${table(
  ['Product', 'BigCommerce product', 'Items'],
  payloads.map((p) => [p.product.name, p.product.bcProductId, p.items.length]),
)}`,
  };
}

function assignedSection(payloads: readonly AssignedPayload[]): Section {
  const products = payloads.flatMap((p) => p.products);
  const title = `Products assigned (${products.length})`;
  const lead = 'Backorder now tracks the stock of these products:';
  return {
    summary: `${plural(products.length, 'product')} assigned`,
    text: [
      title,
      lead,
      ...products.map(
        (p) => `- ${p.name} (BigCommerce product ${p.bcProductId}): ${plural(p.itemCount, 'item')}`,
      ),
    ].join('\n'),
    html: html`<h2>${title}</h2><p>${lead}</p>
${table(
  ['Product', 'BigCommerce product', 'Items'],
  products.map((p) => [p.name, p.bcProductId, p.itemCount]),
)}`,
  };
}

function importSection(payloads: readonly ImportFinishedPayload[]): Section {
  const title = payloads.length === 1 ? 'Import finished' : `Imports finished (${payloads.length})`;
  const outcome = (p: ImportFinishedPayload) =>
    `${p.fileName}: ${p.status === 'failed' ? 'failed' : 'done'}, ${plural(p.totalRows, 'row')}, ${p.appliedRows} applied, ${p.errorRows} with errors`;
  const errorLine = (e: ImportFinishedPayload['errors'][number]) =>
    `line ${e.line}${e.column === null ? '' : `, column ${e.column}`}: ${e.reason}`;
  const more = (p: ImportFinishedPayload) =>
    p.errorRows > p.errors.length
      ? `(first ${p.errors.length} errors; the import page lists them all)`
      : null;
  return {
    summary: payloads.length === 1 ? 'import finished' : `${payloads.length} imports finished`,
    text: [
      title,
      ...payloads.flatMap((p) => [
        `- ${outcome(p)}`,
        ...p.errors.map((e) => `    ${errorLine(e)}`),
        ...(more(p) === null ? [] : [`    ${more(p)}`]),
      ]),
    ].join('\n'),
    html: html`<h2>${title}</h2>
${payloads.map(
  (p) => html`<p>${outcome(p)}</p>
${p.errors.length > 0 ? html`<ul>${p.errors.map((e) => html`<li>${errorLine(e)}</li>`)}</ul>` : ''}
${more(p) === null ? '' : html`<p>${more(p)}</p>`}`,
)}`,
  };
}

/** What an item problem means for the merchant, by the rules' refusal code. */
function problemText(p: ItemProblemPayload): string {
  const change = p.change === 'sale' ? `The sale of ${p.quantity}` : `The give-back of ${p.quantity}`;
  const units = `${change} unit${p.quantity === 1 ? '' : 's'} on order #${p.orderId} was not recorded`;
  switch (p.code) {
    case 'ITEM.STOCK_OUT_OF_RANGE':
      return `${units}: it would take the stock beyond the ±1,000,000,000 units Backorder can track.`;
    case 'ITEM.BACKORDERED_OUT_OF_RANGE':
      return `${units}: it would take the backordered units beyond the 1,000,000,000 Backorder can track.`;
    case 'ITEM.INVALID_QUANTITY':
      return `${units}: its quantity is beyond what Backorder can track.`;
    default:
      return `${units} (${p.code}).`;
  }
}

function problemSection(payloads: readonly ItemProblemPayload[]): Section {
  const title = `Items that need your attention (${payloads.length})`;
  const lead =
    'BigCommerce reported changes that Backorder could not apply to these items. Check their stock in Backorder and set it by hand:';
  const product = (p: ItemProblemPayload) => p.name ?? `Product #${p.bcProductId}`;
  const line = (p: ItemProblemPayload) =>
    `${product(p)} (SKU ${p.sku ?? 'none'}${p.variant === null ? '' : `, ${p.variant}`}): ${problemText(p)}`;
  return {
    summary: `${plural(payloads.length, 'item')} need${payloads.length === 1 ? 's' : ''} your attention`,
    text: [title, lead, ...payloads.map((p) => `- ${line(p)}`)].join('\n'),
    html: html`<h2>${title}</h2><p>${lead}</p>
${table(
  ['Product', 'SKU', 'Variant', 'Problem'],
  payloads.map((p) => [product(p), p.sku ?? '', p.variant ?? '', problemText(p)]),
)}`,
  };
}
