import { afterAll, beforeAll } from 'vitest';
import { SmtpMailer } from '../../../../src/adapters/mail/smtp.mailer.js';
import {
  type MailMessage,
  MailStore,
  type SmtpCatcher,
  startSmtpCatcher,
} from '../../../../src/sandbox/mailbox/index.js';

/** A real SMTP server (the sandbox's catcher) for the file, and a mailer sending to it. */
export function useMailCatcher(): { inbox: MailStore; mailer: () => SmtpMailer; port: () => number } {
  const inbox = new MailStore({ maxMessages: 5000 });
  let catcher: SmtpCatcher | undefined;
  let mailer: SmtpMailer | undefined;
  beforeAll(async () => {
    catcher = await startSmtpCatcher({ store: inbox, port: 0 });
    mailer = new SmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
      from: 'Backorder <backorder@example.com>',
    });
  });
  afterAll(async () => {
    mailer?.close();
    await catcher?.close();
  });
  return {
    inbox,
    mailer: () => mailer!,
    port: () => catcher!.port,
  };
}

export function mailTo(inbox: MailStore, address: string): MailMessage[] {
  return inbox
    .list()
    .filter((m) => m.envelope.to.includes(address))
    .reverse();
}
