/**
 * The mailbox's message store: in memory and bounded, because it only exists so a developer can read
 * the e-mails demo mode sends. When full, the oldest message is dropped.
 */
export interface MailAddress {
  name: string;
  address: string;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface MailMessage {
  id: number;
  receivedAt: Date;
  /** SMTP envelope: who really sent it and to whom it was delivered (Bcc included). */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | null;
  text: string | null;
  html: string | null;
  attachments: MailAttachment[];
}

export type NewMailMessage = Omit<MailMessage, 'id' | 'receivedAt'>;

export interface MailStoreOptions {
  maxMessages?: number;
  now?: () => Date;
}

export class MailStore {
  private readonly messages: MailMessage[] = [];
  private nextId = 1;
  private readonly maxMessages: number;
  private readonly now: () => Date;
  private readonly waiters = new Set<() => void>();

  constructor(options: MailStoreOptions = {}) {
    this.maxMessages = options.maxMessages ?? 500;
    if (!Number.isInteger(this.maxMessages) || this.maxMessages < 1) {
      throw new Error(`MailStore maxMessages must be a positive integer, got ${options.maxMessages}`);
    }
    this.now = options.now ?? (() => new Date());
  }

  add(message: NewMailMessage): MailMessage {
    const stored: MailMessage = { ...message, id: this.nextId++, receivedAt: this.now() };
    this.messages.push(stored);
    while (this.messages.length > this.maxMessages) this.messages.shift();
    for (const wake of this.waiters) wake();
    return stored;
  }

  /** Newest first. */
  list(): MailMessage[] {
    return [...this.messages].reverse();
  }

  get(id: number): MailMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }

  get size(): number {
    return this.messages.length;
  }

  /** Resolves with the first message (already stored or arriving) that matches; for tests and demo tooling. */
  waitFor(predicate: (m: MailMessage) => boolean, timeoutMs = 5000): Promise<MailMessage> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.messages.find(predicate);
        if (match) {
          cleanup();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No matching e-mail arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }
}
