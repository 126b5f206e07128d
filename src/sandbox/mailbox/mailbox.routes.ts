import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { html, page, type SafeHtml } from '../html.js';
import type { MailAddress, MailMessage, MailStore } from './mail-store.js';

/**
 * The mailbox pages (`/mailbox`) and their JSON twin (`/mailbox/api/...`) for tests and tooling.
 * Message bodies are untrusted: text is escaped, and the HTML body is only ever served from its own URL
 * under a `sandbox` Content-Security-Policy, shown in a sandboxed iframe, so it can run nothing.
 */
export interface MailboxRoutesOptions {
  store: MailStore;
}

export const mailboxRoutes: FastifyPluginAsync<MailboxRoutesOptions> = async (app: FastifyInstance, opts) => {
  const { store } = opts;

  app.get('/mailbox', async (_req, reply) => {
    const rows = store.list().map(
      (m) => html`<tr data-message-id="${m.id}">
  <td><a href="/mailbox/messages/${m.id}">${m.subject || '(no subject)'}</a></td>
  <td>${formatAddresses(m.from)}</td>
  <td>${formatAddresses(m.to)}</td>
  <td>${(m.date ?? m.receivedAt).toISOString()}</td>
  <td>${m.attachments.length > 0 ? `${m.attachments.length} 📎` : ''}</td>
</tr>`,
    );
    const body = html`${banner()}
<main>
  <h1>Mailbox <small class="muted">(${store.size} messages)</small></h1>
  <form method="post" action="/mailbox/clear"><button class="button" type="submit">Delete all</button></form>
  <table class="mailbox">
    <thead><tr><th>Subject</th><th>From</th><th>To</th><th>Date</th><th>Attachments</th></tr></thead>
    <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="5" class="muted">No messages yet.</td></tr>`}</tbody>
  </table>
</main>`;
    return sendPage(reply, 'Sandbox mailbox', body);
  });

  app.post('/mailbox/clear', async (_req, reply) => {
    store.clear();
    return reply.redirect('/mailbox', 303);
  });

  app.get<{ Params: { id: string } }>('/mailbox/messages/:id', async (req, reply) => {
    const m = findMessage(store, req.params.id);
    if (!m) return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage());
    const attachments = m.attachments.map(
      (
        a,
        i,
      ) => html`<li><a href="/mailbox/messages/${m.id}/attachments/${i}" download="${a.filename}">${a.filename}</a>
  <span class="muted">${a.contentType}, ${a.size} bytes</span></li>`,
    );
    const body = html`${banner()}
<main>
  <p><a href="/mailbox">← All messages</a></p>
  <h1 class="mail-subject">${m.subject || '(no subject)'}</h1>
  <table class="mail-headers">
    <tr><th>From</th><td>${formatAddresses(m.from)}</td></tr>
    <tr><th>To</th><td>${formatAddresses(m.to)}</td></tr>
    ${m.cc.length > 0 ? html`<tr><th>Cc</th><td>${formatAddresses(m.cc)}</td></tr>` : ''}
    <tr><th>Envelope</th><td>${m.envelope.from ?? ''} → ${m.envelope.to.join(', ')}</td></tr>
    <tr><th>Date</th><td>${(m.date ?? m.receivedAt).toISOString()}</td></tr>
  </table>
  ${attachments.length > 0 ? html`<h2>Attachments</h2><ul class="mail-attachments">${attachments}</ul>` : ''}
  ${
    m.html !== null
      ? html`<h2>HTML</h2><iframe class="mail-html" sandbox="" src="/mailbox/messages/${m.id}/body.html" style="width:100%;height:480px;border:1px solid #ddd;background:#fff"></iframe>`
      : ''
  }
  ${m.text !== null ? html`<h2>Text</h2><pre class="mail-text" style="white-space:pre-wrap">${m.text}</pre>` : ''}
</main>`;
    return sendPage(reply, m.subject || 'Message', body);
  });

  app.get<{ Params: { id: string } }>('/mailbox/messages/:id/body.html', async (req, reply) => {
    const m = findMessage(store, req.params.id);
    if (!m || m.html === null) return reply.code(404).type('text/plain').send('Not found');
    return reply
      .header(
        'Content-Security-Policy',
        "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
      )
      .header('X-Content-Type-Options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(m.html);
  });

  app.get<{ Params: { id: string; index: string } }>(
    '/mailbox/messages/:id/attachments/:index',
    async (req, reply) => {
      const m = findMessage(store, req.params.id);
      const index = Number(req.params.index);
      const attachment = m && Number.isInteger(index) ? m.attachments[index] : undefined;
      if (!attachment) return reply.code(404).type('text/plain').send('Not found');
      // Always a download: an attached HTML or SVG file must not render on the sandbox's origin.
      return reply
        .header('Content-Disposition', contentDisposition(attachment.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', 'sandbox')
        .type(attachment.contentType || 'application/octet-stream')
        .send(attachment.content);
    },
  );

  app.get('/mailbox/api/messages', async () => ({ data: store.list().map(summary) }));

  app.get<{ Params: { id: string } }>('/mailbox/api/messages/:id', async (req, reply) => {
    const m = findMessage(store, req.params.id);
    if (!m) return reply.code(404).send({ status: 404, title: 'Message not found' });
    return { data: { ...summary(m), text: m.text, html: m.html } };
  });

  app.delete('/mailbox/api/messages', async (_req, reply) => {
    store.clear();
    return reply.code(204).send();
  });
};

function summary(m: MailMessage) {
  return {
    id: m.id,
    received_at: m.receivedAt.toISOString(),
    date: m.date?.toISOString() ?? null,
    message_id: m.messageId,
    subject: m.subject,
    from: m.from,
    to: m.to,
    cc: m.cc,
    envelope: m.envelope,
    attachments: m.attachments.map((a, i) => ({
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
      url: `/mailbox/messages/${m.id}/attachments/${i}`,
    })),
  };
}

function findMessage(store: MailStore, rawId: string): MailMessage | undefined {
  const id = Number(rawId);
  return Number.isInteger(id) ? store.get(id) : undefined;
}

function formatAddresses(list: MailAddress[]): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function banner(): SafeHtml {
  return html`<header class="sandbox-banner">BigCommerce sandbox — development emulator · <a href="/mailbox">Mailbox</a></header>`;
}

function notFoundPage(): string {
  return page(
    'Not found',
    html`${banner()}<main><h1>Message not found</h1><p><a href="/mailbox">Back</a></p></main>`,
  );
}

function sendPage(reply: FastifyReply, title: string, body: SafeHtml) {
  return reply.type('text/html; charset=utf-8').send(page(title, body));
}
