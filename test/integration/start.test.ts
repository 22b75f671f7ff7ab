// `npm start` as a person runs it: the launcher starts the server with the process tuning, or without when it is off.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { startLikeNpmStart } from '../support/npm-start.ts';

const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

/** The process that runs the server (main.ts), among the launcher's descendants. */
function serverPid(launcher: ChildProcess): number {
  const queue = [launcher.pid!];
  while (queue.length) {
    const pid = queue.shift()!;
    if (
      readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .some((arg) => arg.endsWith('server/main.ts'))
    )
      return pid;
    queue.push(...childrenOf(pid));
  }
  throw new Error('no process runs server/main.ts');
}

function stop(launcher: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    launcher.once('exit', (code) => resolve(code));
    launcher.kill('SIGTERM');
  });
}

describe('starting the app as npm start does', function () {
  this.timeout(120_000);

  it('when tuning is on (the default), then the server runs with the tuning, answers, and stops cleanly on SIGTERM', async () => {
    const { launcher, port } = await startLikeNpmStart({ tuning: 'on' });
    try {
      const server = serverPid(launcher);
      expect(readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0')).to.include('--max-semi-space-size=8');
      expect(readFileSync(`/proc/${server}/environ`, 'utf8').split('\0')).to.include('MALLOC_MMAP_THRESHOLD_=131072');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).to.equal(200);
    } finally {
      expect(await stop(launcher)).to.equal(0);
    }
  });

  it('when tuning is off, then the server runs with Node and glibc defaults', async () => {
    const { launcher } = await startLikeNpmStart({ tuning: 'off' });
    try {
      const server = serverPid(launcher);
      expect(readFileSync(`/proc/${server}/cmdline`, 'utf8')).not.to.include('--max-semi-space-size');
      expect(readFileSync(`/proc/${server}/environ`, 'utf8')).not.to.include('MALLOC_MMAP_THRESHOLD_');
    } finally {
      await stop(launcher);
    }
  });
});
