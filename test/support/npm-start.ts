// The server started as `npm start` starts it (the launcher, server/start.ts), against the test run's database.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { testDatabaseUri } from './root-hooks.ts';

/** A loopback port free a moment ago. */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Starts the launcher and resolves once the server says it is listening. */
export async function startLikeNpmStart({ tuning = 'off' }: { tuning?: 'on' | 'off' } = {}): Promise<{
  launcher: ChildProcess;
  port: number;
}> {
  const port = await freePort();
  const launcher = spawn(process.execPath, ['server/start.ts'], {
    env: {
      ...process.env,
      TZ: 'UTC',
      PORT: String(port),
      MONGODB_URI: testDatabaseUri(),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      TUNING: tuning,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Passerelle is running at')) resolve();
    });
    launcher.once('exit', (code) => reject(new Error(`the launcher exited (${code}) before the server listened`)));
  });
  return { launcher, port };
}
