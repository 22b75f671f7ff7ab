// The launcher's watchdog: a child that dies unasked is started again, after pauses that grow while it keeps dying.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import { pino } from 'pino';
import { nextRestartDelay, watchChild, type RestartPolicy } from '../../server/shared/db/child-watchdog.ts';

const policy: RestartPolicy = { firstDelayMs: 1, maxDelayMs: 4, stableAfterMs: 60_000 };

class FakeChild extends EventEmitter {
  exitCode: number | null = null;
  signalCode: string | null = null;
  pid = Math.floor(Math.random() * 100_000);
}
const asChild = (fake: FakeChild) => fake as unknown as ChildProcess;

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(done()).to.equal(true);
};

describe('child watchdog (unit)', () => {
  it('when a child keeps dying young, then each pause doubles up to the most; after a long run, the first again', () => {
    expect(nextRestartDelay(policy, undefined, 10)).to.equal(1);
    expect(nextRestartDelay(policy, 1, 10)).to.equal(2);
    expect(nextRestartDelay(policy, 2, 10)).to.equal(4);
    expect(nextRestartDelay(policy, 4, 10)).to.equal(4);
    expect(nextRestartDelay(policy, 4, 60_000)).to.equal(1);
  });

  it('when the child dies or cannot start, then a new one is started; once stopped, it is not', async () => {
    const started: FakeChild[] = [];
    const stopped: ChildProcess[] = [];
    const first = new FakeChild();
    const watchdog = watchChild(asChild(first), {
      name: 'test child',
      start: () => {
        const child = new FakeChild();
        started.push(child);
        return asChild(child);
      },
      logger: pino({ level: 'silent' }),
      policy,
      stopChild: (child) => {
        stopped.push(child);
        return Promise.resolve();
      },
    });

    first.emit('exit', null, 'SIGKILL');
    await until(() => started.length === 1);
    expect(watchdog.child).to.equal(started[0]);

    // A start that fails emits 'error' (and no 'exit'); an 'exit' after it is not a second death.
    started[0]!.emit('error', new Error('spawn ENOENT'));
    started[0]!.emit('exit', 1, null);
    await until(() => started.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).to.have.length(2);

    await watchdog.stop();
    expect(stopped).to.deep.equal([started[1]]);
    started[1]!.emit('exit', 0, null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).to.have.length(2);
  });
});
