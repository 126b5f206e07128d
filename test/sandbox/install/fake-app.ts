import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny BigCommerce app for install-flow tests, over real HTTP: its /auth callback exchanges the code
 * at the sandbox's login service exactly as an app does, and it records every callback it receives.
 */
export interface FakeAppCall {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TokenExchange {
  status: number;
  body: Record<string, unknown>;
}

export class FakeApp {
  readonly calls: FakeAppCall[] = [];
  readonly exchanges: TokenExchange[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly config: { clientId: string; clientSecret: string; loginUrl: () => string }) {}

  get authCallback(): string {
    return `${this.url}/auth`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.url);
        const call = {
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        this.calls.push(call);
        if (url.pathname === '/auth') {
          this.exchange(url.searchParams).then(
            (answer) => {
              res.writeHead(answer.status === 200 ? 200 : 500, { 'content-type': 'text/html' });
              res.end(answer.status === 200 ? '<h1>Installed</h1>' : '<h1>Install failed</h1>');
            },
            () => {
              res.writeHead(500).end();
            },
          );
          return;
        }
        res.writeHead(200, { 'content-type': url.pathname === '/load' ? 'text/html' : 'application/json' });
        res.end(url.pathname === '/load' ? '<h1>App UI</h1>' : '{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The app's side of step 2: POST /oauth2/token with the query BigCommerce sent to /auth. */
  async exchange(query: URLSearchParams, override: Record<string, string> = {}): Promise<TokenExchange> {
    const res = await fetch(`${this.config.loginUrl()}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        code: query.get('code'),
        context: query.get('context'),
        scope: query.get('scope'),
        grant_type: 'authorization_code',
        redirect_uri: this.authCallback,
        ...override,
      }),
    });
    const answer = { status: res.status, body: (await res.json()) as Record<string, unknown> };
    this.exchanges.push(answer);
    return answer;
  }

  callsTo(path: string): FakeAppCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
