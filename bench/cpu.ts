// How busy the machine was during a run, and how much of that was not the benchmark: CPU used by processes
// outside this process's tree (from /proc), so a run disturbed by other work on the machine can be told apart.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

interface Snapshot {
  /** All CPU time of the machine (jiffies, all CPUs), and the busy part of it. */
  total: number;
  busy: number;
  /** CPU time of this process and its descendants (children, the database server). */
  mine: number;
  /** CPU time of each process of the tree, by pid. */
  byPid: Map<number, number>;
}

function procStat(pid: string): { ppid: number; cpu: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces, closed by the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function snapshot(): Snapshot | undefined {
  try {
    const values = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = values[3]! + values[4]!;
    const stats = new Map<number, { ppid: number; cpu: number }>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = procStat(pid);
      if (stat) stats.set(Number(pid), stat);
    }
    const isMine = (pid: number): boolean => {
      for (let p = pid, hops = 0; p > 1 && hops < 50; hops += 1) {
        if (p === process.pid) return true;
        p = stats.get(p)?.ppid ?? 0;
      }
      return false;
    };
    let mine = 0;
    const byPid = new Map<number, number>();
    for (const [pid, stat] of stats) {
      if (!isMine(pid)) continue;
      mine += stat.cpu;
      byPid.set(pid, stat.cpu);
    }
    return { total, busy: total - idle, mine, byPid };
  } catch {
    return undefined;
  }
}

export interface CpuUse {
  /** Cores busy on average during the interval, all processes. */
  busyCores: number;
  /** Cores used by processes outside the benchmark's own tree. */
  otherCores: number;
  /** Cores used by the named processes of the tree; "rest" is the tree's other processes (the database server). */
  named: Record<string, number>;
  /** Length of the interval. */
  seconds: number;
}

/**
 * Starts measuring; the returned function ends the interval. `names` maps a label to a pid of the tree (this process
 * is "load generator"); a process started during the interval counts from its start. Undefined where /proc is missing.
 */
export function measureCpu(): (names: Record<string, number | undefined>) => CpuUse | undefined {
  const start = snapshot();
  const began = performance.now();
  return (names) => {
    const end = snapshot();
    if (!start || !end || end.total <= start.total) return undefined;
    const perCore = (end.total - start.total) / os.availableParallelism();
    const busy = end.busy - start.busy;
    const used = (pid: number) => (end.byPid.get(pid) ?? 0) - (start.byPid.get(pid) ?? 0);
    const named: Record<string, number> = {};
    let namedTotal = 0;
    for (const [label, pid] of Object.entries({ 'load generator': process.pid, ...names })) {
      if (pid === undefined) continue;
      const value = used(pid);
      named[label] = value / perCore;
      namedTotal += value;
    }
    const mine = end.mine - start.mine;
    named.rest = Math.max(0, mine - namedTotal) / perCore;
    // Processes that exited during the interval take their CPU time with them; never report below zero.
    const seconds = (performance.now() - began) / 1000;
    return { busyCores: busy / perCore, otherCores: Math.max(0, busy - mine) / perCore, named, seconds };
  };
}

export interface Calibration {
  /** 10^8 additions in a loop: raw CPU speed. */
  loopMs: number;
  /** Array.filter over 100,000 small objects keeping about half: allocation and memory speed. */
  filterMs: number;
}

/** Two reference timings, so figures from different machines can be put side by side; best of five each. */
export function calibrate(): Calibration {
  const best = (fn: () => unknown) => {
    let min = Infinity;
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      fn();
      min = Math.min(min, performance.now() - started);
    }
    return min;
  };
  const loopMs = best(() => {
    let sum = 0;
    for (let i = 0; i < 1e8; i += 1) sum += i & 7;
    return sum;
  });
  const points = Array.from({ length: 100_000 }, (_, i) => ({ lat: 40 + (i % 20), lng: i % 10 }));
  const filterMs = best(() => points.filter((p) => p.lng < 5 && p.lat >= 40).length);
  return { loopMs, filterMs };
}
