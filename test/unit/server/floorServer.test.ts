/**
 * The bench's floor (test/bench/floorServer.ts) stands for the council server only if it sends what the council
 * server sends: the same devices (rawDevice.ts) get the same bytes from both, a new device and one holding the
 * session alike. Real server on 127.0.0.1 with a real SQLite file, the floor in this process.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, addProposal, type CommandContext } from '../../../src/doc/commands';
import { startFloor } from '../../bench/floorServer';
import { rawSync } from '../../bench/rawDevice';
import { assignSession, enrolDevice, seedSession, startTestServer, tempDir } from './support';

const ctx: CommandContext = { deviceId: 'seed', now: () => 1, newId: () => randomUUID() };

describe("the bench's floor server", { timeout: 60_000 }, () => {
  const undo: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of undo.splice(0).reverse()) await f();
  });

  it('Given a session stored on the council server and written out for the floor, When a new device and a device holding the session sync with each, Then each gets the same bytes from both', async () => {
    const t = tempDir('codesign-floor-');
    undo.push(t.remove);
    const sessionId = randomUUID();
    const doc = seedSession(new Y.Doc(), sessionId);
    for (let i = 0; i < 20; i++) {
      const proposalId = addProposal(
        doc,
        {
          title: `Idea ${i + 1}`,
          description: 'A bench by the pond.',
          themeId: 'theme-young',
          costPence: 100,
          where: '',
        },
        null,
        ctx,
      );
      addComment(doc, { proposalId, text: 'Yes please.' }, null, ctx);
    }
    // A record written twice, so that a holding device's answer carries a deletion.
    const comments = doc.getMap('comments');
    const first = [...comments.keys()][0]!;
    comments.set(first, comments.get(first));
    const update = Y.encodeStateAsUpdate(doc);
    const stateVector = Y.encodeStateVector(doc);
    const difference = Y.encodeStateAsUpdate(doc, stateVector);

    const server = await startTestServer(t.dir);
    undo.push(() => server.close());
    server.store!.appendUpdate(sessionId, 'seed', update);
    const device = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet');
    assignSession(server.store!, sessionId, device.deviceId);
    const floorDir = join(t.dir, 'floor');
    mkdirSync(floorDir);
    writeFileSync(join(floorDir, `${sessionId}.sv`), stateVector);
    writeFileSync(join(floorDir, `${sessionId}.full`), update);
    writeFileSync(join(floorDir, `${sessionId}.held`), difference);
    const floor = await startFloor(floorDir);
    undo.push(floor.close);
    const floorUrl = `ws://127.0.0.1:${floor.port}/sync`;
    const holding = { stateVector, reply: difference };

    const fromServer = await rawSync(server.url, sessionId, device.token);
    const fromFloor = await rawSync(floorUrl, sessionId, 'no token needed');
    const heldFromServer = await rawSync(server.url, sessionId, device.token, holding);
    const heldFromFloor = await rawSync(floorUrl, sessionId, 'no token needed', holding);

    expect(fromFloor.step2).toEqual(fromServer.step2);
    expect(heldFromFloor.step2).toEqual(heldFromServer.step2);
    // And they are what they should be: the whole session, and for the holding device the deletion only.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, fromFloor.step2);
    expect(copy.getMap('proposals').size).toBe(20);
    expect(heldFromFloor.step2.byteLength).toBeLessThan(fromFloor.step2.byteLength / 10);
    expect(heldFromFloor.step2.byteLength).toBeGreaterThan(2);
  });
});
