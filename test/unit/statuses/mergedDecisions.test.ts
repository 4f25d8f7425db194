/**
 * A decision recorded on an idea that a facilitator, apart, merged into another: the decision is not hidden with
 * the duplicate, it is listed against the kept idea where officers look.
 */
import { describe, expect, it } from 'vitest';
import { addProposal } from '../../../src/doc/commands';
import { mergeProposals } from '../../../src/doc/moderationCommands';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { viewSession } from '../../../src/doc/session';
import { proposalViews } from '../../../src/domain/proposals';
import { decisionsOnMergedIdeas } from '../../../src/domain/statusRules';
import type { Moderation, Proposal, ProposalStatus } from '../../../src/domain/types';
import { createdSession, exchange, replicaOf, testContext } from '../helpers/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';

const idea = (title: string) => ({
  title,
  description: '',
  themeId: 'theme-green',
  costPence: 1_200_000,
  where: '',
});

describe('decisions on merged ideas', () => {
  it('Given an officer funds a duplicate while a facilitator, apart, merges it into the kept idea, when the devices meet, then the decision is listed on the kept idea', () => {
    const s = createdSession();
    const kept = addProposal(s.doc, idea('Community garden'), null, s.ctx);
    s.clock.advance();
    const duplicate = addProposal(s.doc, idea('Garden for everyone'), null, s.ctx);
    s.clock.advance();
    const office = replicaOf(s.doc);
    const officer = testContext('officer-1', { startAt: s.clock.now() + 60_000 });
    setProposalStatus(
      office,
      { proposalId: duplicate, status: 'funded', amountPence: 1_000_000, reason: '' },
      officer.ctx,
    );
    mergeProposals(s.doc, duplicate, kept, s.ctx);
    expect(sessionChecks(viewSession(s.doc)!).mergedDecisions).toEqual([]);
    exchange(s.doc, office);

    for (const doc of [s.doc, office]) {
      const [decision, ...rest] = sessionChecks(viewSession(doc)!).mergedDecisions;
      expect(rest).toEqual([]);
      expect(decision).toMatchObject({
        keptId: kept,
        duplicateId: duplicate,
        duplicateTitle: 'Garden for everyone',
        status: { status: 'funded', amountPence: 1_000_000 },
      });
    }
  });

  const proposal = (id: string, at: number): Proposal => ({
    id,
    title: `Idea ${id}`,
    description: '',
    themeId: 't',
    costPence: 100,
    where: '',
    participantId: null,
    deviceId: 'd',
    at,
  });
  const status = (
    id: string,
    proposalId: string,
    at: number,
    over: Partial<ProposalStatus> = {},
  ): ProposalStatus => ({
    id,
    proposalId,
    at,
    deviceId: 'o',
    status: 'shortlisted',
    amountPence: null,
    reason: '',
    ...over,
  });
  const merge = (id: string, proposalId: string, intoId: string): Moderation => ({
    id,
    kind: 'merge',
    proposalId,
    intoId,
    deviceId: 'd',
    at: 50,
  });

  it('Given duplicates whose latest decision is "submitted", or ideas not merged, then only real decisions on merged ideas are listed, by the kept idea, then the duplicate', () => {
    const views = proposalViews(
      [proposal('A', 1), proposal('B', 2), proposal('C', 3), proposal('D', 4), proposal('E', 5)],
      [merge('m1', 'D', 'B'), merge('m2', 'C', 'A'), merge('m3', 'E', 'A')],
    );
    const records = [
      status('s1', 'A', 10, { status: 'done' }),
      status('s2', 'D', 10),
      status('s3', 'C', 10),
      status('s4', 'E', 10),
      status('s5', 'E', 20, { status: 'submitted' }),
    ];
    expect(decisionsOnMergedIdeas(views, records).map((d) => [d.keptId, d.duplicateId, d.status.id])).toEqual(
      [
        ['A', 'C', 's3'],
        ['B', 'D', 's2'],
      ],
    );
    expect(decisionsOnMergedIdeas(views, [...records].reverse())).toEqual(
      decisionsOnMergedIdeas(views, records),
    );
  });
});
