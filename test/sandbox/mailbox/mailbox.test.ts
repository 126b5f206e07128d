import Fastify, { type FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MailStore,
  mailboxRoutes,
  type SmtpCatcher,
  startSmtpCatcher,
} from '../../../src/sandbox/mailbox/index.js';

describe('sandbox mailbox', () => {
  const store = new MailStore({ maxMessages: 3 });
  let smtp: SmtpCatcher;
  let app: FastifyInstance;

  beforeAll(async () => {
    smtp = await startSmtpCatcher({ store, port: 0, maxMessageBytes: 200_000 });
    app = Fastify();
    await app.register(mailboxRoutes, { store });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });
  beforeEach(() => store.clear());

  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

  it('catches a message sent with nodemailer, lists it and serves its attachment', async () => {
    const csv = 'sku,stock\nTENT-2P,-3\n';
    await transport().sendMail({
      from: '"Backorder app" <noreply@backorder.test>',
      to: 'merchant@example.com',
      bcc: 'audit@example.com',
      subject: 'Backorder disabled for 2 items <urgent>',
      text: 'Two items <b>switched</b>.',
      html: '<p>Two items <script>alert(1)</script></p>',
      attachments: [{ filename: 'stock data.csv', content: csv, contentType: 'text/csv' }],
    });

    const list = await app.inject({ method: 'GET', url: '/mailbox/api/messages' });
    expect(list.statusCode).toBe(200);
    const [message] = list.json().data;
    expect(message).toMatchObject({
      subject: 'Backorder disabled for 2 items <urgent>',
      from: [{ name: 'Backorder app', address: 'noreply@backorder.test' }],
      to: [{ name: '', address: 'merchant@example.com' }],
      envelope: { from: 'noreply@backorder.test', to: ['merchant@example.com', 'audit@example.com'] },
      attachments: [{ filename: 'stock data.csv', content_type: 'text/csv', size: csv.length }],
    });

    const download = await app.inject({ method: 'GET', url: message.attachments[0].url });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(csv);
    expect(download.headers['content-disposition']).toContain('attachment; filename="stock data.csv"');

    const listPage = await app.inject({ method: 'GET', url: '/mailbox' });
    expect(listPage.headers['content-type']).toContain('text/html');
    expect(listPage.body).toContain('Backorder disabled for 2 items &lt;urgent&gt;');
    expect(listPage.body).not.toContain('<urgent>');
    expect(listPage.body).toContain('Backorder app &lt;noreply@backorder.test&gt;');
    expect(listPage.body).toContain(`href="/mailbox/messages/${message.id}"`);

    const view = await app.inject({ method: 'GET', url: `/mailbox/messages/${message.id}` });
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Two items &lt;b&gt;switched&lt;/b&gt;.');
    expect(view.body).toContain(`href="/mailbox/messages/${message.id}/attachments/0"`);
    expect(view.body).not.toContain('<script>alert(1)</script>');
    expect(view.body).toContain('<iframe class="mail-html" sandbox=""');

    const body = await app.inject({ method: 'GET', url: `/mailbox/messages/${message.id}/body.html` });
    expect(body.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect(body.body).toContain('<script>alert(1)</script>');
  });

  it('keeps only the newest messages when full, newest first', async () => {
    for (const n of [1, 2, 3, 4]) {
      await transport().sendMail({ from: 'a@example.com', to: 'b@example.com', subject: `n${n}`, text: 'x' });
    }
    const subjects = (await app.inject({ method: 'GET', url: '/mailbox/api/messages' }))
      .json()
      .data.map((m: { subject: string }) => m.subject);
    expect(subjects).toEqual(['n4', 'n3', 'n2']);
  });

  it('refuses an oversized message with 552 and stores nothing', async () => {
    await expect(
      transport().sendMail({
        from: 'a@example.com',
        to: 'b@example.com',
        subject: 'big',
        text: 'x'.repeat(300_000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(store.size).toBe(0);
  });

  it('answers 404 for unknown messages and attachments', async () => {
    expect((await app.inject({ method: 'GET', url: '/mailbox/messages/999' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/mailbox/messages/abc' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/mailbox/api/messages/999' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/mailbox/messages/1/attachments/0' })).statusCode).toBe(
      404,
    );
  });

  it('deletes all messages', async () => {
    await transport().sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'x', text: 'x' });
    const res = await app.inject({ method: 'POST', url: '/mailbox/clear' });
    expect(res.statusCode).toBe(303);
    expect(store.size).toBe(0);
  });
});
