// Lets a shutdown finish the requests under way before the database closes beneath them: the server stops taking
// connections, idle ones are closed, and each answer given while draining closes its own connection.
import type { RequestListener, Server, ServerResponse } from 'node:http';

export interface RequestDrain {
  /** What the server calls: the app's listener, counting the requests under way. */
  listener: RequestListener;
  readonly inFlight: number;
  /** Stops the server once every request under way is answered, or `graceMs` passed (the rest are cut off). */
  close(server: Server, graceMs: number): Promise<{ cutOff: number }>;
}

export function drainableListener(app: RequestListener): RequestDrain {
  const active = new Set<ServerResponse>();
  const wakeWhenIdle = new Set<() => void>();
  let draining = false;

  const listener: RequestListener = (req, res) => {
    active.add(res);
    // A keep-alive connection may bring one more request after the drain began: it is answered, then closed.
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      active.delete(res);
      if (active.size === 0) for (const wake of wakeWhenIdle) wake();
    });
    app(req, res);
  };

  const idle = (timeoutMs: number): Promise<boolean> => {
    if (active.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakeWhenIdle.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        wakeWhenIdle.delete(wake);
        resolve(false);
      }, timeoutMs);
      wakeWhenIdle.add(wake);
    });
  };

  const close = async (server: Server, graceMs: number): Promise<{ cutOff: number }> => {
    const deadline = Date.now() + graceMs;
    draining = true;
    // Answers not begun yet end with "Connection: close", so their connections go once they are sent.
    for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let cutOff = 0;
    // A connection may turn idle, or bring a last request, while others finish: look again until none is left.
    for (;;) {
      const finished = await idle(Math.max(0, deadline - Date.now()));
      server.closeIdleConnections();
      if (!finished || Date.now() >= deadline) {
        cutOff = active.size;
        server.closeAllConnections();
        break;
      }
      const settled = await Promise.race([closed.then(() => true), wait(50).then(() => false)]);
      if (settled) break;
    }
    await closed;
    return { cutOff };
  };

  return {
    listener,
    get inFlight() {
      return active.size;
    },
    close,
  };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
