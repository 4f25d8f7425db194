/**
 * Every command refuses bad input with a ValidationError naming the code and the field, before any write: no
 * transaction runs and the document's encoded state is byte-for-byte what it was.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
} from '../../../src/doc/commands';
import { createSession, endSession, updateSettings } from '../../../src/doc/sessionCommands';
import {
  editProposal,
  hideProposal,
  mergeProposals,
  unhideProposal,
} from '../../../src/doc/moderationCommands';
import { maps } from '../../../src/doc/schema';
import type { ErrorCode } from '../../../src/domain/errors';
import { LIMITS } from '../../../src/domain/limits';
import type { SessionSettings } from '../../../src/domain/types';
import { poolableTotal } from '../../../src/domain/validate';
import { createdSession, expectRefused, testContext, validSettings } from '../helpers/session';

const idea = {
  title: 'Youth club',
  description: '',
  themeId: 'theme-young',
  costPence: 1_000_000,
  where: '',
};

function workshop(settings = validSettings()) {
  const s = createdSession(settings);
  const participantId = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
  const proposalId = addProposal(s.doc, idea, participantId, s.ctx);
  const otherId = addProposal(s.doc, { ...idea, title: 'Park benches', themeId: 'theme-green' }, null, s.ctx);
  return { ...s, participantId, proposalId, otherId };
}

describe('createSession refuses bad settings', () => {
  const poolable = poolableTotal(validSettings().fundingStreams);
  const cases: [string, Partial<SessionSettings>, ErrorCode, string][] = [
    ['an empty title', { title: '  ' }, 'required', 'title'],
    ['an over-long title', { title: 'x'.repeat(LIMITS.sessionTitleLength + 1) }, 'tooLong', 'title'],
    ['a pot above the poolable total', { potPence: poolable + 1 }, 'potOverPoolable', 'potPence'],
    ['a pot of zero', { potPence: 0 }, 'potNotPositive', 'potPence'],
    ['a negative pot', { potPence: -100 }, 'negativeMoney', 'potPence'],
    ['a pot in fractions of a penny', { potPence: 100.5 }, 'notWholePence', 'potPence'],
    ['a NaN pot', { potPence: Number.NaN }, 'notWholePence', 'potPence'],
    ['an unknown language', { languages: ['en', 'klingon'] }, 'unknownLanguage', 'languages'],
    ['a date that does not exist', { date: '2025-02-30' }, 'badDate', 'date'],
    [
      'duplicate theme names',
      {
        themes: [
          { id: 'a', name: 'Safety' },
          { id: 'b', name: 'safety' },
        ],
      },
      'duplicateName',
      'themes.1.name',
    ],
  ];
  for (const [what, overrides, code, field] of cases) {
    it(`Given ${what}, when the session is created, then ${code} on ${field} and the document stays empty`, () => {
      const doc = new Y.Doc();
      expectRefused(
        doc,
        () => createSession(doc, 's1', validSettings(overrides), testContext().ctx),
        code,
        field,
      );
      expect(maps(doc).meta.size).toBe(0);
    });
  }

  it('Given a document that already holds a session, when another is created in it, then it is refused', () => {
    const { doc, ctx } = createdSession();
    expectRefused(doc, () => createSession(doc, 's2', validSettings(), ctx), 'required', 'session');
  });
});

describe('updateSettings refuses a result that would be invalid', () => {
  it('Given a pot of £50,000, when the poolable streams are made non-poolable, then potOverPoolable', () => {
    const { doc, ctx } = createdSession();
    const streams = validSettings().fundingStreams.map((s) => ({ ...s, isPoolable: false }));
    expectRefused(
      doc,
      () => updateSettings(doc, { fundingStreams: streams }, ctx),
      'potOverPoolable',
      'potPence',
    );
  });

  it('Given a session, when the title is emptied, the date is bad or themes are duplicated, then each is refused', () => {
    const { doc, ctx } = createdSession();
    expectRefused(doc, () => updateSettings(doc, { title: '' }, ctx), 'required', 'title');
    expectRefused(doc, () => updateSettings(doc, { date: '2025-4-1' }, ctx), 'badDate', 'date');
    const themes = [...validSettings().themes, { id: 'theme-x', name: 'Young People' }];
    expectRefused(doc, () => updateSettings(doc, { themes }, ctx), 'duplicateName', 'themes.3.name');
    expectRefused(doc, () => updateSettings(doc, { potPence: 0 }, ctx), 'potNotPositive', 'potPence');
  });

  it('Given an empty document, when settings are changed, then the session is required', () => {
    const doc = new Y.Doc();
    expectRefused(doc, () => updateSettings(doc, { title: 'x' }, testContext().ctx), 'required', 'session');
  });
});

describe('addProposal refuses bad ideas', () => {
  it('Given an empty or over-long title, then required / tooLong on title', () => {
    const { doc, ctx, participantId } = workshop();
    expectRefused(
      doc,
      () => addProposal(doc, { ...idea, title: ' ' }, participantId, ctx),
      'required',
      'title',
    );
    const long = 'x'.repeat(LIMITS.titleLength + 1);
    expectRefused(
      doc,
      () => addProposal(doc, { ...idea, title: long }, participantId, ctx),
      'tooLong',
      'title',
    );
  });

  it('Given a negative, fractional or NaN cost, then the cost is refused', () => {
    const { doc, ctx } = workshop();
    expectRefused(
      doc,
      () => addProposal(doc, { ...idea, costPence: -1 }, null, ctx),
      'negativeMoney',
      'costPence',
    );
    expectRefused(
      doc,
      () => addProposal(doc, { ...idea, costPence: 0.1 }, null, ctx),
      'notWholePence',
      'costPence',
    );
    const nan = { ...idea, costPence: Number.NaN };
    expectRefused(doc, () => addProposal(doc, nan, null, ctx), 'notWholePence', 'costPence');
  });

  it('Given a theme the session does not have, then unknownTheme', () => {
    const { doc, ctx } = workshop();
    expectRefused(
      doc,
      () => addProposal(doc, { ...idea, themeId: 'nope' }, null, ctx),
      'unknownTheme',
      'themeId',
    );
  });

  it('Given an unknown or finished participant, then the idea is refused', () => {
    const { doc, ctx, participantId } = workshop();
    expectRefused(doc, () => addProposal(doc, idea, 'ghost', ctx), 'unknownParticipant', 'participant');
    finishParticipant(doc, participantId, ctx);
    expectRefused(
      doc,
      () => addProposal(doc, idea, participantId, ctx),
      'participantFinished',
      'participant',
    );
  });
});

describe('addComment refuses bad comments', () => {
  it('Given an empty or over-long text, then required / tooLong on text', () => {
    const { doc, ctx, proposalId } = workshop();
    expectRefused(doc, () => addComment(doc, { proposalId, text: '' }, null, ctx), 'required', 'text');
    const text = 'x'.repeat(LIMITS.commentLength + 1);
    expectRefused(doc, () => addComment(doc, { proposalId, text }, null, ctx), 'tooLong', 'text');
  });

  it('Given an unknown idea, then unknownProposal', () => {
    const { doc, ctx } = workshop();
    expectRefused(
      doc,
      () => addComment(doc, { proposalId: 'x', text: 'Hi' }, null, ctx),
      'unknownProposal',
      'proposalId',
    );
  });

  it('Given a hidden idea or a merged duplicate, then proposalHidden', () => {
    const { doc, ctx, proposalId, otherId } = workshop();
    hideProposal(doc, proposalId, 'abuse', ctx);
    expectRefused(
      doc,
      () => addComment(doc, { proposalId, text: 'Hi' }, null, ctx),
      'proposalHidden',
      'proposalId',
    );
    unhideProposal(doc, proposalId, ctx);
    mergeProposals(doc, otherId, proposalId, ctx);
    const dup = { proposalId: otherId, text: 'Hi' };
    expectRefused(doc, () => addComment(doc, dup, null, ctx), 'proposalHidden', 'proposalId');
  });

  it('Given a finished participant, then participantFinished', () => {
    const { doc, ctx, participantId, proposalId } = workshop();
    finishParticipant(doc, participantId, ctx);
    const input = { proposalId, text: 'Hi' };
    expectRefused(
      doc,
      () => addComment(doc, input, participantId, ctx),
      'participantFinished',
      'participant',
    );
  });
});

describe('startParticipant and setAnswers refuse bad input', () => {
  it('Given no consent, then noConsent', () => {
    const { doc, ctx } = createdSession();
    expectRefused(
      doc,
      () => startParticipant(doc, { language: 'en', hasConsented: false }, ctx),
      'noConsent',
      'consent',
    );
  });

  it('Given a language the session does not offer, then unknownLanguage', () => {
    const { doc, ctx } = createdSession(validSettings({ languages: ['en', 'cy'] }));
    const start = (language: string) => () => startParticipant(doc, { language, hasConsented: true }, ctx);
    expectRefused(doc, start('pl'), 'unknownLanguage', 'language');
    expectRefused(doc, start('xx'), 'unknownLanguage', 'language');
  });

  it('Given an unknown question or an option not offered, then unknownOption on that answer', () => {
    const { doc, ctx, participantId } = workshop();
    expectRefused(
      doc,
      () => setAnswers(doc, participantId, { pets: 'Cat' }, ctx),
      'unknownOption',
      'answers.pets',
    );
    expectRefused(
      doc,
      () => setAnswers(doc, participantId, { age: '150' }, ctx),
      'unknownOption',
      'answers.age',
    );
  });

  it('Given a finished participant, then answers cannot change', () => {
    const { doc, ctx, participantId } = workshop();
    finishParticipant(doc, participantId, ctx);
    const answer = { age: '18 to 64' };
    expectRefused(
      doc,
      () => setAnswers(doc, participantId, answer, ctx),
      'participantFinished',
      'participant',
    );
  });
});

describe('castBallot and finishParticipant refuse bad input', () => {
  it('Given a finished participant, when their ballot is changed, then participantFinished', () => {
    const { doc, ctx, participantId, proposalId } = workshop();
    castBallot(doc, participantId, { kind: 'dots', dots: { [proposalId]: 1 } }, ctx);
    finishParticipant(doc, participantId, ctx);
    const change = () => castBallot(doc, participantId, { kind: 'dots', dots: { [proposalId]: 3 } }, ctx);
    expectRefused(doc, change, 'participantFinished', 'participant');
    expect(maps(doc).ballots.get(participantId)).toMatchObject({ revision: 1, dots: { [proposalId]: 1 } });
  });

  it('Given an unknown participant, then unknownParticipant', () => {
    const { doc, ctx, proposalId } = workshop();
    const cast = () => castBallot(doc, 'ghost', { kind: 'dots', dots: { [proposalId]: 1 } }, ctx);
    expectRefused(doc, cast, 'unknownParticipant', 'participant');
  });

  it('Given a hidden idea, when dots are put on it, then unknownProposal (only visible ideas can be chosen)', () => {
    const { doc, ctx, participantId, proposalId } = workshop();
    hideProposal(doc, proposalId, 'abuse', ctx);
    const cast = () => castBallot(doc, participantId, { kind: 'dots', dots: { [proposalId]: 1 } }, ctx);
    expectRefused(doc, cast, 'unknownProposal', 'ballot');
  });

  it('Given ballots that break the method, then the method rule’s code', () => {
    const { doc, ctx, participantId, proposalId, otherId } = workshop();
    const cast = (dots: Record<string, number>) => () =>
      castBallot(doc, participantId, { kind: 'dots', dots }, ctx);
    expectRefused(doc, cast({ [proposalId]: 4 }), 'dotsOverPerProposal', 'ballot');
    expectRefused(doc, cast({ [proposalId]: 3, [otherId]: 3 }), 'dotsOverTotal', 'ballot');
    expectRefused(doc, cast({}), 'emptyBallot', 'ballot');
    const budget = () => castBallot(doc, participantId, { kind: 'budget', selected: [proposalId] }, ctx);
    expectRefused(doc, budget, 'methodMismatch', 'ballot');
  });

  it('Given a participant who already finished, when they finish again, then participantFinished', () => {
    const { doc, ctx, participantId } = workshop();
    finishParticipant(doc, participantId, ctx);
    expectRefused(
      doc,
      () => finishParticipant(doc, participantId, ctx),
      'participantFinished',
      'participant',
    );
  });
});

describe('an ended session', () => {
  it('Given the session has ended, then ideas, comments, new residents, answers and ballots are refused', () => {
    const { doc, ctx, participantId, proposalId } = workshop();
    endSession(doc, ctx);
    expectRefused(doc, () => addProposal(doc, idea, null, ctx), 'sessionEnded');
    expectRefused(doc, () => addComment(doc, { proposalId, text: 'Late' }, null, ctx), 'sessionEnded');
    expectRefused(
      doc,
      () => startParticipant(doc, { language: 'en', hasConsented: true }, ctx),
      'sessionEnded',
    );
    expectRefused(doc, () => setAnswers(doc, participantId, {}, ctx), 'sessionEnded');
    const cast = () => castBallot(doc, participantId, { kind: 'dots', dots: { [proposalId]: 1 } }, ctx);
    expectRefused(doc, cast, 'sessionEnded');
  });
});

describe('moderation refuses bad input', () => {
  it('Given an unknown idea, then hide, unhide, edit and merge are refused', () => {
    const { doc, ctx, proposalId } = workshop();
    expectRefused(doc, () => hideProposal(doc, 'x', 'abuse', ctx), 'unknownProposal', 'proposalId');
    expectRefused(doc, () => unhideProposal(doc, 'x', ctx), 'unknownProposal', 'proposalId');
    expectRefused(doc, () => editProposal(doc, 'x', { title: 'T', description: '' }, ctx), 'unknownProposal');
    expectRefused(doc, () => mergeProposals(doc, 'x', proposalId, ctx), 'unknownProposal', 'duplicateId');
    expectRefused(doc, () => mergeProposals(doc, proposalId, 'x', ctx), 'unknownProposal', 'keptId');
  });

  it('Given no reason or no title, then hide and edit are refused', () => {
    const { doc, ctx, proposalId } = workshop();
    expectRefused(doc, () => hideProposal(doc, proposalId, ' ', ctx), 'required', 'reason');
    const edit = () => editProposal(doc, proposalId, { title: '', description: 'x' }, ctx);
    expectRefused(doc, edit, 'required', 'title');
  });

  it('Given an idea, when it is merged into itself or again into the same idea, then mergeIntoSelf', () => {
    const { doc, ctx, proposalId, otherId } = workshop();
    expectRefused(doc, () => mergeProposals(doc, proposalId, proposalId, ctx), 'mergeIntoSelf', 'keptId');
    mergeProposals(doc, otherId, proposalId, ctx);
    expectRefused(doc, () => mergeProposals(doc, otherId, proposalId, ctx), 'mergeIntoSelf', 'keptId');
  });

  it('Given A merged into B, when B is merged into A, then mergeCycle', () => {
    const { doc, ctx, proposalId, otherId } = workshop();
    mergeProposals(doc, otherId, proposalId, ctx);
    expectRefused(doc, () => mergeProposals(doc, proposalId, otherId, ctx), 'mergeCycle', 'keptId');
  });

  it('Given a chain A into B into C, when C is merged into A, then mergeCycle', () => {
    const { doc, ctx, proposalId: a, otherId: b } = workshop();
    const c = addProposal(doc, { ...idea, title: 'Third' }, null, ctx);
    mergeProposals(doc, a, b, ctx);
    mergeProposals(doc, b, c, ctx);
    expectRefused(doc, () => mergeProposals(doc, c, a, ctx), 'mergeCycle', 'keptId');
  });
});

describe('a document written by a newer app version', () => {
  it('Given schemaVersion 99, then every command is refused as readOnly and nothing is written', () => {
    const { doc, ctx, participantId, proposalId, otherId } = workshop();
    maps(doc).meta.set('schemaVersion', 99);
    const dots = { kind: 'dots', dots: { [proposalId]: 1 } } as const;
    const commands: (() => unknown)[] = [
      () => updateSettings(doc, { venue: 'Library' }, ctx),
      () => endSession(doc, ctx),
      () => addProposal(doc, idea, null, ctx),
      () => addComment(doc, { proposalId, text: 'Hi' }, null, ctx),
      () => startParticipant(doc, { language: 'en', hasConsented: true }, ctx),
      () => setAnswers(doc, participantId, {}, ctx),
      () => castBallot(doc, participantId, dots, ctx),
      () => finishParticipant(doc, participantId, ctx),
      () => hideProposal(doc, proposalId, 'abuse', ctx),
      () => unhideProposal(doc, proposalId, ctx),
      () => editProposal(doc, proposalId, { title: 'T', description: '' }, ctx),
      () => mergeProposals(doc, otherId, proposalId, ctx),
    ];
    for (const command of commands) expectRefused(doc, command, 'readOnly', '');
  });
});
