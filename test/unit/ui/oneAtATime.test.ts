/** A session's commands run one at a time (src/ui/oneAtATime.ts): the next never starts before the last settled. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../src/ui/oneAtATime';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

/** A promise settled from outside. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('one at a time', () => {
  it('Given a job still running, when another is given, then it starts only after the first has failed, and each gets its own outcome', async () => {
    const queue = oneAtATime();
    const first = deferred();
    const started: string[] = [];
    const a = queue(async () => {
      started.push('a');
      await first.promise;
      return 'a';
    });
    const b = queue(() => {
      started.push('b');
      return Promise.resolve('b');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual(['a']);
    first.reject(new Error('refused'));
    await expect(a).rejects.toThrow('refused');
    await expect(b).resolves.toBe('b');
    expect(started).toEqual(['a', 'b']);
  });

  it('Given any jobs that succeed or fail in any order of timing, then they run in the order given and never two at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ fails: fc.boolean(), ticks: fc.nat({ max: 3 }) }), { maxLength: 8 }),
        async (jobs) => {
          const queue = oneAtATime();
          let running = 0;
          let most = 0;
          const order: number[] = [];
          const outcomes = await Promise.allSettled(
            jobs.map((job, i) =>
              queue(async () => {
                running += 1;
                most = Math.max(most, running);
                order.push(i);
                for (let t = 0; t < job.ticks; t++) await Promise.resolve();
                running -= 1;
                if (job.fails) throw new Error(`job ${i}`);
                return i;
              }),
            ),
          );
          expect(order).toEqual(jobs.map((_, i) => i));
          expect(most).toBeLessThanOrEqual(1);
          expect(outcomes.map((o) => o.status)).toEqual(
            jobs.map((j) => (j.fails ? 'rejected' : 'fulfilled')),
          );
        },
      ),
      { numRuns: 200, interruptAfterTimeLimit: PROPERTY_BUDGET_MS },
    );
  });
});
