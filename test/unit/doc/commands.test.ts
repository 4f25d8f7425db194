import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  browserContext,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
} from '../../../src/doc/commands';
import { keySigner, newKeyPair } from '../../../src/storage/deviceKey';
import { testSigner } from '../helpers/signing';
import { createSession, endSession, updateSettings } from '../../../src/doc/sessionCommands';
import {
  editProposal,
  hideProposal,
  mergeProposals,
  unhideProposal,
} from '../../../src/doc/moderationCommands';
import { isNewerSchema, maps, readMeta, readRecords, SCHEMA_VERSION } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import {
  createdSession,
  expectOneCommandTransaction,
  expectValidation,
  recordTransactions,
  testContext,
  validSettings,
  WORKSHOP_START,
} from '../helpers/session';

const idea = {
  title: ' Youth club ',
  description: 'Friday nights',
  themeId: 'theme-young',
  costPence: 1_500_000,
  where: 'Hall',
};

/** A session with one resident at a tablet and one idea on the board. */
function workshop() {
  const s = createdSession();
  const participantId = startParticipant(s.doc, { language: 'cy', hasConsented: true }, s.ctx);
  s.clock.advance();
  const proposalId = addProposal(s.doc, idea, participantId, s.ctx);
  s.clock.advance();
  return { ...s, participantId, proposalId };
}

describe('createSession', () => {
  it('Given an empty document, when a session is created, then meta and the first settings edit are written in one transaction', () => {
    const doc = new Y.Doc();
    const { ctx } = testContext('facilitator-laptop');
    const origins = recordTransactions(doc);
    createSession(doc, 'session-42', validSettings({ title: '  Spring  ', isEnded: true }), ctx);
    expectOneCommandTransaction(origins, 'createSession', 'facilitator-laptop');
    expect(readMeta(doc)).toEqual({
      sessionId: 'session-42',
      schemaVersion: SCHEMA_VERSION,
      createdAt: WORKSHOP_START,
      createdBy: 'facilitator-laptop',
      isDemo: false,
    });
    const [edit] = readRecords(doc).settingsEdits;
    expect(edit).toEqual({
      id: 'facilitator-laptop-0001',
      deviceId: 'facilitator-laptop',
      at: WORKSHOP_START,
      values: validSettings({ title: 'Spring', isEnded: false }),
    });
    expect(isNewerSchema(doc)).toBe(false);
    expect(viewSession(doc)?.settings.title).toBe('Spring');
  });
});

describe('updateSettings and endSession', () => {
  it('Given a session, when the venue is changed, then one edit carrying only the venue is recorded', () => {
    const { doc, ctx, clock } = createdSession();
    const origins = recordTransactions(doc);
    updateSettings(doc, { venue: '  Library ' }, ctx);
    expectOneCommandTransaction(origins, 'updateSettings', 'device-a');
    const edit = maps(doc).settings.get('device-a-0002');
    expect(edit).toEqual({
      id: 'device-a-0002',
      deviceId: 'device-a',
      at: clock.now(),
      values: { venue: 'Library' },
      // The edit it is applied after: the session's creation (src/domain/order.ts causalOrder).
      after: 'device-a-0001',
    });
    expect(viewSession(doc)?.settings).toEqual(validSettings({ venue: 'Library' }));
    expect(readRecords(doc).settingsEdits).toHaveLength(2);
  });

  it('Given a session, when it is ended, then one endSession transaction records isEnded', () => {
    const { doc, ctx } = createdSession();
    const origins = recordTransactions(doc);
    endSession(doc, ctx);
    expectOneCommandTransaction(origins, 'endSession', 'device-a');
    expect(maps(doc).settings.get('device-a-0002')?.values).toEqual({ isEnded: true });
    expect(viewSession(doc)?.settings.isEnded).toBe(true);
  });
});

describe('startParticipant and setAnswers', () => {
  it('Given a session, when a resident consents and starts, then an anonymous participant is recorded', () => {
    const { doc, ctx, clock } = createdSession();
    const origins = recordTransactions(doc);
    const id = startParticipant(doc, { language: 'ar', hasConsented: true }, ctx);
    expectOneCommandTransaction(origins, 'startParticipant', 'device-a');
    expect(id).toBe('device-a-0002');
    expect(maps(doc).participants.get(id)).toEqual({
      id,
      language: 'ar',
      hasConsented: true,
      answers: {},
      finishedAt: null,
      deviceId: 'device-a',
      at: clock.now(),
      // Signed by the device's key (src/domain/recordSigning.ts), the first revision of the record.
      revision: 1,
      deviceKey: testSigner('device-a').publicKey,
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) as unknown,
    });
  });

  it('Given a resident at the tablet, when they answer one question and skip another, then only the answer is kept', () => {
    const settings = validSettings({
      aboutYou: [
        { id: 'age', text: 'Age?', options: ['Under 18', '18 to 64', '65 or over'] },
        { id: 'home', text: 'Do you rent?', options: ['Yes', 'No'] },
      ],
    });
    const { doc, ctx } = createdSession(settings);
    const id = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
    const origins = recordTransactions(doc);
    setAnswers(doc, id, { age: '65 or over', home: '' }, ctx);
    expectOneCommandTransaction(origins, 'setAnswers', 'device-a');
    expect(maps(doc).participants.get(id)).toMatchObject({
      id,
      answers: { age: '65 or over' },
      finishedAt: null,
    });
  });
});

describe('addProposal and addComment', () => {
  it('Given a resident, when they add an idea, then the idea is recorded trimmed, with them as author', () => {
    const { doc, ctx, clock } = createdSession();
    const participantId = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
    const origins = recordTransactions(doc);
    const id = addProposal(doc, idea, participantId, ctx);
    expectOneCommandTransaction(origins, 'addProposal', 'device-a');
    expect(maps(doc).proposals.get(id)).toEqual({
      id,
      title: 'Youth club',
      description: 'Friday nights',
      themeId: 'theme-young',
      costPence: 1_500_000,
      where: 'Hall',
      participantId,
      deviceId: 'device-a',
      at: clock.now(),
      // The first idea this device holds: listed after none (ideaOrder).
      seq: 1,
    });
    expect(viewSession(doc)?.visible.map((v) => v.id)).toEqual([id]);
  });

  it('Given a resident who types bidi overrides into an idea, a comment and a typo fix, when they are stored, then the overrides are not, and Arabic words are kept whole', () => {
    const { doc, ctx, participantId, proposalId } = workshop();
    const id = addProposal(
      doc,
      {
        ...idea,
        title: 'Bus pass \u202Ecosts £1,000',
        description: 'نادي الشباب 2',
        where: '\u2067High St\u2069',
      },
      participantId,
      ctx,
    );
    expect(maps(doc).proposals.get(id)).toMatchObject({
      title: 'Bus pass costs £1,000',
      description: 'نادي الشباب 2',
      where: 'High St',
    });
    const comment = addComment(doc, { proposalId, text: 'I agree \u202Eit saves £250' }, participantId, ctx);
    expect(maps(doc).comments.get(comment)?.text).toBe('I agree it saves £250');
    editProposal(doc, id, { title: 'Bus \u202Dpass', description: '' }, ctx);
    expect(viewSession(doc)?.visible.find((v) => v.id === id)?.shownTitle).toBe('Bus pass');
  });

  it('Given a facilitator, when they type an idea in, then it has no participant', () => {
    const { doc, ctx } = createdSession();
    const id = addProposal(doc, idea, null, ctx);
    expect(maps(doc).proposals.get(id)?.participantId).toBeNull();
  });

  it('Given an idea, when a resident comments, then the comment is recorded against the idea', () => {
    const { doc, ctx, clock, participantId, proposalId } = workshop();
    const origins = recordTransactions(doc);
    const id = addComment(doc, { proposalId, text: ' Love it ' }, participantId, ctx);
    expectOneCommandTransaction(origins, 'addComment', 'device-a');
    expect(maps(doc).comments.get(id)).toEqual({
      id,
      proposalId,
      participantId,
      text: 'Love it',
      deviceId: 'device-a',
      at: clock.now(),
    });
    expect(viewSession(doc)?.board[0]?.comments).toBe(1);
  });
});

describe('castBallot and finishParticipant', () => {
  it('Given a resident, when they cast and then change their ballot, then one ballot with revision 2 is kept', () => {
    const { doc, ctx, clock, participantId, proposalId } = workshop();
    const origins = recordTransactions(doc);
    castBallot(doc, participantId, { kind: 'dots', dots: { [proposalId]: 2 } }, ctx);
    expectOneCommandTransaction(origins, 'castBallot', 'device-a');
    expect(maps(doc).ballots.get(participantId)).toMatchObject({ revision: 1, dots: { [proposalId]: 2 } });
    clock.advance();
    castBallot(doc, participantId, { kind: 'dots', dots: { [proposalId]: 3 } }, ctx);
    expect(origins).toHaveLength(2);
    expect(readRecords(doc).ballots).toEqual([
      {
        kind: 'dots',
        dots: { [proposalId]: 3 },
        participantId,
        revision: 2,
        deviceId: 'device-a',
        at: clock.now(),
        deviceKey: testSigner('device-a').publicKey,
        signature: expect.any(String) as unknown,
        // The rules it was checked against, kept with it (issue 9).
        castUnder: {
          method: { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
          potPence: 5_000_000,
          minimumPence: 0,
        },
      },
    ]);
    expect(viewSession(doc)?.board[0]).toMatchObject({ supporters: 1, points: 3 });
  });

  it('Given a resident, when they finish, then their finish time is recorded and nothing else changes', () => {
    const { doc, ctx, clock, participantId } = workshop();
    const before = maps(doc).participants.get(participantId);
    const origins = recordTransactions(doc);
    finishParticipant(doc, participantId, ctx);
    expectOneCommandTransaction(origins, 'finishParticipant', 'device-a');
    expect(maps(doc).participants.get(participantId)).toEqual({
      ...before,
      finishedAt: clock.now(),
      revision: 2,
      signature: expect.any(String) as unknown,
    });
  });

  it('Given an ended session, when the resident at the tablet finishes, then the finish is still recorded', () => {
    const { doc, ctx, participantId } = workshop();
    endSession(doc, ctx);
    finishParticipant(doc, participantId, ctx);
    expect(maps(doc).participants.get(participantId)?.finishedAt).not.toBeNull();
  });
});

describe('moderation commands', () => {
  it('Given an idea, when a facilitator hides it, then a hide record with the reason is written and it leaves the board', () => {
    const { doc, ctx, clock, proposalId } = workshop();
    const origins = recordTransactions(doc);
    const id = hideProposal(doc, proposalId, ' Personal details ', ctx);
    expectOneCommandTransaction(origins, 'hideProposal', 'device-a');
    expect(maps(doc).moderation.get(id)).toEqual({
      id,
      deviceId: 'device-a',
      at: clock.now(),
      kind: 'hide',
      proposalId,
      reason: 'Personal details',
    });
    expect(viewSession(doc)?.board).toEqual([]);
  });

  it('Given a hidden idea, when it is unhidden later, then an unhide record is written and it is back', () => {
    const { doc, ctx, clock, proposalId } = workshop();
    const hide = hideProposal(doc, proposalId, 'Mistake', ctx);
    clock.advance();
    const origins = recordTransactions(doc);
    const id = unhideProposal(doc, proposalId, ctx);
    expectOneCommandTransaction(origins, 'unhideProposal', 'device-a');
    expect(maps(doc).moderation.get(id)).toEqual({
      id,
      deviceId: 'device-a',
      at: clock.now(),
      kind: 'unhide',
      proposalId,
      // The hide it replaces (src/domain/order.ts causalOrder).
      after: hide,
    });
    expect(viewSession(doc)?.visible.map((v) => v.id)).toEqual([proposalId]);
  });

  it('Given an idea with a typo, when it is edited, then the edit is shown and the original record is kept', () => {
    const { doc, ctx, proposalId } = workshop();
    const origins = recordTransactions(doc);
    const id = editProposal(doc, proposalId, { title: ' Youth club (Fridays) ', description: '' }, ctx);
    expectOneCommandTransaction(origins, 'editProposal', 'device-a');
    expect(maps(doc).moderation.get(id)).toMatchObject({
      kind: 'edit',
      title: 'Youth club (Fridays)',
      description: '',
    });
    expect(maps(doc).proposals.get(proposalId)?.title).toBe('Youth club');
    expect(viewSession(doc)?.visible[0]).toMatchObject({
      shownTitle: 'Youth club (Fridays)',
      isEdited: true,
    });
  });

  it('Given two ideas, when one is merged into the other, then a merge record is written and one row is left', () => {
    const { doc, ctx, proposalId } = workshop();
    const dup = addProposal(doc, { ...idea, title: 'Club for teens' }, null, ctx);
    const origins = recordTransactions(doc);
    const id = mergeProposals(doc, dup, proposalId, ctx);
    expectOneCommandTransaction(origins, 'mergeProposals', 'device-a');
    expect(maps(doc).moderation.get(id)).toMatchObject({
      kind: 'merge',
      proposalId: dup,
      intoId: proposalId,
    });
    expect(viewSession(doc)?.board.map((r) => [r.proposal.id, r.proposal.mergedIds])).toEqual([
      [proposalId, [dup]],
    ]);
  });
});

describe('signed records and a turn begun on an older app', () => {
  it('Given a resident whose record an older app wrote (unsigned), When the updated tablet signs their answers or ballot, Then the turn ends (unknownParticipant) and nothing is written', () => {
    const { doc, ctx } = createdSession();
    const idea = addProposal(
      doc,
      { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
      null,
      ctx,
    );
    // What an app older than signing wrote when the turn started (the same device, no key).
    const older = { ...ctx, signer: undefined };
    const resident = startParticipant(doc, { language: 'en', hasConsented: true }, older);
    castBallot(doc, resident, { kind: 'dots', dots: { [idea]: 1 } }, older);
    const before = Y.encodeStateAsUpdate(doc);

    // Replacing them, signed, would be refused by every other device and the server ('unsigned').
    expectValidation(() => setAnswers(doc, resident, { age: '18 to 64' }, ctx), 'unknownParticipant');
    expectValidation(
      () => castBallot(doc, resident, { kind: 'dots', dots: { [idea]: 2 } }, ctx),
      'unknownParticipant',
    );
    expectValidation(() => finishParticipant(doc, resident, ctx), 'unknownParticipant');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('browserContext', () => {
  it('Given a device id, when a browser context is made, then ids are fresh UUIDs and time is the wall clock', () => {
    const ctx = browserContext('tablet-3', keySigner(newKeyPair));
    const [a, b] = [ctx.newId(), ctx.newId()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    const before = Date.now();
    const now = ctx.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(ctx.deviceId).toBe('tablet-3');
  });
});
