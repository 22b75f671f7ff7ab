// Whether an error means the database could not be reached (rather than that it refused what was asked): such errors
// are answered 503 with Retry-After, never 500.
import mongoose from 'mongoose';

/** mongoose's own copy of the driver: its errors are instances of these classes, not of the top-level package's. */
const driver = mongoose.mongo;

/**
 * Server error codes of a server that is going away or changing roles (MongoDB's "shutdown" and "not primary"
 * families): the same request succeeds once it, or a new primary, answers again.
 */
const TRANSIENT_SERVER_CODES: ReadonlySet<number> = new Set([
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/**
 * A write on a pooled connection that the server closed (killed, say) can reach us as the socket's own error, not
 * wrapped in a MongoNetworkError (driver 7.8, `writeCommand`). Only these codes: the app's other sockets (mail) wrap
 * their errors in their own.
 */
const SOCKET_CLOSED_CODES: ReadonlySet<string> = new Set(['EPIPE', 'ECONNRESET']);

const isClosedSocket = (error: unknown): boolean =>
  error instanceof Error && SOCKET_CLOSED_CODES.has(String((error as { code?: unknown }).code));

function isUnreachable(error: unknown): boolean {
  return (
    isClosedSocket(error) ||
    // Also covers timeouts and the pool cleared after a network error (PoolClearedError extends it).
    error instanceof driver.MongoNetworkError ||
    error instanceof driver.MongoServerSelectionError ||
    error instanceof driver.MongoTopologyClosedError ||
    error instanceof driver.MongoNotConnectedError ||
    error instanceof driver.MongoServerClosedError ||
    error instanceof driver.MongoClientClosedError ||
    error instanceof mongoose.Error.MongooseServerSelectionError ||
    (error instanceof driver.MongoServerError && TRANSIENT_SERVER_CODES.has(Number(error.code)))
  );
}

/** Looks through `cause`s too, since a service may wrap the driver's error in its own. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (isUnreachable(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
