import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A TCP proxy in front of a database, to play its failures: `freeze` stops every byte both ways while
 * connections stay open (a frozen server, a network that drops packets), `cut` ends every connection
 * and refuses new ones (a server that is down), `restore` lets everything through again.
 */
export interface TcpProxy {
  port: number;
  freeze(): void;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | 'frozen' | 'down' = 'open';
  const pairs = new Set<[Socket, Socket]>();
  const flow = (pair: [Socket, Socket]) => {
    const [client, upstream] = pair;
    if (mode === 'open') {
      client.pipe(upstream);
      upstream.pipe(client);
    } else {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  };
  const server = createServer((client) => {
    if (mode === 'down') return void client.destroy();
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    flow(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: TcpProxy = {
    port: (server.address() as AddressInfo).port,
    freeze() {
      mode = 'frozen';
      pairs.forEach(flow);
    },
    cut() {
      mode = 'down';
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      mode = 'open';
      pairs.forEach(flow);
    },
    async close() {
      proxy.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
