// Entry point of `npm start`: runs the server (main.ts) in a process started with what Node and glibc read only at
// start (shared/runtime/tuning.ts), and passes its exit on.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config/index.ts';
import { processTuning, startArguments } from './shared/runtime/tuning.ts';

let tuning;
try {
  tuning = processTuning(loadConfig());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const { execArgv, env } = startArguments(tuning);
const server = spawn(
  process.execPath,
  [...process.execArgv, ...execArgv, fileURLToPath(new URL('./main.ts', import.meta.url))],
  { stdio: 'inherit', env: { ...process.env, ...env } },
);
// A terminal's Ctrl-C reaches the server too (one process group), which shuts down on its first signal only: passing
// SIGINT on as well would cut its shutdown short. A SIGTERM sent to this process alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => server.kill('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
