/**
 * After the council restores a backup, an officer device that fetched the day's work before it may hold the only
 * copy (every tablet that sent it has been cleared, as the admin guide asks after each workshop). An officer device
 * may write only decisions and paper ballots, so its sync of that session is refused whole; `npm run admin --
 * allow-relay` lets that one device send that one session's records for a while (src/server/relayPermits.ts).
 * Real server on 127.0.0.1, real SQLite file, the admin's own backup and commands, real Hocuspocus providers.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowRelay, endRelay, listRelays, mayRelay } from '../../../src/server/relayPermits';
import {
  acknowledged,
  adminOn,
  assignSession,
  nextClose,
  proposal,
  serverSessions,
  storedDoc,
  tempStores,
} from './support';

const servers = serverSessions();

/** A comment on `proposalId`, as the kiosk writes it. */
function comment(id: string, proposalId: string): Record<string, unknown> {
  return {
    id,
    proposalId,
    text: 'Yes please, for the little ones',
    participantId: null,
    deviceId: 'tablet',
    at: 3,
  };
}

/** Resident r1, as an older app wrote them (unsigned: nothing may replace the record). */
function resident(deviceId: string): Record<string, unknown> {
  return {
    id: 'r1',
    deviceId,
    at: 1_700_000_000_000,
    language: 'en',
    hasConsented: true,
    answers: {},
    finishedAt: 1_700_000_060_000,
  };
}

describe('relaying a session from an officer device after a restore', { timeout: 30_000 }, () => {
  /**
   * A session whose council copy holds p1 from a backup, and an officer device holding p1 and the day's later work
   * (p2, a comment, resident r1) that the restored server lacks, the tablet that sent it cleared.
   */
  async function restoredWithOnlyTheOfficerHolding() {
    const first = await servers.start();
    const { dataDir } = first;
    const tablet = await first.enrol('facilitator', 'Tablet 1');
    const officer = await first.enrol('officer', 'Office laptop');
    const other = await first.enrol('officer', 'Second laptop');
    const sessionId = randomUUID();
    assignSession(first.server.store!, sessionId, tablet.deviceId);
    const { writer } = await first.seeded(tablet.token, {
      sessionId,
      write: (doc) => doc.getMap('proposals').set('p1', proposal('p1', 'Youth club')),
    });
    const backup = join(dataDir, 'last-night.sqlite');
    expect((await adminOn(dataDir, 'backup', backup)).code).toBe(0);
    writer.doc.transact(() => {
      writer.doc.getMap('proposals').set('p2', proposal('p2', 'Park benches'));
      writer.doc.getMap('comments').set('c1', comment('c1', 'p2'));
      writer.doc.getMap('participants').set('r1', resident(tablet.deviceId));
    });
    await acknowledged(writer);
    const reader = first.client(sessionId, officer.token);
    await acknowledged(reader);
    expect(reader.doc.getMap('comments').has('c1')).toBe(true);
    const officerDoc = reader.doc;
    reader.destroy();
    writer.destroy(); // the tablet is cleared after the workshop
    await first.server.close();

    const live = join(dataDir, 'codesign.sqlite');
    rmSync(`${live}-wal`, { force: true });
    rmSync(`${live}-shm`, { force: true });
    copyFileSync(backup, live);
    const again = await servers.start({ dataDir });
    return { again, dataDir, sessionId, tablet, officer, other, officerDoc };
  }

  it('Given the officer device holds the only copy, When the admin allows it to relay, Then its next sync stores the work; before that, and for another officer device, it is refused', async () => {
    const { again, dataDir, sessionId, tablet, officer, other, officerDoc } =
      await restoredWithOnlyTheOfficerHolding();
    const { server } = again;
    expect([...storedDoc(server.store!, sessionId).getMap('proposals').keys()]).toEqual(['p1']);

    // Before: refused whole, nothing stored.
    const refused = again.client(sessionId, officer.token, officerDoc);
    expect(await nextClose(refused)).toMatch(/^invalid-update: .*notAllowed; nothing was stored/);
    refused.destroy();
    expect(storedDoc(server.store!, sessionId).getMap('proposals').has('p2')).toBe(false);

    const allowed = await adminOn(
      dataDir,
      'allow-relay',
      '--device',
      officer.deviceId,
      '--session',
      sessionId,
    );
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain(
      `Device ${officer.deviceId} may now send what it holds of session ${sessionId}`,
    );
    const listed = await adminOn(dataDir, 'relays', '--json');
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ deviceId: officer.deviceId, sessionId }),
    ]);

    server.logs.length = 0;
    const back = again.client(sessionId, officer.token, officerDoc);
    await acknowledged(back);
    const council = storedDoc(server.store!, sessionId);
    expect([...council.getMap('proposals').keys()].sort()).toEqual(['p1', 'p2']);
    expect(council.getMap('comments').get('c1')).toEqual(comment('c1', 'p2'));
    expect(council.getMap('participants').get('r1')).toEqual(resident(tablet.deviceId));
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'update-relayed', session: sessionId, device: officer.deviceId }),
    );
    expect(server.logs.filter((l) => l.event === 'update-refused')).toEqual([]);
    // Stored under the officer device's own id: `updates` lists it and `rollback` could undo it.
    expect(server.store!.updatesFor(sessionId).some((r) => r.deviceId === officer.deviceId)).toBe(true);

    // The permit is for that device only: another officer device still may not add an idea.
    const second = again.client(sessionId, other.token);
    await acknowledged(second);
    const secondRefused = nextClose(second);
    second.doc.getMap('proposals').set('p3', proposal('p3', 'Officer idea'));
    expect(await secondRefused).toMatch(/^invalid-update: proposals\.p3 notAllowed/);
    expect(storedDoc(server.store!, sessionId).getMap('proposals').has('p3')).toBe(false);
  });

  it('Given a permit, Then the relaying device still may not replace a resident record, and once the admin ends it, adding an idea is refused again', async () => {
    const { again, dataDir, sessionId, officer, officerDoc } = await restoredWithOnlyTheOfficerHolding();
    const { server } = again;
    expect(
      (await adminOn(dataDir, 'allow-relay', '--device', officer.deviceId, '--session', sessionId)).code,
    ).toBe(0);
    const back = again.client(sessionId, officer.token, officerDoc);
    await acknowledged(back);

    // Every other rule holds: a resident's record written by an older app is never replaced.
    let reason = nextClose(back);
    back.doc.getMap('participants').set('r1', { ...resident('forger'), language: 'cy' });
    expect(await reason).toMatch(/^invalid-update: participants\.r1 unsigned/);
    back.destroy();

    const ended = await adminOn(dataDir, 'end-relay', '--device', officer.deviceId, '--session', sessionId);
    expect(ended.code).toBe(0);
    expect(ended.out).toContain('may no longer send session');
    const after = again.client(sessionId, officer.token);
    await acknowledged(after);
    reason = nextClose(after);
    after.doc.getMap('proposals').set('p4', proposal('p4', 'After the permit'));
    expect(await reason).toMatch(/^invalid-update: proposals\.p4 notAllowed/);
    const council = storedDoc(server.store!, sessionId);
    expect(council.getMap('proposals').has('p4')).toBe(false);
    expect(council.getMap('participants').get('r1')).toMatchObject({ language: 'en' });
  });

  it('Given allow-relay with a mistake, Then it says what is wrong in words and grants nothing', async () => {
    const session = await servers.start();
    const { dataDir } = session;
    const tablet = await session.enrol('facilitator', 'Tablet 1');
    const officer = await session.enrol('officer', 'Office laptop');
    const sessionId = randomUUID();
    const mistakes: [string[], string][] = [
      [['--device', officer.deviceId], 'Say which officer device and which session'],
      [['--device', officer.deviceId, '--session', 'ashfield'], 'Say which officer device and which session'],
      [['--device', 'nobody', '--session', sessionId], 'There is no device nobody'],
      [['--device', tablet.deviceId, '--session', sessionId], 'is a facilitator device'],
      [
        ['--device', officer.deviceId, '--session', sessionId, '--hours', '0'],
        '--hours must be a whole number',
      ],
      [
        ['--device', officer.deviceId, '--session', sessionId, '--hours', '169'],
        '--hours must be a whole number',
      ],
    ];
    for (const [args, words] of mistakes) {
      const { code, err } = await adminOn(dataDir, 'allow-relay', ...args);
      expect(code).toBe(2);
      expect(err).toContain(words);
    }
    const notRunning = await adminOn(
      dataDir,
      'end-relay',
      '--device',
      officer.deviceId,
      '--session',
      sessionId,
    );
    expect(notRunning.code).toBe(2);
    expect(notRunning.err).toContain('has no permission to send session');
    expect((await adminOn(dataDir, 'relays')).out).toContain('No device may relay a session now.');
    expect(mayRelay(session.server.store!, officer.deviceId, sessionId)).toBe(false);
  });
});

describe('relay permits in the database', () => {
  const store = tempStores();

  it('Given a permit, Then it holds for that device and session until it ends, and ending or expiry stops it', () => {
    const s = store();
    const at = Date.UTC(2026, 11, 7, 9, 0);
    const permit = allowRelay(s, 'office', 'session-a', 24, at);
    expect(permit.expiresAt).toBe('2026-12-08T09:00:00.000Z');
    expect(mayRelay(s, 'office', 'session-a', at + 1)).toBe(true);
    expect(mayRelay(s, 'office', 'session-b', at + 1)).toBe(false);
    expect(mayRelay(s, 'laptop', 'session-a', at + 1)).toBe(false);
    expect(mayRelay(s, 'office', 'session-a', at + 24 * 3_600_000)).toBe(false);
    expect(listRelays(s, at + 24 * 3_600_000)).toEqual([]);
    expect(endRelay(s, 'office', 'session-a', at + 24 * 3_600_000)).toBe(false);

    allowRelay(s, 'office', 'session-a', 1, at);
    expect(listRelays(s, at)).toHaveLength(1);
    expect(endRelay(s, 'office', 'session-a', at + 60_000)).toBe(true);
    expect(mayRelay(s, 'office', 'session-a', at + 60_001)).toBe(false);
  });
});
