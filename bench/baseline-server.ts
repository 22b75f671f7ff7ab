// Child process: a bare node:http server answering each benchmarked URL with the exact bytes (status, headers, body)
// the app returned for it. It measures what HTTP and the loopback cost, so app/baseline shows what the app adds.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BaselineReady, ParentMessage, RecordedAnswers } from './ipc.ts';

const file = process.env.BENCH_RECORDED;
if (!file) throw new Error('BENCH_RECORDED is required');
const recorded = JSON.parse(readFileSync(file, 'utf8')) as RecordedAnswers;
const decoded = new Map(
  Object.entries(recorded.responses).map(([path, r]) => [path, { ...r, body: Buffer.from(r.bodyBase64, 'base64') }]),
);
// Every benchmarked path, resolved once: the lookup per request is one Map.get, as for a recorded path.
const responses = new Map([
  ...decoded,
  ...Object.entries(recorded.aliases).map(([p, a]) => [p, decoded.get(a)!] as const),
]);

const server = createServer((req, res) => {
  const response = responses.get(req.url ?? '');
  if (!response) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not recorded');
    return;
  }
  res.writeHead(response.status, response.headers);
  res.end(response.body);
});

server.listen(0, '127.0.0.1', () => {
  const ready: BaselineReady = {
    type: 'ready',
    port: (server.address() as AddressInfo).port,
    pid: process.pid,
    paths: responses.size,
  };
  process.send?.(ready);
});

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
