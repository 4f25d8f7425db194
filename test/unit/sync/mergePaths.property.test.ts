/**
 * Merge correctness over session files (issue 3, item 4). K devices (2 to 5; some start with no copy of the
 * session and get it from a file) run a random workshop: residents start, answer, add ideas, comment, vote and
 * re-vote, finish; facilitators hide, unhide, fix typos, merge duplicates, change settings, end the session.
 * Between commands devices exchange session files through the app's own import path (read, prepare on a
 * scratch copy, apply): fresh files, the same file twice, old files delivered late, several files at once.
 * Finally every device sends its file to every other device in a shuffled order.
 *
 * Then every device holds exactly the records the commands wrote (nothing lost, nothing extra, each
 * participant's last record and last ballot revision), the same as a plain Yjs merge of every command, and
 * shows the same board and the same count, where each ballot is counted or excluded exactly once. Along the
 * way every import's preview says exactly what it added and no written-once record ever changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commandArb,
  fileTransferArb,
  setupArb,
  Workshop,
  type Command,
  type FileTransfer,
} from './mergeHelpers';

type Step = { kind: 'command'; command: Command } | { kind: 'file'; transfer: FileTransfer };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: commandArb.map((command) => ({ kind: 'command' as const, command })), weight: 4 },
  { arbitrary: fileTransferArb.map((transfer) => ({ kind: 'file' as const, transfer })), weight: 1 },
);

/**
 * MERGE_PROPERTY_RUNS=20000 for a longer soak. 300 by default (was 1,000, 40 s of CI's unit run): over 1,500
 * sampled cases each case reaches on average 7.5 files that add nothing, 0.65 new sessions, 0.32 replaced
 * records (one case in 6.5), 1.19 ballots and 0.60 re-cast ones, so 300 cases reach the rarest path, a
 * replaced record, about 96 times (in some 46 cases); every CI run draws a new seed, so runs add up.
 */
const NUM_RUNS = Number(process.env.MERGE_PROPERTY_RUNS) || 300;

describe('merging devices by session files, in any order and any number of times', () => {
  it(
    `Given K devices running a random workshop and swapping session files (fresh, repeated, late, several at once), when every device has sent its file to every other, then all hold the records the commands wrote and show the same tallies (${NUM_RUNS} cases)`,
    async () => {
      const totals = { runs: 0, imports: 0, noChange: 0, newSession: 0, replaced: 0, ballots: 0, recast: 0 };
      await fc.assert(
        fc.asyncProperty(
          setupArb,
          fc.array(stepArb, { minLength: 5, maxLength: 40, size: 'max' }),
          async (setup, steps) => {
            const w = new Workshop(setup);
            for (const step of steps) {
              if (step.kind === 'command') w.run(step.command);
              else await w.transfer(step.transfer);
            }
            await w.everyoneToEveryone(setup.seed);
            w.checkConverged(w.devices.map((d) => d.doc));
            totals.runs += 1;
            totals.imports += w.stats.imports;
            totals.noChange += w.stats.noChange;
            totals.newSession += w.stats.newSession;
            totals.replaced += w.stats.replaced;
            totals.ballots += w.expected.ballots.size;
            totals.recast += [...w.expected.ballots.values()].filter(
              (b) => (JSON.parse(b) as { revision: number }).revision > 1,
            ).length;
          },
        ),
        { numRuns: NUM_RUNS },
      );
      // The generator reaches the paths that matter: files that add nothing, new sessions, records replaced by a
      // later version (a finished participant, a re-cast ballot), many ballots. Each bound is far below what
      // cases reach (means above): convolving the sampled distribution 300 times, the likeliest to fail by
      // chance is `replaced` (about 96 expected, over 15 needed) at about 5 in 10^12.
      expect(totals.runs).toBe(NUM_RUNS);
      expect(totals.noChange).toBeGreaterThan(NUM_RUNS);
      expect(totals.newSession).toBeGreaterThan(NUM_RUNS / 4);
      expect(totals.replaced).toBeGreaterThan(NUM_RUNS / 20);
      expect(totals.ballots).toBeGreaterThan(NUM_RUNS / 2);
      expect(totals.recast).toBeGreaterThan(NUM_RUNS / 10);
    },
    // A guard against a hang, not a speed goal: 300 cases took 16 s at load 5-6 on 2 cores (55 ms each), and cases
    // here have run 13 times slower at load 17, past the 200 ms a case this once allowed.
    60_000 + NUM_RUNS * 1_000,
  );
});
