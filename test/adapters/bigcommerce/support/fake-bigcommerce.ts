import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny scripted HTTP server standing in for BigCommerce in the client's unit tests: each request is
 * recorded and answered by the test's handler. (Integration tests use the real sandbox instead.)
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The raw query string without `?`, as sent. */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** Fake-clock time at arrival, when the test gave the server a clock. */
  readonly at: number;
}

export type Reply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown }
  | { readonly status: number; readonly headers?: Record<string, string>; readonly raw: string }
  | 'hang'
  | 'destroy';

export type Handler = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface FakeServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Highest number of requests being handled at the same time. */
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

export async function startFakeServer(handler: Handler, clock: () => number = Date.now): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const [path = '', rawQuery = ''] = (req.url ?? '').split('?');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body: text === '' ? undefined : JSON.parse(text),
        at: clock(),
      };
      requests.push(recorded);
      const reply = await handler(recorded, requests.length - 1);
      if (reply === 'hang') return;
      inFlight -= 1;
      if (reply === 'destroy') {
        req.socket.destroy();
        return;
      }
      const payload = 'raw' in reply ? reply.raw : reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...(payload === '' ? {} : { 'content-type': 'application/json' }),
        ...reply.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A clock whose sleeps return at once and move time forward, recording every wait. */
export function fakeTime(start = 1_700_000_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
    start,
  };
}

export function ok(body: unknown, headers: Record<string, string> = {}): Reply {
  return { status: 200, body, headers };
}

/** v3 list envelope. */
export function v3Page<T>(data: T[], page: number, totalPages: number, total = data.length): Reply {
  return ok({
    data,
    meta: {
      pagination: {
        total,
        count: data.length,
        per_page: 250,
        current_page: page,
        total_pages: totalPages,
        links: { current: `?page=${page}&limit=250` },
      },
    },
  });
}
