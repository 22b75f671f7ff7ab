// The mongoose connection: opened once at start, closed at shutdown, its state reported by /healthz.
import mongoose from 'mongoose';

/** `monitorCommands` lets the tests and the benchmark watch the commands sent (see command-watch.ts). */
export async function connectDatabase(uri: string, { monitorCommands = false } = {}): Promise<typeof mongoose> {
  // Filter fields the schema does not know are dropped; user input reaches queries only after schema validation.
  mongoose.set('strictQuery', true);
  return mongoose.connect(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true, monitorCommands });
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

/** Asks the server itself, so a connection that looks open but no longer answers is reported as down. */
export async function pingDatabase(timeoutMs = 1000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || databaseState() !== 'connected') return false;
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const ping = db
    .command({ ping: 1 })
    .then(() => true)
    .catch(() => false);
  return Promise.race([ping, timeout]);
}
