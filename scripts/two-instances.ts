// `npm run two-instances`: two Passerelle instances on this machine that federate with each other, for trying
// federation in minutes. "Smart BE" (port 3000) carries the demo data; "Smart FR" (port 3001) starts empty and
// lists Smart BE's places as "Listed by Smart BE" once it has pulled them. Each trusts the other by configuration
// (FEDERATION_TRUSTED_PEERS) and has its own embedded database under data/.
import { spawn, type ChildProcess } from 'node:child_process';

const A_PORT = Number(process.env.A_PORT ?? 3000);
const B_PORT = Number(process.env.B_PORT ?? 3001);
const aUrl = `http://127.0.0.1:${A_PORT}`;
const bUrl = `http://127.0.0.1:${B_PORT}`;

const shared = {
  TZ: 'UTC',
  // Both instances are on loopback: the outbound guard must let them reach each other.
  FEDERATION_ALLOW_PRIVATE_ADDRESSES: 'true',
  FEDERATION_POLL_MS: '5000',
};

const instances: { name: string; env: Record<string, string> }[] = [
  {
    name: 'smart-be',
    env: {
      PORT: String(A_PORT),
      DATA_DIR: 'data/instance-smart-be',
      INSTANCE_NAME: 'Smart BE',
      FEDERATION_TRUSTED_PEERS: bUrl,
    },
  },
  {
    name: 'smart-fr',
    env: {
      PORT: String(B_PORT),
      DATA_DIR: 'data/instance-smart-fr',
      INSTANCE_NAME: 'Smart FR',
      DEMO_DATA: 'false',
      FEDERATION_TRUSTED_PEERS: aUrl,
    },
  },
];

const children: ChildProcess[] = instances.map(({ name, env }) => {
  const child = spawn(process.execPath, ['server/start.ts'], {
    env: { ...process.env, ...shared, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code) => {
    process.stdout.write(`[${name}] exited (${code})\n`);
    stop();
  });
  return child;
});

process.stdout.write(
  `Smart BE: ${aUrl}  ·  Smart FR: ${bUrl}\n` +
    `Smart FR lists Smart BE's places once it has pulled them (see ${bUrl}/?q=bruxelles).\n` +
    'Stop both with Ctrl+C.\n',
);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
