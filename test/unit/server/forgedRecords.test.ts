/**
 * Issue 12 §4: a resident's ballot and answers can be replaced only by the device that wrote them, proven by its
 * key, not by the deviceId written in the record (which any sender can copy). Real server on 127.0.0.1 with a
 * SQLite file in a temp dir, real Hocuspocus provider clients, records written by the app's own commands with
 * each device's own key (test/unit/helpers/signing.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
} from '../../../src/doc/commands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { signRecordSync } from '../../../src/domain/recordSigning';
import type { Ballot, Participant } from '../../../src/domain/types';
import { testContext } from '../helpers/session';
import { testSigner } from '../helpers/signing';
import {
  acknowledged,
  assignSession,
  connect,
  enrolDevice,
  seedSession,
  startTestServer,
  tempDir,
  waitFor,
  type Client,
} from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('only the device that signed a resident’s records may replace them', { timeout: 30_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  function client(server: Server, sessionId: string, token: string, doc?: Y.Doc): Client {
    const c = connect(server.url, sessionId, token, doc);
    cleanup.push(c.destroy);
    return c;
  }

  /**
   * A session on the server, and a tablet (an enrolled device, online) whose resident has answered a question and
   * cast a first ballot, all stored. Plus the tokens of two other facilitator devices assigned to the session.
   */
  async function setup() {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const tabletDevice = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet 1');
    const forgerDevice = await enrolDevice(t.dir, server.base, 'facilitator', 'Laptop');
    const relayDevice = await enrolDevice(t.dir, server.base, 'facilitator', 'Facilitator phone');
    const sessionId = randomUUID();
    assignSession(server.store!, sessionId, forgerDevice.deviceId, relayDevice.deviceId);

    const { ctx } = testContext('tablet-1');
    const tablet = client(server, sessionId, tabletDevice.token);
    await acknowledged(tablet);
    seedSession(tablet.doc, sessionId);
    const idea = addProposal(
      tablet.doc,
      { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
      null,
      ctx,
    );
    const resident = startParticipant(tablet.doc, { language: 'en', hasConsented: true }, ctx);
    setAnswers(tablet.doc, resident, { age: '18 to 64' }, ctx);
    castBallot(tablet.doc, resident, { kind: 'dots', dots: { [idea]: 1 } }, ctx);
    await acknowledged(tablet);
    return { server, sessionId, tablet, ctx, idea, resident, forgerDevice, relayDevice };
  }

  type Setup = Awaited<ReturnType<typeof setup>>;

  /** What the server holds for the session: its stored rows and its live document's state. */
  function held(s: Setup): { rows: number; state: Uint8Array } {
    const live = s.server.sync!.hocuspocus.documents.get(s.sessionId)!;
    return { rows: s.server.store!.updatesFor(s.sessionId).length, state: Y.encodeStateAsUpdate(live) };
  }

  /** The forger writes `forge` on a fresh connection: refused with `problem`, nothing stored, nothing changed. */
  async function expectForgeryRefused(s: Setup, forge: (doc: Y.Doc) => void, problem: RegExp): Promise<void> {
    const forger = client(s.server, s.sessionId, s.forgerDevice.token);
    await acknowledged(forger);
    await waitFor(() => maps(forger.doc).ballots.has(s.resident), 'the forger holds the ballot');
    const before = held(s);
    const reasons: string[] = [];
    forger.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    forge(forger.doc);
    await waitFor(() => reasons.length > 0, 'a refusal');
    forger.destroy();
    expect(reasons[0]).toMatch(/^invalid-update: /);
    expect(reasons[0]).toMatch(problem);
    expect(held(s)).toEqual(before);
    const live = s.server.sync!.hocuspocus.documents.get(s.sessionId)!;
    expect(maps(live).ballots.get(s.resident)).toMatchObject({ revision: 1, dots: { [s.idea]: 1 } });
    expect(maps(live).participants.get(s.resident)).toMatchObject({ answers: { age: '18 to 64' } });
  }

  it('Given a facilitator device that copies the tablet’s deviceId and key, When it replaces the ballot (revision 2) and the answers, Then both are refused and nothing is stored', async () => {
    const s = await setup();
    const ballotOf = (doc: Y.Doc): Ballot => maps(doc).ballots.get(s.resident)!;
    const participantOf = (doc: Y.Doc): Participant => maps(doc).participants.get(s.resident)!;

    // The record as it was, with a new revision and choices: the tablet's deviceId, key and (stale) signature.
    await expectForgeryRefused(
      s,
      (doc) => {
        const b = ballotOf(doc);
        maps(doc).ballots.set(s.resident, { ...b, revision: 2, dots: {} });
      },
      /ballots\.[\w-]+ badSignature/,
    );
    // Re-signed by the forger's own key, still naming the tablet's key: the signature is not the tablet's.
    await expectForgeryRefused(
      s,
      (doc) => {
        const b = ballotOf(doc);
        const forged = { ...b, revision: 2, dots: {} };
        const resigned = signRecordSync(testSigner('laptop'), s.sessionId, 'ballots', forged);
        maps(doc).ballots.set(s.resident, { ...resigned, deviceKey: b.deviceKey! });
      },
      /ballots\.[\w-]+ badSignature/,
    );
    // Signed validly by the forger's own key, with the tablet's deviceId: another device.
    await expectForgeryRefused(
      s,
      (doc) => {
        const b = ballotOf(doc);
        const forged = { ...b, revision: 2, dots: {} };
        maps(doc).ballots.set(
          s.resident,
          signRecordSync(testSigner('laptop'), s.sessionId, 'ballots', forged),
        );
      },
      /ballots\.[\w-]+ otherDevice/,
    );
    // The about-you answers, rewritten under the tablet's deviceId and key.
    await expectForgeryRefused(
      s,
      (doc) => {
        const p = participantOf(doc);
        maps(doc).participants.set(s.resident, { ...p, answers: { age: '65 or over' }, revision: 9 });
      },
      /participants\.[\w-]+ badSignature/,
    );
  });

  it('Given the tablet itself, When it replaces its own ballot and finishes the turn, Then both are stored', async () => {
    const s = await setup();
    castBallot(s.tablet.doc, s.resident, { kind: 'dots', dots: { [s.idea]: 3 } }, s.ctx);
    finishParticipant(s.tablet.doc, s.resident, s.ctx);
    await acknowledged(s.tablet);

    const fresh = new Y.Doc();
    for (const row of s.server.store!.updatesFor(s.sessionId)) Y.applyUpdate(fresh, row.update);
    expect(maps(fresh).ballots.get(s.resident)).toMatchObject({ revision: 2, dots: { [s.idea]: 3 } });
    expect(maps(fresh).participants.get(s.resident)?.finishedAt).not.toBeNull();
  });

  it('Given a tablet offline, When a facilitator device relays its records and later its replaced ballot, Then all are stored with the tablet’s signatures', async () => {
    const s = await setup();
    // Tablet 2 never reaches the server: it gets the session from the relay and gives its records back to it.
    const relay = client(s.server, s.sessionId, s.relayDevice.token);
    await acknowledged(relay);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(relay.doc));
    const { ctx } = testContext('tablet-2');
    const resident = startParticipant(offline, { language: 'en', hasConsented: true }, ctx);
    castBallot(offline, resident, { kind: 'dots', dots: { [s.idea]: 1 } }, ctx);
    Y.applyUpdate(relay.doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(relay.doc)));
    await acknowledged(relay);

    // The resident changes their mind on tablet 2 and finishes; the relay passes it on again.
    castBallot(offline, resident, { kind: 'dots', dots: { [s.idea]: 2 } }, ctx);
    setAnswers(offline, resident, { age: '65 or over' }, ctx);
    finishParticipant(offline, resident, ctx);
    Y.applyUpdate(relay.doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(relay.doc)));
    await acknowledged(relay);

    const live = s.server.sync!.hocuspocus.documents.get(s.sessionId)!;
    expect(maps(live).ballots.get(resident)).toMatchObject({
      revision: 2,
      dots: { [s.idea]: 2 },
      deviceId: 'tablet-2',
      deviceKey: testSigner('tablet-2').publicKey,
    });
    expect(maps(live).participants.get(resident)).toMatchObject({ answers: { age: '65 or over' } });
    expect(maps(live).participants.get(resident)?.finishedAt).not.toBeNull();
  });

  it('Given a session whose records were written before signing, When it syncs and another device replaces one, Then the old records are stored and counted, and the replacement refused', async () => {
    const s = await setup();
    const legacy = client(s.server, s.sessionId, s.relayDevice.token);
    await acknowledged(legacy);
    // An older app's resident: no key, no signature, no participant revision.
    const participant: Participant = {
      id: 'old-resident',
      language: 'en',
      hasConsented: true,
      answers: {},
      finishedAt: 5,
      deviceId: 'tablet-old',
      at: 5,
    };
    const ballot: Ballot = {
      participantId: 'old-resident',
      kind: 'dots',
      dots: { [s.idea]: 2 },
      revision: 1,
      deviceId: 'tablet-old',
      at: 5,
    };
    maps(legacy.doc).participants.set(participant.id, participant);
    maps(legacy.doc).ballots.set(ballot.participantId, ballot);
    await acknowledged(legacy);
    const live = s.server.sync!.hocuspocus.documents.get(s.sessionId)!;
    expect(maps(live).ballots.get('old-resident')).toEqual(ballot);

    const forger = client(s.server, s.sessionId, s.forgerDevice.token);
    await acknowledged(forger);
    await waitFor(() => maps(forger.doc).ballots.has('old-resident'), 'the forger holds the old ballot');
    const reasons: string[] = [];
    forger.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    const replacement = signRecordSync(testSigner('tablet-old'), s.sessionId, 'ballots', {
      ...ballot,
      revision: 2,
      dots: {},
    });
    maps(forger.doc).ballots.set('old-resident', replacement);
    await waitFor(() => reasons.length > 0, 'a refusal');
    expect(reasons[0]).toMatch(/ballots\.old-resident unsigned/);
    expect(maps(live).ballots.get('old-resident')).toEqual(ballot);
    // Counted with the signed ones: the tablet's resident's ballot and the older app's.
    const counted = viewSession(live)!.count.counted.map((c) => c.ballot.participantId);
    expect(counted.sort()).toEqual(['old-resident', s.resident].sort());
  });
});
