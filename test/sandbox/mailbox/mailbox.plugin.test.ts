import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createMailbox } from '../../../src/sandbox/mailbox/index.js';
import { createSandbox } from '../../../src/sandbox/server.js';

describe('mailbox plugin', () => {
  it('starts its SMTP catcher with the sandbox, serves /mailbox, and stops on close', async () => {
    const mailbox = createMailbox({ smtpPort: 0 });
    expect(() => mailbox.smtpPort()).toThrow(/not started/);
    const sandbox = await createSandbox({ plugins: [mailbox.plugin] });
    const port = mailbox.smtpPort();
    try {
      await nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
        from: 'app@example.com',
        to: 'merchant@example.com',
        subject: 'Hello from demo mode',
        text: 'hi',
      });
      const message = await mailbox.store.waitFor((m) => m.subject === 'Hello from demo mode');
      const page = await fetch(`${sandbox.url}/mailbox`);
      expect(await page.text()).toContain(`href="/mailbox/messages/${message.id}"`);
      const json = await (await fetch(`${sandbox.url}/mailbox/api/messages`)).json();
      expect(json.data[0]).toMatchObject({
        subject: 'Hello from demo mode',
        to: [{ address: 'merchant@example.com' }],
      });
    } finally {
      await sandbox.close();
    }
    await expect(
      nodemailer
        .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 1000 })
        .sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'late', text: 'x' }),
    ).rejects.toThrow();
  });
});
