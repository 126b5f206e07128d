import type { Mailer, MailMessage } from '../../src/app/ports/mailer.js';

/**
 * A Mailer that keeps what it is asked to send. For tests about when and what the app sends; how an
 * email travels (SMTP, Message-ID, retries) is tested with the SMTP mailer and the sandbox's catcher.
 */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }

  /** The messages sent to this address, oldest first. */
  to(address: string): MailMessage[] {
    return this.sent.filter((m) => m.to.includes(address));
  }
}
