import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { MailDeliveryError, messageIdFor, SmtpMailer } from '../../../src/adapters/mail/smtp.mailer.js';
import { MailStore, type SmtpCatcher, startSmtpCatcher } from '../../../src/sandbox/mailbox/index.js';

/** A port nothing listens on (the SMTP server is down). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SmtpMailer', () => {
  const inbox = new MailStore();
  let catcher: SmtpCatcher;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    catcher = await startSmtpCatcher({ store: inbox, port: 0, maxMessageBytes: 200_000 });
    mailer = new SmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
      from: 'Backorder <backorder@example.com>',
    });
  });
  afterAll(async () => {
    mailer.close();
    await catcher.close();
  });
  beforeEach(() => inbox.clear());

  test('sends text, HTML and attachments under a Message-ID derived from the dedupe key', async () => {
    await mailer.send({
      to: ['merchant@example.com', 'warehouse@example.com'],
      subject: 'Backorder enabled for 2 items',
      text: 'Plain body',
      html: '<p>HTML body</p>',
      attachments: [
        { filename: 'stock.csv', content: 'SKU,Stock\nA,1\n', contentType: 'text/csv; charset=utf-8' },
      ],
      dedupeKey: 'notifications:store:1:abc',
    });

    const received = await inbox.waitFor(() => true);
    expect(received.messageId).toBe(messageIdFor('notifications:store:1:abc'));
    expect(received.messageId).toMatch(/^<[0-9a-f]{64}@backorder\.app>$/);
    expect(received.envelope).toEqual({
      from: 'backorder@example.com',
      to: ['merchant@example.com', 'warehouse@example.com'],
    });
    expect(received.from).toEqual([{ name: 'Backorder', address: 'backorder@example.com' }]);
    expect(received.subject).toBe('Backorder enabled for 2 items');
    expect(received.text?.trim()).toBe('Plain body');
    expect(received.html).toContain('<p>HTML body</p>');
    expect(received.attachments).toHaveLength(1);
    expect(received.attachments[0]!.filename).toBe('stock.csv');
    expect(received.attachments[0]!.contentType).toBe('text/csv');
    expect(received.attachments[0]!.content.toString('utf8')).toBe('SKU,Stock\nA,1\n');
  });

  test('the same dedupe key always gives the same Message-ID, another key another one', async () => {
    const message = { to: ['merchant@example.com'], subject: 'Hello', text: 'Hi' };
    await mailer.send({ ...message, dedupeKey: 'k1' });
    await mailer.send({ ...message, dedupeKey: 'k1' });
    await mailer.send({ ...message, dedupeKey: 'k2' });
    const ids = inbox.list().map((m) => m.messageId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(2);
    expect(messageIdFor('k1')).not.toBe(messageIdFor('k2'));
    expect(messageIdFor('k1', 'shop.example')).toMatch(/@shop\.example>$/);
  });

  test('verify() resolves against a working server', async () => {
    await expect(mailer.verify()).resolves.toBeUndefined();
  });

  test('a server that cannot be reached is an outage: send and verify throw MailDeliveryError', async () => {
    const down = new SmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: 'backorder@example.com',
      timeouts: { connection: 2000, greeting: 2000, socket: 2000 },
    });
    const sending = down.send({ to: ['merchant@example.com'], subject: 's', text: 't', dedupeKey: 'k' });
    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toMatchObject({ code: 'ESOCKET', permanent: false });
    await expect(down.verify()).rejects.toBeInstanceOf(MailDeliveryError);
    down.close();
  });

  test('a refusal by the server is thrown with its response code', async () => {
    const sending = mailer.send({
      to: ['merchant@example.com'],
      subject: 'Too big',
      text: 'x'.repeat(300_000),
      dedupeKey: 'big',
    });
    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toMatchObject({ responseCode: 552, permanent: true });
    expect(inbox.size).toBe(0);
  });

  test('a message without recipients is refused before connecting', async () => {
    await expect(mailer.send({ to: [], subject: 's', text: 't', dedupeKey: 'k' })).rejects.toThrow(
      /at least one recipient/,
    );
  });
});
