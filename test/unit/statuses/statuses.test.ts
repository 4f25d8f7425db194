/**
 * "You said, we did": officers record what became of each idea. The rules (funded needs an amount above zero,
 * not taken forward needs a reason, nothing else carries either), the command (works after the workshop
 * ended, refuses unknown and merged-away ideas, one transaction, nothing written when refused), and what
 * residents of a later workshop may see (titles and decisions of visible ideas only).
 */
import { describe, expect, it } from 'vitest';
import { addComment, addProposal } from '../../../src/doc/commands';
import { endSession } from '../../../src/doc/sessionCommands';
import { hideProposal, mergeProposals } from '../../../src/doc/moderationCommands';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { decidedIdeas, effectiveStatuses, isEarlierSession, statusOf } from '../../../src/domain/statuses';
import { isOverCost, statusHistory, validateStatusInput } from '../../../src/domain/statusRules';
import { LIMITS } from '../../../src/domain/limits';
import type { ProposalStatus } from '../../../src/domain/types';
import {
  createdSession,
  expectOneCommandTransaction,
  expectRefused,
  expectValidation,
  recordTransactions,
} from '../helpers/session';

const idea = (title: string, costPence = 1_200_000) => ({
  title,
  description: 'Described at length by a resident.',
  themeId: 'theme-green',
  costPence,
  where: 'Behind the library',
});

/** A session with two ideas: a community garden (£12,000) and a bike repair shed (£3,000). */
function session() {
  const s = createdSession();
  const garden = addProposal(s.doc, idea('Community garden'), null, s.ctx);
  s.clock.advance();
  const bikes = addProposal(s.doc, idea('Bike repair shed', 300_000), null, s.ctx);
  s.clock.advance();
  return { ...s, garden, bikes };
}

const record = (over: Partial<ProposalStatus>): ProposalStatus => ({
  id: 'st-1',
  deviceId: 'officer-1',
  at: 1000,
  proposalId: 'p-1',
  status: 'shortlisted',
  amountPence: null,
  reason: '',
  ...over,
});

describe('validating a status', () => {
  it('Given funded with an amount above zero, then it is accepted and keeps the amount', () => {
    expect(validateStatusInput({ status: 'funded', amountPence: 1_200_000, reason: '' })).toEqual({
      status: 'funded',
      amountPence: 1_200_000,
      reason: '',
    });
  });

  it('Given funded with no amount, zero, a negative or a fraction of a penny, then each is refused on the amount', () => {
    expectValidation(
      () => validateStatusInput({ status: 'funded', amountPence: null, reason: '' }),
      'required',
      'amountPence',
    );
    expectValidation(
      () => validateStatusInput({ status: 'funded', amountPence: 0, reason: '' }),
      'amountNotPositive',
      'amountPence',
    );
    expectValidation(
      () => validateStatusInput({ status: 'funded', amountPence: -500, reason: '' }),
      'negativeMoney',
      'amountPence',
    );
    expectValidation(
      () => validateStatusInput({ status: 'funded', amountPence: 10.5, reason: '' }),
      'notWholePence',
      'amountPence',
    );
    expectValidation(
      () => validateStatusInput({ status: 'funded', amountPence: 1e15, reason: '' }),
      'tooMuchMoney',
      'amountPence',
    );
  });

  it('Given funded with £9,999,999,999 (a walk saved it unchecked), then it is refused on the amount; £100 million is the most', () => {
    expectValidation(
      () => validateStatusInput({ status: 'funded', amountPence: 999_999_999_900, reason: '' }),
      'fundedOverLimit',
      'amountPence',
    );
    expectValidation(
      () => validateStatusInput({ status: 'funded', amountPence: LIMITS.maxFundedPence + 1, reason: '' }),
      'fundedOverLimit',
      'amountPence',
    );
    expect(LIMITS.maxFundedPence).toBe(100_000_000 * 100);
    // An idea may be funded far above its rough cost, up to the limit.
    expect(
      validateStatusInput({ status: 'funded', amountPence: LIMITS.maxFundedPence, reason: '' }).amountPence,
    ).toBe(LIMITS.maxFundedPence);
  });

  it('Given not taken forward, then a reason is needed and is kept trimmed', () => {
    expectValidation(
      () => validateStatusInput({ status: 'not-taken-forward', amountPence: null, reason: '   ' }),
      'reasonNeeded',
      'reason',
    );
    expect(
      validateStatusInput({ status: 'not-taken-forward', amountPence: null, reason: '  Land is not ours. ' }),
    ).toEqual({ status: 'not-taken-forward', amountPence: null, reason: 'Land is not ours.' });
    expectValidation(
      () => validateStatusInput({ status: 'not-taken-forward', amountPence: null, reason: 'x'.repeat(301) }),
      'tooLong',
      'reason',
    );
  });

  it('Given any other status, then an amount or a reason is refused', () => {
    for (const status of ['submitted', 'shortlisted', 'in-delivery', 'done'] as const) {
      expect(validateStatusInput({ status, amountPence: null, reason: '' })).toEqual({
        status,
        amountPence: null,
        reason: '',
      });
      expectValidation(
        () => validateStatusInput({ status, amountPence: 100, reason: '' }),
        'amountOnlyWhenFunded',
        'amountPence',
      );
      expectValidation(
        () => validateStatusInput({ status, amountPence: null, reason: 'Because' }),
        'reasonOnlyWhenNotTaken',
        'reason',
      );
    }
    expectValidation(
      () => validateStatusInput({ status: 'not-taken-forward', amountPence: 100, reason: 'No land' }),
      'amountOnlyWhenFunded',
      'amountPence',
    );
  });

  it('Given a status that does not exist, then it is refused', () => {
    const bad = JSON.parse('{"status":"approved","amountPence":null,"reason":""}') as Parameters<
      typeof validateStatusInput
    >[0];
    expectValidation(() => validateStatusInput(bad), 'unknownStatus', 'status');
  });

  it('Given funding above the idea’s estimated cost, then it is allowed but flagged', () => {
    const clean = validateStatusInput({ status: 'funded', amountPence: 1_500_000, reason: '' });
    expect(isOverCost(clean, 1_200_000)).toBe(true);
    expect(isOverCost(clean, 1_500_000)).toBe(false);
  });
});

describe('the effective status and the history', () => {
  it('Given several records for one idea, then the latest by time wins, and on the same time the larger id', () => {
    const records = [
      record({ id: 'b', at: 2000, status: 'funded', amountPence: 100 }),
      record({ id: 'a', at: 3000, status: 'in-delivery' }),
      record({ id: 'c', at: 3000, status: 'done' }),
      record({ id: 'z', at: 1000, proposalId: 'p-2', status: 'shortlisted' }),
    ];
    const effective = effectiveStatuses(records);
    expect(effective.get('p-1')?.status).toBe('done');
    expect(statusOf(effective, 'p-2')).toBe('shortlisted');
    expect(statusOf(effective, 'p-3')).toBe('submitted');
    expect(statusHistory(records, 'p-1').map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('Given two sessions, then only another session of the same neighbourhood on an earlier day is earlier', () => {
    const now = { id: 's-2', neighbourhood: 'Northmoor', date: '2026-11-24' };
    expect(isEarlierSession({ id: 's-1', neighbourhood: ' northmoor ', date: '2026-05-10' }, now)).toBe(true);
    expect(isEarlierSession({ id: 's-1', neighbourhood: 'Northmoor', date: '2026-11-24' }, now)).toBe(false);
    expect(isEarlierSession({ id: 's-1', neighbourhood: 'Southmoor', date: '2026-05-10' }, now)).toBe(false);
    expect(isEarlierSession({ ...now, date: '2020-01-01' }, now)).toBe(false);
  });
});

describe('setProposalStatus', () => {
  it('Given an open session, when an officer funds an idea, then one record is written in one transaction and the view shows it', () => {
    const s = session();
    const origins = recordTransactions(s.doc);
    const id = setProposalStatus(
      s.doc,
      { proposalId: s.garden, status: 'funded', amountPence: 1_200_000, reason: '' },
      { ...s.ctx, deviceId: 'officer-1' },
    );
    expectOneCommandTransaction(origins, 'setProposalStatus', 'officer-1');
    expect(maps(s.doc).statuses.get(id)).toEqual({
      id,
      deviceId: 'officer-1',
      at: s.clock.now(),
      proposalId: s.garden,
      status: 'funded',
      amountPence: 1_200_000,
      reason: '',
    });
    expect(viewSession(s.doc)?.statuses.get(s.garden)?.status).toBe('funded');
    expect(viewSession(s.doc)?.statuses.has(s.bikes)).toBe(false);
  });

  it('Given an ended session, when officers record decisions after the workshop, then they are stored and the latest wins', () => {
    const s = session();
    endSession(s.doc, s.ctx);
    s.clock.advance();
    setProposalStatus(
      s.doc,
      { proposalId: s.garden, status: 'shortlisted', amountPence: null, reason: '' },
      s.ctx,
    );
    s.clock.advance();
    setProposalStatus(
      s.doc,
      { proposalId: s.garden, status: 'in-delivery', amountPence: null, reason: '' },
      s.ctx,
    );
    s.clock.advance();
    setProposalStatus(
      s.doc,
      {
        proposalId: s.bikes,
        status: 'not-taken-forward',
        amountPence: null,
        reason: 'A shop opened nearby.',
      },
      s.ctx,
    );
    const view = viewSession(s.doc)!;
    expect(view.settings.isEnded).toBe(true);
    expect(view.statuses.get(s.garden)?.status).toBe('in-delivery');
    expect(view.statuses.get(s.bikes)?.reason).toBe('A shop opened nearby.');
    expect(statusHistory(view.records.statuses, s.garden).map((r) => r.status)).toEqual([
      'in-delivery',
      'shortlisted',
    ]);
  });

  it('Given the decision already in force, when it is recorded again, then nothing is written', () => {
    const s = session();
    const first = setProposalStatus(
      s.doc,
      { proposalId: s.garden, status: 'done', amountPence: null, reason: '' },
      s.ctx,
    );
    s.clock.advance();
    const origins = recordTransactions(s.doc);
    expect(
      setProposalStatus(
        s.doc,
        { proposalId: s.garden, status: 'done', amountPence: null, reason: '' },
        s.ctx,
      ),
    ).toBe(first);
    expect(origins).toEqual([]);
    expect(maps(s.doc).statuses.size).toBe(1);
  });

  it('Given an unknown idea, a merged-away duplicate, or bad amounts, then it is refused and the document is unchanged', () => {
    const s = session();
    const copy = addProposal(s.doc, idea('Garden for the community'), null, s.ctx);
    s.clock.advance();
    mergeProposals(s.doc, copy, s.garden, s.ctx);
    s.clock.advance();
    const base = { status: 'funded' as const, reason: '' };
    expectRefused(
      s.doc,
      () => setProposalStatus(s.doc, { proposalId: 'nope', amountPence: 100, ...base }, s.ctx),
      'unknownProposal',
      'proposalId',
    );
    expectRefused(
      s.doc,
      () => setProposalStatus(s.doc, { proposalId: copy, amountPence: 100, ...base }, s.ctx),
      'proposalMerged',
      'proposalId',
    );
    expectRefused(
      s.doc,
      () => setProposalStatus(s.doc, { proposalId: s.garden, amountPence: 0, ...base }, s.ctx),
      'amountNotPositive',
      'amountPence',
    );
    expectRefused(
      s.doc,
      () => setProposalStatus(s.doc, { proposalId: s.garden, amountPence: null, ...base }, s.ctx),
      'required',
      'amountPence',
    );
    expectRefused(
      s.doc,
      () => setProposalStatus(s.doc, { proposalId: s.garden, amountPence: -1, ...base }, s.ctx),
      'negativeMoney',
      'amountPence',
    );
    expectRefused(
      s.doc,
      () => setProposalStatus(s.doc, { proposalId: s.garden, amountPence: 999_999_999_900, ...base }, s.ctx),
      'fundedOverLimit',
      'amountPence',
    );
    // The kept idea can still be decided.
    setProposalStatus(s.doc, { proposalId: s.garden, amountPence: 1_250_050, ...base }, s.ctx);
    expect(viewSession(s.doc)?.statuses.get(s.garden)?.amountPence).toBe(1_250_050);
  });

  it('Given a session written by a newer app, then the command refuses with readOnly', () => {
    const s = session();
    maps(s.doc).meta.set('schemaVersion', 99);
    expectRefused(
      s.doc,
      () =>
        setProposalStatus(
          s.doc,
          { proposalId: s.garden, status: 'done', amountPence: null, reason: '' },
          s.ctx,
        ),
      'readOnly',
    );
  });
});

describe('what residents of a later workshop see', () => {
  it('Given decided, undecided, hidden and merged ideas with comments, then only visible decided ideas show, by title and decision', () => {
    const s = session();
    const hidden = addProposal(s.doc, idea('Rude idea'), null, s.ctx);
    const shelved = addProposal(s.doc, idea('Skate park'), null, s.ctx);
    const undecided = addProposal(s.doc, idea('Bench'), null, s.ctx);
    addComment(s.doc, { proposalId: s.garden, text: 'My neighbour Jo would love this' }, null, s.ctx);
    s.clock.advance();
    const set = (
      proposalId: string,
      status: ProposalStatus['status'],
      amountPence: number | null,
      reason = '',
    ) => setProposalStatus(s.doc, { proposalId, status, amountPence, reason }, s.ctx);
    set(s.garden, 'funded', 1_200_000);
    set(s.bikes, 'done', null);
    set(hidden, 'done', null);
    set(shelved, 'not-taken-forward', null, 'No safe site.');
    set(undecided, 'shortlisted', null);
    s.clock.advance();
    set(undecided, 'submitted', null);
    hideProposal(s.doc, hidden, 'Offensive', s.ctx);
    const view = viewSession(s.doc)!;
    const shown = decidedIdeas(view.proposals, view.records.statuses);
    expect(shown).toEqual([
      { proposalId: s.bikes, title: 'Bike repair shed', status: 'done', amountPence: null, reason: '' },
      {
        proposalId: s.garden,
        title: 'Community garden',
        status: 'funded',
        amountPence: 1_200_000,
        reason: '',
      },
      {
        proposalId: shelved,
        title: 'Skate park',
        status: 'not-taken-forward',
        amountPence: null,
        reason: 'No safe site.',
      },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/Jo|Described|library/);
  });
});
