import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly at: number;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are asserted on, not typed
  readonly body: any;
}

/**
 * A local HTTP endpoint that records webhook deliveries and answers with the statuses it is told to
 * (one per delivery in order, then `defaultStatus`).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly server: http.Server;
  private statuses: number[] = [];
  defaultStatus = 200;
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor() {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          at: Date.now(),
          path: request.url ?? '/',
          headers: request.headers,
          body: text ? JSON.parse(text) : undefined,
        });
        response.statusCode = this.statuses.shift() ?? this.defaultStatus;
        response.end();
        this.waiters = this.waiters.filter((w) => {
          if (this.received.length >= w.count) {
            w.resolve();
            return false;
          }
          return true;
        });
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path = '/webhooks'): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  respondWith(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  /** Resolves when at least `count` deliveries arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 5000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} deliveries, got ${this.received.length}`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  scopes(): string[] {
    return this.received.map((r) => r.body?.scope);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
