// The mongoose connection: opened once at start, closed at shutdown, its state reported by /healthz.
import mongoose from 'mongoose';
import { isDatabaseUnavailable } from './unavailable.ts';

/**
 * How long an operation waits for a reachable server before it fails (and its request is answered 503): short, so
 * that an outage gets a prompt 503 and Retry-After rather than a request left hanging. A replica set's election,
 * which takes longer, is answered the same way.
 */
const SERVER_SELECTION_TIMEOUT_MS = 750;

/** How long the first connection keeps trying, for a database that starts after the app (a container, say). */
const FIRST_CONNECTION_WAIT_MS = 30_000;

/** `monitorCommands` lets the tests and the benchmark watch the commands sent (see command-watch.ts). */
export async function connectDatabase(uri: string, { monitorCommands = false } = {}): Promise<typeof mongoose> {
  // Filter fields the schema does not know are dropped; user input reaches queries only after schema validation.
  mongoose.set('strictQuery', true);
  const deadline = Date.now() + FIRST_CONNECTION_WAIT_MS;
  for (;;) {
    try {
      // Once connected, the driver reconnects by itself after an outage: no operation is queued meanwhile (mongoose
      // buffers only before the first connection), each fails within the selection timeout instead.
      return await mongoose.connect(uri, {
        serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
        autoIndex: true,
        monitorCommands,
      });
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadline) throw error;
    }
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

export type DatabaseState = 'connected' | 'connecting' | 'disconnected' | 'disconnecting';

export function databaseState(): DatabaseState {
  const states: Record<number, DatabaseState> = {
    0: 'disconnected',
    1: 'connected',
    2: 'connecting',
    3: 'disconnecting',
  };
  return states[mongoose.connection.readyState] ?? 'disconnected';
}

/**
 * Asks the server itself, so a connection that looks open but no longer answers is reported as down; asked also
 * while the connection says it is down, since the asking makes the driver look for the server again at once.
 */
export async function pingDatabase(timeoutMs = 1000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db) return false;
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const ping = db
    .command({ ping: 1 })
    .then(() => true)
    .catch(() => false);
  return Promise.race([ping, timeout]);
}
