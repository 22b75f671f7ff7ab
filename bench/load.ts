// One bounded autocannon run against a loopback server, with our own latency percentiles (autocannon has no p95).
import autocannon from 'autocannon';
import type { CpuUse } from './cpu.ts';

export interface LoadOptions {
  port: number;
  paths: readonly string[];
  connections: number;
  durationSec: number;
}

export interface LoadResult {
  requests: number;
  /** 2xx responses per second over the run. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
  /** Set by the caller that measured them: CPU use, and the server's garbage-collection pauses during the run. */
  cpu?: CpuUse | undefined;
  gcMs?: number | undefined;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Requests `paths` round-robin over all connections (one shared counter: each path in turn, whatever connection). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { port, paths, connections, durationSec } = options;
  let next = 0;
  const latencies: number[] = [];
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        pipelining: 1,
        duration: durationSec,
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              request.path = paths[next++ % paths.length]!;
              return request;
            },
          },
        ],
      },
      (error: unknown, result) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
          : resolve(result),
    );
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  // A hard bound in case the run does not end on its own.
  const guard = setTimeout(() => instance.stop(), (durationSec + 20) * 1000);
  try {
    const result = await finished;
    const sorted = Float64Array.from(latencies).sort();
    return {
      requests: result.requests.total,
      rps: sorted.length / result.duration,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : NaN,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      durationSec: result.duration,
    };
  } finally {
    clearTimeout(guard);
  }
}
