import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer in front of several instances of the app: each request goes to the next instance in
 * turn (round robin), so BigCommerce's webhooks and callbacks and the API's requests land on either.
 * Counts what it sent where, by path, so a test can show that every instance took its share.
 */
export interface RoundRobinProxy {
  /** The proxy's URL: the app's public URL (APP_URL). */
  readonly url: string;
  /** Adds an instance (an instance restarted on the same address is not added twice). */
  addTarget(instanceUrl: string): void;
  /** Takes an instance out of the rotation, as before it is stopped; its counts are kept. */
  removeTarget(instanceUrl: string): void;
  /** Requests forwarded to each instance whose path starts with `pathPrefix`, by instance URL. */
  forwarded(pathPrefix: string): ReadonlyMap<string, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  const targets: string[] = [];
  const removed = new Set<string>();
  const sent: { target: string; path: string }[] = [];
  let next = 0;

  const forward = (incoming: IncomingMessage, answer: ServerResponse) => {
    if (targets.length === 0) {
      answer.writeHead(503).end('no instance yet');
      return;
    }
    const target = targets[next % targets.length]!;
    next += 1;
    const path = incoming.url ?? '/';
    sent.push({ target, path });
    const outgoing = httpRequest(
      new URL(path, target),
      { method: incoming.method, headers: incoming.headers },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    // An instance that is not there answers as a load balancer would: 502, and the sender retries.
    outgoing.on('error', () => {
      if (!answer.headersSent) answer.writeHead(502);
      answer.end();
    });
    incoming.pipe(outgoing);
  };

  const server = createServer(forward);
  // Node's default keep-alive would hold a closing test for seconds.
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    addTarget(instanceUrl) {
      if (!targets.includes(instanceUrl)) targets.push(instanceUrl);
    },
    removeTarget(instanceUrl) {
      const index = targets.indexOf(instanceUrl);
      if (index < 0) return;
      targets.splice(index, 1);
      removed.add(instanceUrl);
    },
    forwarded(pathPrefix) {
      const counts = new Map<string, number>([...targets, ...removed].map((t) => [t, 0]));
      for (const { target, path } of sent) {
        if (path.startsWith(pathPrefix)) counts.set(target, (counts.get(target) ?? 0) + 1);
      }
      return counts;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
