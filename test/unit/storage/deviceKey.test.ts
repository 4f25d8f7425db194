/**
 * The device's signing key (src/storage/deviceKey.ts) in its own database (fake-indexeddb), and the resident's
 * commands signing with it asynchronously as the app does (src/doc/commands.ts with a DeviceContext).
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
  type DeviceContext,
} from '../../../src/doc/commands';
import { maps } from '../../../src/doc/schema';
import { AppDb } from '../../../src/storage/appDb';
import { deviceKey, deviceSigner } from '../../../src/storage/deviceKey';
import { signatureState } from '../../../src/sync/recordSignatures';
import { applyImport, prepareImport } from '../../../src/sync/importSession';
import { createdSession, replicaOf, testContext } from '../helpers/session';
import { parsedFrom } from '../sync/workshop';

describe('the device key', () => {
  it('Given a new device, When the key is asked for twice at once and after a restart, Then one non-extractable key is made and kept', async () => {
    const factory = new IDBFactory();
    const db = new AppDb('codesign-app', { indexedDB: factory });
    const [a, b] = await Promise.all([deviceKey(db), deviceKey(db)]);
    expect(a.publicKey).toBe(b.publicKey);
    expect(a.privateKey.extractable).toBe(false);
    expect(a.privateKey.type).toBe('private');
    await expect(crypto.subtle.exportKey('pkcs8', a.privateKey)).rejects.toThrow();
    db.close();

    const reopened = new AppDb('codesign-app', { indexedDB: factory });
    expect((await deviceKey(reopened)).publicKey).toBe(a.publicKey);
  });

  it('Given the app’s context, When a resident starts, answers, votes twice and finishes, Then each record is signed by the device key and another device’s copy accepts them', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    const made = createdSession(undefined, testContext('tablet-1'));
    const ctx: DeviceContext = { ...made.ctx, signer: deviceSigner(db) };
    const council = replicaOf(made.doc);
    const idea = addProposal(
      made.doc,
      { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
      null,
      ctx,
    );

    const starting = startParticipant(made.doc, { language: 'en', hasConsented: true }, ctx);
    expect(starting).toBeInstanceOf(Promise);
    const resident = await starting;
    await setAnswers(made.doc, resident, { age: '18 to 64' }, ctx);
    await castBallot(made.doc, resident, { kind: 'dots', dots: { [idea]: 1 } }, ctx);
    const tablet = { name: 'Tablet 1', ...made, ctx };
    applyImport(council, prepareImport(council, await parsedFrom(tablet)));
    await castBallot(made.doc, resident, { kind: 'dots', dots: { [idea]: 2 } }, ctx);
    await finishParticipant(made.doc, resident, ctx);

    const key = (await deviceKey(db)).publicKey;
    const participant = maps(made.doc).participants.get(resident)!;
    const ballot = maps(made.doc).ballots.get(resident)!;
    expect(participant).toMatchObject({ deviceKey: key, revision: 3, answers: { age: '18 to 64' } });
    expect(ballot).toMatchObject({ deviceKey: key, revision: 2 });
    expect(signatureState(made.sessionId, 'participants', participant)).toBe('valid');
    expect(signatureState(made.sessionId, 'ballots', ballot)).toBe('valid');

    // The council's copy had the resident's first ballot and answers; the later records replace them.
    applyImport(council, prepareImport(council, await parsedFrom(tablet)));
    expect(maps(council).ballots.get(resident)?.revision).toBe(2);
    expect(maps(council).participants.get(resident)?.finishedAt).not.toBeNull();
  });

  it('Given two casts at once on the app’s context, When both are signed, Then they land as revisions 1 and 2', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    const made = createdSession(undefined, testContext('tablet-1'));
    const ctx: DeviceContext = { ...made.ctx, signer: deviceSigner(db) };
    const idea = addProposal(
      made.doc,
      { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
      null,
      ctx,
    );
    const resident = await startParticipant(made.doc, { language: 'en', hasConsented: true }, ctx);
    await Promise.all([
      castBallot(made.doc, resident, { kind: 'dots', dots: { [idea]: 1 } }, ctx),
      castBallot(made.doc, resident, { kind: 'dots', dots: { [idea]: 2 } }, ctx),
    ]);
    expect(maps(made.doc).ballots.get(resident)?.revision).toBe(2);
  });
});
