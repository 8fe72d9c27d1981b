/**
 * A WebSocket-to-TCP relay like Neon's proxy, for testing the Neon serverless driver against
 * a local PostgreSQL: each WebSocket carries the raw Postgres protocol to `?address=host:port`.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface Relay {
  /** host:port/path to give the driver as its wsProxy. */
  proxy: string;
  close(): Promise<void>;
}

export async function startNeonRelay(): Promise<Relay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket, request) => {
    const address = new URL(request.url ?? '/', 'http://relay').searchParams.get('address') ?? '127.0.0.1:5432';
    const [host, port] = address.split(':');
    const tcp = connect(Number(port), host);
    const pending: Buffer[] = [];
    let open = false;
    tcp.on('connect', () => {
      open = true;
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    socket.on('message', (data: Buffer) => (open ? tcp.write(data) : pending.push(data)));
    tcp.on('data', (data) => socket.send(data));
    const end = () => {
      tcp.destroy();
      socket.close();
    };
    tcp.on('error', end);
    tcp.on('close', end);
    socket.on('close', end);
    socket.on('error', end);
  });
  const { port } = server.address() as AddressInfo;
  return {
    proxy: `127.0.0.1:${port}/v2`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
