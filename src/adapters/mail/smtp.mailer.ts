import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Mailer, MailMessage } from '../../app/ports/mailer.js';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (query options such as `?tls.rejectUnauthorized=false` work). */
  readonly smtpUrl: string;
  /** The From header, e.g. `Backorder <backorder@example.com>`. */
  readonly from: string;
  /** Right-hand side of the Message-IDs (default `backorder.app`). */
  readonly messageIdDomain?: string;
  /**
   * Timeouts in ms. Nodemailer's defaults (2 min to connect, 10 min idle) would hold a flush job for
   * minutes on a dead server; a failed send is retried by the job anyway.
   */
  readonly timeouts?: { readonly connection?: number; readonly greeting?: number; readonly socket?: number };
}

/**
 * The SMTP server refused or could not be reached. Always thrown, never swallowed: the caller's job
 * fails and is retried, and the notifications stay pending. `permanent` is true for a 5xx answer.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(
    message: string,
    /** Nodemailer's code: ECONNECTION, ETIMEDOUT, ESOCKET, EENVELOPE, EMESSAGE, EAUTH, … */
    readonly code: string | null,
    readonly responseCode: number | null,
    options: { cause: unknown },
  ) {
    super(message, options);
  }

  get permanent(): boolean {
    return this.responseCode !== null && this.responseCode >= 500;
  }
}

/** The Message-ID a dedupe key always gets, so a resent notification email is recognisably the same one. */
export function messageIdFor(dedupeKey: string, domain = 'backorder.app'): string {
  return `<${createHash('sha256').update(dedupeKey).digest('hex')}@${domain}>`;
}

/** The Mailer port over nodemailer's SMTP transport. */
export class SmtpMailer implements Mailer {
  readonly #transport: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;
  readonly #from: string;
  readonly #domain: string;

  constructor(options: SmtpMailerOptions) {
    this.#from = options.from;
    this.#domain = options.messageIdDomain ?? 'backorder.app';
    const transportOptions: SMTPTransport.Options = {
      url: options.smtpUrl,
      connectionTimeout: options.timeouts?.connection ?? 15_000,
      greetingTimeout: options.timeouts?.greeting ?? 15_000,
      socketTimeout: options.timeouts?.socket ?? 60_000,
    };
    this.#transport = nodemailer.createTransport(transportOptions);
  }

  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0) throw new Error('A mail needs at least one recipient');
    try {
      // When only some recipients are refused the server took the message for the others; throwing
      // would make a retry resend it to them, so a partial refusal counts as sent.
      await this.#transport.sendMail({
        from: this.#from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        messageId: messageIdFor(message.dedupeKey, this.#domain),
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      });
    } catch (error) {
      throw toDeliveryError(error, 'Sending mail failed');
    }
  }

  /** Connects and authenticates without sending: for start-up checks. Throws when the server is unusable. */
  async verify(): Promise<void> {
    try {
      await this.#transport.verify();
    } catch (error) {
      throw toDeliveryError(error, 'SMTP server check failed');
    }
  }

  close(): void {
    this.#transport.close();
  }
}

export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  return new SmtpMailer(options);
}

function toDeliveryError(error: unknown, what: string): MailDeliveryError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const detail = typeof e.message === 'string' ? e.message : String(error);
  return new MailDeliveryError(`${what}: ${detail}`, code, responseCode, { cause: error });
}
