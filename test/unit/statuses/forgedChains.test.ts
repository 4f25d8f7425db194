/**
 * A forger's decisions arranged so that reading them costs the whole chain for every retry (src/domain/statuses.ts
 * standingStatuses, MAX_AFTER_WALK). k forged retries in a ring (each naming the next, the last the first), each
 * replacing a try of its own that names the top of a chain of n forged decisions whose foot names the first retry:
 * every retry's read `after` would close a loop, and reading it walked the chain again, k × n steps. 20,000 such
 * records took 90 s to read on our 2-core machine (a review of d1cd30f measured it), and every command and screen
 * reads the document's records: the officer's laptop or a tablet importing such a file froze. The walk now stops
 * after MAX_AFTER_WALK records; the outcome is what the order says, and the officer's decision taken after seeing
 * the forger's still stands.
 */
import { describe, expect, it } from 'vitest';
import { addProposal } from '../../../src/doc/commands';
import { viewSession } from '../../../src/doc/session';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { standingStatuses } from '../../../src/domain/statuses';
import type { ProposalStatus } from '../../../src/domain/types';
import { createdSession, ideaInput, replicaOf, testContext } from '../helpers/session';

const pad = (i: number) => String(i).padStart(6, '0');

/** k retries in a ring over their own tries, the tries naming the top of a chain of n that names the first retry. */
function forged(proposalId: string, k: number, n: number, at: number): ProposalStatus[] {
  const base = { proposalId, deviceId: 'forger', at, amountPence: 100, reason: '' };
  const out: ProposalStatus[] = [];
  for (let i = 1; i <= k; i++) {
    out.push({
      ...base,
      id: `r-${pad(i)}`,
      status: 'funded',
      after: `r-${pad(i === k ? 1 : i + 1)}`,
      replaces: [`t-${pad(i)}`],
    });
    out.push({ ...base, id: `t-${pad(i)}`, status: 'funded', after: `c-${pad(n)}` });
  }
  for (let j = 1; j <= n; j++)
    out.push({
      ...base,
      id: `c-${pad(j)}`,
      status: 'shortlisted',
      amountPence: null,
      after: j === 1 ? `r-${pad(1)}` : `c-${pad(j - 1)}`,
    });
  return out;
}

describe('forged decisions that made every retry walk the whole chain', () => {
  it('Given 20,000 forged decisions on one idea (a ring of 5,000 retries over a chain of 10,000), when the officer decides after seeing them, then the documents are read and the officer’s decision is in force', () => {
    const s = createdSession();
    const garden = addProposal(s.doc, ideaInput('Community garden'), null, s.ctx);
    const laptop = replicaOf(s.doc);
    laptop.transact(() => {
      for (const r of forged(garden, 5_000, 10_000, s.clock.now())) laptop.getMap('statuses').set(r.id, r);
    });
    // Every forged retry stands (its try folded into it), and none is read as naming itself or another retry
    // that names it back.
    const standing = standingStatuses(forged(garden, 5_000, 10_000, s.clock.now()));
    expect(standing.filter((r) => r.id.startsWith('t-'))).toEqual([]);
    expect(standing.some((r) => r.after === r.id)).toBe(false);

    const office = testContext('office-pc', { startAt: s.clock.now() + 60_000 });
    setProposalStatus(
      laptop,
      { proposalId: garden, status: 'not-taken-forward', amountPence: null, reason: 'Forged decisions' },
      office.ctx,
    );
    expect(viewSession(laptop)!.statuses.get(garden)?.status).toBe('not-taken-forward');
  });
});
