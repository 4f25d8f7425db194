/**
 * Issue 12 §4 through session files: a file may replace a resident's ballot or answers only with records signed
 * by the key that signed them, whoever carries the file; relayed files keep the tablet's signatures; files of an
 * older app (records with no signature) still import and count, and nothing replaces their records.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal, castBallot, setAnswers, startParticipant } from '../../../src/doc/commands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { signRecordSync } from '../../../src/domain/recordSigning';
import { applyImport, prepareImport } from '../../../src/sync/importSession';
import { createdSession, replicaOf, testContext } from '../helpers/session';
import { testSigner } from '../helpers/signing';
import { expectRefusal, parsedFrom, stateOf, type Tablet } from './workshop';

/** Tablet 1 with one resident who answered a question and cast a first ballot; the council's copy of it. */
function workshop() {
  const first = createdSession(undefined, testContext('tablet-1'));
  const tablet: Tablet = { name: 'Tablet 1', doc: first.doc, ctx: first.ctx, clock: first.clock };
  const idea = addProposal(
    first.doc,
    { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
    null,
    first.ctx,
  );
  const resident = startParticipant(first.doc, { language: 'en', hasConsented: true }, first.ctx);
  setAnswers(first.doc, resident, { age: '18 to 64' }, first.ctx);
  castBallot(first.doc, resident, { kind: 'dots', dots: { [idea]: 1 } }, first.ctx);
  const council = replicaOf(first.doc);
  const forger: Tablet = { name: 'Laptop', doc: replicaOf(first.doc), ...testContext('laptop') };
  return { tablet, council, forger, resident, idea, sessionId: first.sessionId };
}

describe('session files and signed records', () => {
  it('Given a file from a device that copied the tablet’s deviceId and key, When the council imports it, Then the replaced ballot and answers are refused and nothing changes', async () => {
    const { council, forger, resident, sessionId } = workshop();
    const b = maps(forger.doc).ballots.get(resident)!;
    const p = maps(forger.doc).participants.get(resident)!;
    forger.doc.transact(() => {
      maps(forger.doc).ballots.set(resident, { ...b, revision: 2, dots: {} });
      maps(forger.doc).participants.set(resident, { ...p, answers: { age: '65 or over' }, revision: 5 });
    });
    const file = await parsedFrom(forger);
    const before = stateOf(council);

    const error = await expectRefusal(() => prepareImport(council, file), 'badContent');

    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ map: 'ballots', key: resident, problem: 'badSignature' }),
        expect.objectContaining({ map: 'participants', key: resident, problem: 'badSignature' }),
      ]),
    );
    expect(stateOf(council)).toEqual(before);

    // Signed validly, by the forger's own key: another device's.
    const other = replicaOf(council);
    const resigned = signRecordSync(testSigner('laptop'), sessionId, 'ballots', {
      ...b,
      revision: 2,
      dots: {},
    });
    maps(other).ballots.set(resident, resigned);
    const second = await parsedFrom({ ...forger, doc: other });
    const refused = await expectRefusal(() => prepareImport(council, second), 'badContent');
    expect(refused.problems).toEqual([{ map: 'ballots', key: resident, field: '', problem: 'otherDevice' }]);
    expect(stateOf(council)).toEqual(before);
  });

  it('Given the tablet’s own file with its replaced ballot, When imported, Then the later revision is kept', async () => {
    const { tablet, council, resident, idea } = workshop();
    castBallot(tablet.doc, resident, { kind: 'dots', dots: { [idea]: 2 } }, tablet.ctx);
    setAnswers(tablet.doc, resident, { age: '65 or over' }, tablet.ctx);

    applyImport(council, prepareImport(council, await parsedFrom(tablet)));

    expect(maps(council).ballots.get(resident)).toMatchObject({ revision: 2, dots: { [idea]: 2 } });
    expect(maps(council).participants.get(resident)?.answers).toEqual({ age: '65 or over' });
  });

  it('Given a facilitator device that imported the tablet’s file, When its own file reaches the council, Then the tablet’s records are accepted with the tablet’s signatures', async () => {
    const { tablet, council, resident, idea } = workshop();
    const relay: Tablet = { name: 'Facilitator phone', doc: replicaOf(council), ...testContext('phone') };
    castBallot(tablet.doc, resident, { kind: 'dots', dots: { [idea]: 2 } }, tablet.ctx);
    applyImport(relay.doc, prepareImport(relay.doc, await parsedFrom(tablet)));

    applyImport(council, prepareImport(council, await parsedFrom(relay)));

    expect(maps(council).ballots.get(resident)).toMatchObject({
      revision: 2,
      deviceId: 'tablet-1',
      deviceKey: testSigner('tablet-1').publicKey,
    });
  });

  it('Given a file of an older app (nothing signed), When imported, Then it loads and counts; a later file replacing its ballot is refused', async () => {
    const { council, sessionId, idea } = workshop();
    const old = replicaOf(council);
    const ballot = {
      participantId: 'old-resident',
      kind: 'dots' as const,
      dots: { [idea]: 2 },
      revision: 1,
      deviceId: 'tablet-old',
      at: 5,
    };
    old.transact(() => {
      maps(old).participants.set('old-resident', {
        id: 'old-resident',
        language: 'en',
        hasConsented: true,
        answers: {},
        finishedAt: 5,
        deviceId: 'tablet-old',
        at: 5,
      });
      maps(old).ballots.set('old-resident', ballot);
    });
    const oldTablet: Tablet = { name: 'Old tablet', doc: old, ...testContext('tablet-old') };
    const fresh = new Y.Doc();
    applyImport(fresh, prepareImport(null, await parsedFrom(oldTablet)));
    expect(viewSession(fresh)!.count.counted.map((c) => c.ballot.participantId)).toContain('old-resident');

    const replacing = replicaOf(fresh);
    const signed = signRecordSync(testSigner('tablet-old'), sessionId, 'ballots', { ...ballot, revision: 2 });
    maps(replacing).ballots.set('old-resident', signed);
    const before = stateOf(fresh);
    const error = await expectRefusal(
      async () => prepareImport(fresh, await parsedFrom({ ...oldTablet, doc: replacing })),
      'badContent',
    );
    expect(error.problems).toEqual([{ map: 'ballots', key: 'old-resident', field: '', problem: 'unsigned' }]);
    expect(stateOf(fresh)).toEqual(before);
  });
});
