/** The sandbox mailbox: an SMTP catcher plus the pages that show what it caught. */
export { type MailAddress, type MailAttachment, type MailMessage, MailStore } from './mail-store.js';
export { createMailbox, type Mailbox, type MailboxOptions } from './mailbox.plugin.js';
export { type MailboxRoutesOptions, mailboxRoutes } from './mailbox.routes.js';
export { type SmtpCatcher, type SmtpCatcherOptions, startSmtpCatcher } from './smtp-catcher.js';
