import type { AddressObject } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { MailAddress, MailStore } from './mail-store.js';

/**
 * A local SMTP server that accepts every message (no auth, no TLS) and files it in the mailbox,
 * so demo mode's e-mails can be read without a mail server. Never expose it beyond localhost.
 */
export interface SmtpCatcherOptions {
  store: MailStore;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Larger messages are refused with 552, as a real server would. */
  maxMessageBytes?: number;
}

export interface SmtpCatcher {
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function startSmtpCatcher(options: SmtpCatcherOptions): Promise<SmtpCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxMessageBytes ?? 25 * 1024 * 1024;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: maxBytes,
    // No reverse DNS lookup of the client: it costs ~300 ms per message and tells nothing on loopback.
    disableReverseLookup: true,
    logger: false,
    banner: 'BigCommerce sandbox mailbox (development only)',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) {
            const error = new Error(`Message exceeds the ${maxBytes} byte limit`) as Error & {
              responseCode: number;
            };
            error.responseCode = 552;
            callback(error);
            return;
          }
          options.store.add({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            messageId: parsed.messageId ?? null,
            subject: parsed.subject ?? '',
            from: addresses(parsed.from),
            to: addresses(parsed.to),
            cc: addresses(parsed.cc),
            date: parsed.date ?? null,
            text: parsed.text ?? null,
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a, index) => ({
              filename: a.filename ?? `attachment-${index + 1}`,
              contentType: a.contentType,
              size: a.size,
              content: a.content,
            })),
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A parse error on one connection must not take the sandbox down.
  server.on('error', () => {});
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    host,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((obj) =>
    obj.value.flatMap((entry) => {
      // Groups ("undisclosed-recipients:;") carry their members in `group`.
      const members = entry.group ?? [entry];
      return members.map((m) => ({ name: m.name ?? '', address: m.address ?? '' }));
    }),
  );
}
