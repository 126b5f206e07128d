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
  /** How the store is named in the email (its BigCommerce store hash). */
  readonly storeLabel: string;
  readonly notifications: readonly Notification[];
  /** Product names by the app's product id (item effects carry only ids and SKU). */
  readonly productNames: ReadonlyMap<number, string>;
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
 * data of unassigned products as one CSV attachment.
 */
export function renderNotificationEmail(input: NotificationEmailInput): NotificationEmail {
  const of = <E extends Notification['event']>(event: E): PayloadOf<E>[] =>
    input.notifications.filter((n) => n.event === event).map((n) => n.payload as PayloadOf<E>);
  const disabled = of('backorder_disabled');
  const enabled = of('backorder_enabled');
  const unassigned = of('unassigned');
  const assigned = of('assigned');
  const imports = of('import_finished');
  const problems = of('item_problem');

  const sections = [
    problems.length > 0 ? problemSection(problems) : null,
    disabled.length > 0 ? disabledSection(disabled, input.productNames) : null,
    enabled.length > 0 ? enabledSection(enabled, input.productNames) : null,
    unassigned.length > 0 ? unassignedSection(unassigned) : null,
    assigned.length > 0 ? assignedSection(assigned) : null,
    imports.length > 0 ? importSection(imports) : null,
  ].filter((s): s is Section => s !== null);
  if (sections.length === 0) throw new Error('A notification email needs at least one notification');

  const summary = sections.map((s) => s.summary).join('; ');
  const subject = `[Backorder] ${summary.charAt(0).toUpperCase()}${summary.slice(1)}`;
  const intro = `Backorder updates for store ${input.storeLabel}.`;
  const footer = 'You receive these emails because of your notification settings in the Backorder app.';
  const text = [intro, ...sections.map((s) => s.text), footer].join('\n\n');
  const body = html`<!doctype html>
<html><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #313440;">
<p>${intro}</p>
${sections.map((s) => s.html)}
<p style="color: #5e637a; font-size: 12px;">${footer}</p>
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

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function productName(payload: ItemEffectPayload, names: ReadonlyMap<number, string>): string {
  return names.get(payload.productId) ?? `Product #${payload.bcProductId}`;
}

function variantText(bcVariantId: number | null): string {
  return bcVariantId === null ? '' : `#${bcVariantId}`;
}

function itemLine(payload: ItemEffectPayload, names: ReadonlyMap<number, string>): string {
  const variant = payload.bcVariantId === null ? '' : `, variant ${variantText(payload.bcVariantId)}`;
  return `${productName(payload, names)} (SKU ${payload.sku ?? 'none'}${variant})`;
}

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): SafeHtml {
  return html`<table border="1" cellpadding="4" cellspacing="0" style="border-collapse: collapse;">
<thead><tr>${headers.map((h) => html`<th align="left">${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>\n`)}</tbody></table>`;
}

function disabledSection(
  payloads: readonly ItemEffectPayload[],
  names: ReadonlyMap<number, string>,
): Section {
  const title = `Backorder disabled (${plural(payloads.length, 'item')})`;
  const lead = 'These items are out of stock and can no longer be bought:';
  return {
    summary: `backorder disabled for ${plural(payloads.length, 'item')}`,
    text: [
      title,
      lead,
      ...payloads.map((p) => `- ${itemLine(p, names)}: ${disabledReasonText(p.effect.reason)}`),
    ].join('\n'),
    html: html`<h2>${title}</h2><p>${lead}</p>
${table(
  ['Product', 'SKU', 'Variant', 'Reason'],
  payloads.map((p) => [
    productName(p, names),
    p.sku ?? '',
    variantText(p.bcVariantId),
    disabledReasonText(p.effect.reason),
  ]),
)}`,
  };
}

function enabledSection(payloads: readonly ItemEffectPayload[], names: ReadonlyMap<number, string>): Section {
  const title = `Backorder enabled (${plural(payloads.length, 'item')})`;
  const lead = 'These items are out of stock and are now sold as backorders:';
  return {
    summary: `backorder enabled for ${plural(payloads.length, 'item')}`,
    text: [title, lead, ...payloads.map((p) => `- ${itemLine(p, names)}`)].join('\n'),
    html: html`<h2>${title}</h2><p>${lead}</p>
${table(
  ['Product', 'SKU', 'Variant'],
  payloads.map((p) => [productName(p, names), p.sku ?? '', variantText(p.bcVariantId)]),
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
