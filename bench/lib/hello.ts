/**
 * The yardsticks of the `GET /v1/tenant` scenario, each a process of its own like the BFF:
 *
 *   node --import tsx bench/lib/hello.ts node <port>   bare node:http hello-world
 *   node --import tsx bench/lib/hello.ts hono <port>   bare Hono app on @hono/node-server
 */
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [kind, port] = process.argv.slice(2);
const listening = () => console.log('listening');

if (kind === 'node') {
  createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Hello, World!');
  }).listen(Number(port), '127.0.0.1', listening);
} else if (kind === 'hono') {
  const app = new Hono().get('/', (c) => c.text('Hello, World!'));
  serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, listening);
} else {
  console.error('usage: hello.ts node|hono <port>');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0)); // exit normally, so --cpu-prof writes its profile
