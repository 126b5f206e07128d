import type { SandboxPlugin } from '../server.js';
import { MailStore } from './mail-store.js';
import { mailboxRoutes } from './mailbox.routes.js';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher.js';

/**
 * The mailbox as a sandbox plugin: the SMTP catcher starts when the sandbox registers the plugin and
 * stops when the sandbox closes; the pages are served at /mailbox.
 */
export interface MailboxOptions {
  /** SMTP port; 0 picks a free one (read it back with `smtpPort()`). */
  readonly smtpPort: number;
  readonly smtpHost?: string;
  readonly maxMessages?: number;
  readonly maxMessageBytes?: number;
}

export interface Mailbox {
  readonly plugin: SandboxPlugin;
  readonly store: MailStore;
  /** The port the SMTP catcher listens on (after the sandbox started). */
  smtpPort(): number;
}

export function createMailbox(options: MailboxOptions): Mailbox {
  const store = new MailStore(options.maxMessages === undefined ? {} : { maxMessages: options.maxMessages });
  let smtp: SmtpCatcher | undefined;
  return {
    store,
    smtpPort() {
      if (!smtp) throw new Error('The mailbox SMTP server has not started yet');
      return smtp.port;
    },
    plugin: {
      name: 'mailbox',
      async register(app) {
        smtp = await startSmtpCatcher({
          store,
          port: options.smtpPort,
          ...(options.smtpHost === undefined ? {} : { host: options.smtpHost }),
          ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
        });
        const started = smtp;
        app.addHook('onClose', async () => started.close());
        await app.register(mailboxRoutes, { store });
      },
    },
  };
}
