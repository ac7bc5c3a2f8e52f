import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface Receiver {
  readonly url: string;
  readonly server: Server;
  /** Deliveries answered 2xx so far. */
  readonly received: Received[];
  /** Requests seen, failed ones included. */
  count(): number;
  next(): Promise<Received>;
  /** Resolves once `n` deliveries have been answered 2xx. */
  atLeast(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** An HTTP receiver on loopback that answers 500 to the first `failures` requests, then 204. */
export async function startReceiver(failures = 0): Promise<Receiver> {
  const received: Received[] = [];
  const waiting: (() => void)[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      calls += 1;
      if (calls <= failures) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(204).end();
      received.push({ headers: req.headers, body });
      for (const wake of waiting.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const atLeast = (n: number): Promise<Received[]> =>
    received.length >= n ? Promise.resolve(received) : new Promise((resolve) => waiting.push(() => void atLeast(n).then(resolve)));
  let taken = 0;
  return {
    url: `http://127.0.0.1:${String(port)}/hook`,
    server,
    received,
    count: () => calls,
    next: async () => {
      taken += 1;
      const all = await atLeast(taken);
      const got = all.at(taken - 1);
      if (!got) throw new Error('no delivery');
      return got;
    },
    atLeast,
    close: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}
