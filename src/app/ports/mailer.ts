/** Sends email (nodemailer over SMTP in the mail adapter). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly MailAttachment[];
  /**
   * Stable per logical email: used as the Message-ID so a retried send of the same notification is
   * recognisable, and recorded so it is never sent twice.
   */
  readonly dedupeKey: string;
}

export interface MailAttachment {
  readonly filename: string;
  readonly content: string;
  readonly contentType: string;
}
