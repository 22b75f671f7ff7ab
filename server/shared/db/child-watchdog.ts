// Keeps a child process running: when it dies unasked, it is started again after a pause that grows while it keeps
// dying, and each death and restart is logged. The launcher watches the embedded FerretDB with it.
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../logging/logger.ts';

export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long was healthy: should it die, it is restarted after the first delay again. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 100, maxDelayMs: 5000, stableAfterMs: 30_000 };

/** The pause before the next start: doubled while the child keeps dying young, the first again after a good run. */
export function nextRestartDelay(policy: RestartPolicy, previousDelayMs: number | undefined, ranForMs: number): number {
  if (previousDelayMs === undefined || ranForMs >= policy.stableAfterMs) return policy.firstDelayMs;
  return Math.min(policy.maxDelayMs, previousDelayMs * 2);
}

export interface Watchdog {
  /** The child running now (a new one after each restart). */
  readonly child: ChildProcess;
  /** Stops watching, then stops the child. */
  stop(): Promise<void>;
}

export interface WatchOptions {
  /** What is watched, for the log. */
  name: string;
  /** Starts a new child, with the same arguments (data folder, port) as the first. */
  start: () => ChildProcess;
  logger: Logger;
  policy?: RestartPolicy;
  /** Stops a child, asked or not: the watchdog does not restart it. */
  stopChild: (child: ChildProcess) => Promise<void>;
}

export function watchChild(first: ChildProcess, options: WatchOptions): Watchdog {
  const { name, logger, policy = DEFAULT_RESTART_POLICY } = options;
  let child = first;
  let startedAt = Date.now();
  let delay: number | undefined;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const restart = () => {
    timer = undefined;
    if (stopping) return;
    child = options.start();
    startedAt = Date.now();
    follow(child);
    logger.info({ pid: child.pid }, `${name} restarted`);
  };

  const died = (from: ChildProcess, reason: Record<string, unknown>) => {
    if (stopping || from !== child) return;
    delay = nextRestartDelay(policy, delay, Date.now() - startedAt);
    logger.error({ ...reason, restartInMs: delay }, `${name} stopped unexpectedly; restarting it`);
    timer = setTimeout(restart, delay);
  };

  // A child that cannot be started at all emits 'error' and no 'exit'; one that ran emits 'exit'. Either is a death.
  function follow(watched: ChildProcess): void {
    let gone = false;
    const once = (reason: Record<string, unknown>) => {
      if (gone) return;
      gone = true;
      died(watched, reason);
    };
    watched.once('exit', (code, signal) => once({ code, signal }));
    watched.once('error', (error) => once({ err: error }));
  }

  follow(first);
  return {
    get child() {
      return child;
    },
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await options.stopChild(child);
    },
  };
}
