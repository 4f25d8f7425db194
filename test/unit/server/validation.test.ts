/**
 * The server checks every client update on a scratch copy with the session-file rules before it is applied:
 * real server on port 0, a temporary DATA_DIR, real Hocuspocus provider clients.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSession } from '../../../src/doc/sessionCommands';
import { closeReason } from '../../../src/server/sync';
import { syncUpdateOf, UpdateGate } from '../../../src/server/validation';
import {
  acknowledged,
  connect,
  assignSession,
  enrolDevice,
  proposal,
  seedSession,
  startTestServer,
  tempDir,
  waitFor,
  type Client,
  varUintBytes,
} from './support';
import { testContext, validSettings } from '../helpers/session';
import { signedBy } from '../helpers/signing';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A Hocuspocus message: varString document name, then the given bytes. */
function frame(documentName: string, rest: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(documentName);
  return Uint8Array.from([name.length, ...name, ...rest]);
}

describe('the server checks updates before applying them', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  function client(server: Server, sessionId: string, token: string): Client {
    const c = connect(server.url, sessionId, token);
    cleanup.push(c.destroy);
    return c;
  }

  /** A session with proposal p1 written by one facilitator device, and a second device synced to it. */
  async function setup(): Promise<{
    server: Server;
    sessionId: string;
    owner: Client;
    other: Client;
    otherToken: string;
    otherDeviceId: string;
  }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const first = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet 1');
    const second = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet 2');
    const sessionId = randomUUID();
    assignSession(server.store!, sessionId, second.deviceId);
    const owner = client(server, sessionId, first.token);
    await acknowledged(owner);
    seedSession(owner.doc, sessionId);
    owner.doc.getMap('proposals').set('p1', { ...proposal('p1', 'Youth club'), deviceId: 'tablet-1' });
    await acknowledged(owner);
    const other = client(server, sessionId, second.token);
    await acknowledged(other);
    await waitFor(() => other.doc.getMap('proposals').has('p1'), 'p1 reached the second device');
    return { server, sessionId, owner, other, otherToken: second.token, otherDeviceId: second.deviceId };
  }

  /** Runs a bad write on `bad` and checks it was refused: a reason, a log line, nothing stored or changed. */
  async function expectRefused(
    s: Awaited<ReturnType<typeof setup>>,
    write: (doc: Y.Doc) => void,
    problem: RegExp,
  ): Promise<void> {
    const { server, sessionId, other: bad } = s;
    const live = server.sync!.hocuspocus.documents.get(sessionId)!;
    const stateBefore = Y.encodeStateAsUpdate(live);
    const rowsBefore = server.store!.updatesFor(sessionId).length;
    const bytesBefore = server.store!.storedBytes(sessionId);
    const reasons: string[] = [];
    bad.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    write(bad.doc);
    await waitFor(() => reasons.length > 0, 'a refusal');
    bad.destroy();
    expect(reasons[0]).toMatch(/^invalid-update: /);
    expect(reasons[0]).toMatch(problem);
    expect(server.store!.updatesFor(sessionId).length).toBe(rowsBefore);
    expect(server.store!.storedBytes(sessionId)).toBe(bytesBefore);
    expect(Y.encodeStateAsUpdate(server.sync!.hocuspocus.documents.get(sessionId)!)).toEqual(stateBefore);
    const refusal = server.logs.find((l) => l.event === 'update-refused');
    expect(refusal).toMatchObject({
      session: sessionId,
      device: s.otherDeviceId,
      reason: 'invalid-update',
      first: expect.stringMatching(problem) as unknown,
    });
    expect(JSON.stringify(server.logs)).not.toContain(s.otherToken);

    // The server goes on serving: the owner's next idea is stored and reaches a fresh reader.
    s.owner.doc.getMap('proposals').set('p9', { ...proposal('p9', 'Bench'), deviceId: 'tablet-1' });
    await acknowledged(s.owner);
    expect(server.store!.updatesFor(sessionId).length).toBe(rowsBefore + 1);
    const reader = client(server, sessionId, s.otherToken);
    await acknowledged(reader);
    await waitFor(() => reader.doc.getMap('proposals').has('p9'), 'p9 read back');
    expect(reader.doc.getMap('proposals').get('p1')).toMatchObject({
      title: 'Youth club',
      costPence: 100_000,
    });
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  }

  it('Given a well-formed update, Then it is accepted, stored, and reaches the other device', async () => {
    const s = await setup();
    const before = s.server.store!.updatesFor(s.sessionId).length;
    s.other.doc.getMap('proposals').set('p2', { ...proposal('p2', 'Park'), deviceId: 'tablet-2' });
    s.other.doc.getMap('comments').set('c1', {
      id: 'c1',
      proposalId: 'p1',
      participantId: null,
      text: 'Yes please',
      deviceId: 'tablet-2',
      at: 5,
    });
    await acknowledged(s.other);
    expect(s.server.store!.updatesFor(s.sessionId).length).toBe(before + 2);
    await waitFor(() => s.owner.doc.getMap('comments').has('c1'), 'the comment reached the owner');
    expect(s.server.logs.some((l) => l.event === 'update-refused')).toBe(false);
  });

  it('Given a participant and ballot replaced by their own device (a higher revision), Then accepted', async () => {
    const s = await setup();
    const participant = {
      id: 'person-1',
      deviceId: 'tablet-2',
      at: 3,
      language: 'en',
      hasConsented: true,
      answers: {},
      finishedAt: null,
      revision: 1,
    };
    const ballot = {
      participantId: 'person-1',
      deviceId: 'tablet-2',
      at: 4,
      revision: 1,
      kind: 'dots',
      dots: { p1: 2 },
    };
    // Signed by tablet 2's key (issue 12 §4): only that key may replace them.
    const sign = <T extends object>(map: 'participants' | 'ballots', r: T) =>
      signedBy('tablet-2', s.sessionId, map, r);
    s.other.doc.getMap('participants').set('person-1', sign('participants', participant));
    s.other.doc.getMap('ballots').set('person-1', sign('ballots', ballot));
    await acknowledged(s.other);
    s.other.doc
      .getMap('ballots')
      .set('person-1', sign('ballots', { ...ballot, at: 5, revision: 2, dots: { p1: 3 } }));
    s.other.doc
      .getMap('participants')
      .set('person-1', sign('participants', { ...participant, finishedAt: 6, revision: 2 }));
    await acknowledged(s.other);
    await waitFor(
      () => (s.owner.doc.getMap('ballots').get('person-1') as { revision: number }).revision === 2,
      'the new revision reached the owner',
    );
    expect(s.server.logs.some((l) => l.event === 'update-refused')).toBe(false);
  });

  it("Given an update deleting another device's proposal, Then refused and nothing changes", async () => {
    const s = await setup();
    await expectRefused(s, (doc) => doc.getMap('proposals').delete('p1'), /proposals\.p1 deleted/);
  });

  it("Given an update rewriting a proposal's cost, Then refused and nothing changes", async () => {
    const s = await setup();
    await expectRefused(
      s,
      (doc) =>
        doc
          .getMap('proposals')
          .set('p1', { ...proposal('p1', 'Youth club'), deviceId: 'tablet-1', costPence: 1 }),
      /proposals\.p1 rewritten/,
    );
  });

  it("Given a proposal with costPence 'abc', Then refused and nothing changes", async () => {
    const s = await setup();
    await expectRefused(
      s,
      (doc) => doc.getMap('proposals').set('p3', { ...proposal('p3', 'Odd'), costPence: 'abc' }),
      /proposals\.p3\.costPence notWholeNumber/,
    );
  });

  it('Given a ballot of an unknown kind, Then refused and nothing changes', async () => {
    const s = await setup();
    await expectRefused(
      s,
      (doc) =>
        doc.getMap('ballots').set('person-1', {
          participantId: 'person-1',
          deviceId: 'tablet-2',
          at: 4,
          revision: 1,
          kind: 'approval',
          approved: ['p1'],
        }),
      /ballots\.person-1\.kind unknownKind/,
    );
  });

  it('Given a ballot replaced by another device, or with a revision that is not newer, Then refused', async () => {
    const s = await setup();
    const ballot = { participantId: 'pp', deviceId: 'tablet-1', at: 4, revision: 2, kind: 'dots', dots: {} };
    s.owner.doc.getMap('ballots').set('pp', signedBy('tablet-1', s.sessionId, 'ballots', ballot));
    await acknowledged(s.owner);
    await waitFor(() => s.other.doc.getMap('ballots').has('pp'), 'the ballot reached the second device');
    const other = { ...ballot, deviceId: 'tablet-2', revision: 3 };
    await expectRefused(
      s,
      (doc) => doc.getMap('ballots').set('pp', signedBy('tablet-2', s.sessionId, 'ballots', other)),
      /ballots\.pp otherDevice/,
    );
  });

  it('Given a client that sends the demo session (marked in its meta), Then the council refuses it by name and stores nothing, while an ordinary session from it is taken', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const { token, deviceId } = await enrolDevice(t.dir, server.base, 'facilitator');
    const demoId = randomUUID();
    const realId = randomUUID();
    assignSession(server.store!, demoId, deviceId);
    assignSession(server.store!, realId, deviceId);
    // As an app that does not keep the demo back would: a real provider, a session marked as the demo.
    const demo = client(server, demoId, token);
    const reasons: string[] = [];
    demo.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    await acknowledged(demo);
    // (Only meta says so: the made-up residents of the real demo are unsigned, which the server refuses anyway.)
    createSession(demo.doc, demoId, validSettings(), testContext('Tablet D').ctx, { isDemo: true });
    await waitFor(() => reasons.length > 0, 'a refusal');
    demo.destroy();
    expect(reasons[0]).toMatch(/invalid-update: meta\.isDemo demoSession/);
    expect(server.store!.updatesFor(demoId)).toEqual([]);

    const real = client(server, realId, token);
    await acknowledged(real);
    seedSession(real.doc, realId);
    await acknowledged(real);
    expect(server.store!.updatesFor(realId)).toHaveLength(1);
  });

  it('Given a first update creating a session whose id differs from the document name, Then refused and nothing stored', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, { maxHoldMs: 300 });
    cleanup.push(() => server.close());
    const { token } = await enrolDevice(t.dir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const bad = client(server, sessionId, token);
    const reasons: string[] = [];
    bad.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    await acknowledged(bad);
    seedSession(bad.doc, randomUUID());
    await waitFor(() => reasons.length > 0, 'a refusal');
    bad.destroy();
    expect(reasons[0]).toMatch(/invalid-update: meta\.sessionId wrongSession/);
    expect(server.store!.updatesFor(sessionId)).toEqual([]);
    expect(server.sync!.hocuspocus.documents.get(sessionId)?.getMap('meta').size ?? 0).toBe(0);

    // Content with no session at all is held for maxHoldMs, then refused; the right session is accepted.
    const stray = client(server, sessionId, token);
    const strayReasons: string[] = [];
    stray.provider.on('close', ({ event }: { event: { reason: string } }) => strayReasons.push(event.reason));
    await acknowledged(stray);
    stray.doc.getMap('proposals').set('p1', proposal('p1', 'No session'));
    await waitFor(() => strayReasons.length > 0, 'a refusal');
    stray.destroy();
    expect(strayReasons[0]).toMatch(/meta\.sessionId missing/);
    expect(server.store!.updatesFor(sessionId)).toEqual([]);

    const good = client(server, sessionId, token);
    await acknowledged(good);
    seedSession(good.doc, sessionId);
    await acknowledged(good);
    expect(server.store!.updatesFor(sessionId)).toHaveLength(1);
  });

  it('Given a change that arrives just before the update creating its session, Then it is held, checked and stored once the session exists', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const { token } = await enrolDevice(t.dir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const early = client(server, sessionId, token);
    await acknowledged(early);
    early.doc.getMap('proposals').set('p1', proposal('p1', 'Early idea'));
    await waitFor(() => server.sync!.checkStats().held === 1, 'the early idea held');
    expect(server.store!.updatesFor(sessionId)).toEqual([]);
    const creator = client(server, sessionId, token);
    await acknowledged(creator);
    seedSession(creator.doc, sessionId);
    await acknowledged(creator);
    await acknowledged(early);
    expect(server.store!.updatesFor(sessionId)).toHaveLength(2);
    await waitFor(() => creator.doc.getMap('proposals').has('p1'), 'the early idea reached the creator');
    expect(server.logs.some((l) => l.event === 'update-refused')).toBe(false);
  });

  it('Given a replaced ballot whose new revision arrives before a change it depends on, Then it is held and accepted once complete, never seen as a delete', async () => {
    const s = await setup();
    const ballot = { participantId: 'pp', deviceId: 'tablet-2', at: 4, revision: 1, kind: 'dots', dots: {} };
    s.other.doc.getMap('ballots').set('pp', signedBy('tablet-2', s.sessionId, 'ballots', ballot));
    await acknowledged(s.other);
    // A device's copy that writes a comment, then the ballot's second revision; they reach the server in the
    // opposite order. The second update deletes revision 1 (known to the server) and adds revision 2, which waits
    // for the comment: on its own it would look like a deleted ballot.
    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(s.other.doc));
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getMap('comments').set('c1', {
      id: 'c1',
      proposalId: 'p1',
      participantId: null,
      text: 'Yes',
      deviceId: 'tablet-2',
      at: 5,
    });
    author
      .getMap('ballots')
      .set('pp', signedBy('tablet-2', s.sessionId, 'ballots', { ...ballot, at: 6, revision: 2 }));
    const [comment, revision2] = updates;
    const send = (u: Uint8Array): void =>
      s.other.provider.configuration.websocketProvider.send(
        frame(s.sessionId, Uint8Array.from([0, 2, ...varUintBytes(u.byteLength), ...u])),
      );
    const rows = s.server.store!.updatesFor(s.sessionId).length;
    send(revision2!);
    await waitFor(() => s.server.sync!.checkStats().held === 1, 'revision 2 held');
    expect(s.server.store!.updatesFor(s.sessionId).length).toBe(rows);
    send(comment!);
    const live = s.server.sync!.hocuspocus.documents.get(s.sessionId)!;
    await waitFor(
      () => (live.getMap('ballots').get('pp') as { revision?: number } | undefined)?.revision === 2,
      'revision 2 applied',
    );
    expect(live.getMap('comments').has('c1')).toBe(true);
    expect(s.server.logs.some((l) => l.event === 'update-refused')).toBe(false);
    expect(live.store.pendingStructs).toBeNull();
  });

  it('Given an update that depends on changes that never arrive, Then it is refused after the hold and nothing is stored', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, { maxHoldMs: 300 });
    cleanup.push(() => server.close());
    const { token } = await enrolDevice(t.dir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const owner = client(server, sessionId, token);
    await acknowledged(owner);
    seedSession(owner.doc, sessionId);
    await acknowledged(owner);
    const rows = server.store!.updatesFor(sessionId).length;
    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(owner.doc));
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getMap('proposals').set('p1', proposal('p1', 'Never sent'));
    author.getMap('proposals').set('p2', proposal('p2', 'Depends on p1'));
    const dependent = updates[1]!;
    const reasons: string[] = [];
    owner.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    owner.provider.configuration.websocketProvider.send(
      frame(sessionId, Uint8Array.from([0, 2, ...varUintBytes(dependent.byteLength), ...dependent])),
    );
    await waitFor(() => reasons.length > 0, 'a refusal');
    expect(reasons[0]).toMatch(/invalid-update: incomplete/);
    expect(server.store!.updatesFor(sessionId).length).toBe(rows);
  });

  it('Given a bad update sent in a SyncReply message, Then it is checked like any other', async () => {
    const s = await setup();
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(s.other.doc));
    const sv = Y.encodeStateVector(scratch);
    scratch.getMap('proposals').delete('p1');
    const update = Y.encodeStateAsUpdate(scratch, sv);
    await expectRefused(
      s,
      () =>
        s.other.provider.configuration.websocketProvider.send(
          frame(s.sessionId, Uint8Array.from([4, 1, ...varUintBytes(update.byteLength), ...update])),
        ),
      /proposals\.p1 deleted/,
    );
  });

  it('Given sync messages, Then syncUpdateOf reads the update of step 2 and update messages only', () => {
    const update = Uint8Array.from([1, 2, 3]);
    expect(syncUpdateOf(frame('d', Uint8Array.from([0, 2, 3, 1, 2, 3])))).toEqual(update);
    expect(syncUpdateOf(frame('d', Uint8Array.from([4, 1, 3, 1, 2, 3])))).toEqual(update);
    expect(syncUpdateOf(frame('d', Uint8Array.from([0, 0, 0])))).toBeNull();
    expect(syncUpdateOf(frame('d', Uint8Array.from([1, 5])))).toBeNull();
    expect(() => syncUpdateOf(frame('d', Uint8Array.from([0, 2, 9, 1])))).toThrow(RangeError);
    expect(new TextEncoder().encode(closeReason('é'.repeat(200))).byteLength).toBeLessThanOrEqual(123);
  });

  it('Given a gate, Then it keeps its copy equal to the live document and rebuilds it after a refusal', () => {
    const live = new Y.Doc();
    const sessionId = randomUUID();
    const gate = new UpdateGate(sessionId, live);
    const author = seedSession(new Y.Doc(), sessionId);
    const created = Y.encodeStateAsUpdate(author);
    expect(gate.check(created, 'facilitator')).toEqual([]);
    Y.applyUpdate(live, created);
    const sv = Y.encodeStateVector(author);
    author.getMap('proposals').set('p1', { ...proposal('p1', 'Idea'), costPence: -5 });
    const bad = Y.encodeStateAsUpdate(author, sv);
    expect(gate.check(bad, 'facilitator')).toEqual([
      { map: 'proposals', key: 'p1', field: 'costPence', problem: 'outOfRange' },
    ]);
    // The refused update is not held against the next one: the same key, well formed, from another writer.
    const fixer = new Y.Doc();
    Y.applyUpdate(fixer, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(fixer);
    fixer.getMap('proposals').set('p1', proposal('p1', 'Idea'));
    expect(gate.check(Y.encodeStateAsUpdate(fixer, before), 'facilitator')).toEqual([]);
  });
});
