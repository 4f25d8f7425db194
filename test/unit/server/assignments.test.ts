/**
 * Session assignment (issue 3): the sessions a facilitator device should have. GET /api/sessions lists them, the
 * sync server opens only them (or a session being created), the admin CLI assigns and unassigns, and the SQLite
 * migration keeps an older database file's rows. Real server on 127.0.0.1, real SQLite files.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assign, listAssignments, unassign } from '../../../src/server/assignments';
import { neighbourhoodKey } from '../../../src/domain/neighbourhood';
import { DB_FILE, STORE_VERSION, Store } from '../../../src/server/store';
import {
  acknowledged,
  assignSession,
  connect,
  enrolDevice,
  seedSession,
  startTestServer,
  tempDir,
  type Client,
  adminOn as admin,
} from './support';
import { createSession } from '../../../src/doc/sessionCommands';
import { validSettings } from '../helpers/session';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('session assignment', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(): Promise<{ server: Server; dataDir: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    return { server, dataDir: t.dir };
  }
  function client(server: Server, sessionId: string, token: string): Client {
    const c = connect(server.url, sessionId, token);
    cleanup.push(c.destroy);
    return c;
  }
  /** Creates a session on the server through a device (which has then written to it). */
  async function create(
    server: Server,
    token: string,
    neighbourhood: string,
    title: string,
  ): Promise<string> {
    const sessionId = randomUUID();
    const c = client(server, sessionId, token);
    await acknowledged(c);
    createSession(c.doc, sessionId, validSettings({ title, neighbourhood }), {
      deviceId: 'office-laptop',
      now: () => 1,
      newId: () => randomUUID(),
    });
    await acknowledged(c);
    c.destroy();
    return sessionId;
  }
  async function listed(server: Server, token: string): Promise<string[]> {
    const res = await fetch(`${server.base}/api/sessions`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sessions: { id: string }[] };
    return body.sessions.map((s) => s.id).sort();
  }

  it('Given sessions in two neighbourhoods, Then an officer lists all, and a facilitator only those assigned to it (by id or neighbourhood) and those it wrote to', async () => {
    const { server, dataDir } = await setup();
    const office = await enrolDevice(dataDir, server.base, 'facilitator', 'Office laptop');
    const ashfield1 = await create(server, office.token, 'Ashfield North', 'Ashfield spring');
    const ashfield2 = await create(server, office.token, 'Ashfield North', 'Ashfield autumn');
    const brook = await create(server, office.token, 'Brook Vale', 'Brook Vale summer');
    const tablet = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 3');
    const officer = await enrolDevice(dataDir, server.base, 'officer', 'Council office');

    expect(await listed(server, officer.token)).toEqual([ashfield1, ashfield2, brook].sort());
    expect(await listed(server, office.token)).toEqual([ashfield1, ashfield2, brook].sort());
    expect(await listed(server, tablet.token)).toEqual([]);

    // By neighbourhood, ignoring case and extra spaces.
    assign(server.store!, tablet.deviceId, { kind: 'neighbourhood', value: '  ashfield   NORTH ' });
    expect(await listed(server, tablet.token)).toEqual([ashfield1, ashfield2].sort());
    // By id.
    assign(server.store!, tablet.deviceId, { kind: 'session', value: brook });
    expect(await listed(server, tablet.token)).toEqual([ashfield1, ashfield2, brook].sort());
    unassign(server.store!, tablet.deviceId, { kind: 'neighbourhood', value: 'Ashfield North' });
    expect(await listed(server, tablet.token)).toEqual([brook]);

    // A session it writes to stays listed once unassigned.
    const c = client(server, brook, tablet.token);
    await acknowledged(c);
    c.doc.getMap('proposals').set('p1', {
      id: 'p1',
      title: 'Benches',
      description: '',
      themeId: 'theme-young',
      costPence: 1,
      where: '',
      participantId: null,
      deviceId: 'tablet-3',
      at: 2,
    });
    await acknowledged(c);
    unassign(server.store!, tablet.deviceId, { kind: 'session', value: brook });
    expect(await listed(server, tablet.token)).toEqual([brook]);
  });

  it('Given a facilitator device, Then it opens only sessions it should have, or one it is creating', async () => {
    const { server, dataDir } = await setup();
    const office = await enrolDevice(dataDir, server.base, 'facilitator', 'Office laptop');
    const ashfield = await create(server, office.token, 'Ashfield North', 'Ashfield spring');
    const brook = await create(server, office.token, 'Brook Vale', 'Brook Vale summer');
    const tablet = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 3');

    const refused = client(server, ashfield, tablet.token);
    expect(await refused.denied).toMatch(/^not-assigned: this session is not assigned to this device/);
    expect(refused.doc.getMap('proposals').size + refused.doc.getMap('settings').size).toBe(0);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'auth-refused', device: tablet.deviceId, reason: 'not-assigned' }),
    );

    // A session nobody has created yet: this device is creating it.
    const fresh = randomUUID();
    const creating = client(server, fresh, tablet.token);
    await acknowledged(creating);
    seedSession(creating.doc, fresh);
    await acknowledged(creating);
    expect(server.store!.updatesFor(fresh).length).toBeGreaterThan(0);

    assign(server.store!, tablet.deviceId, { kind: 'neighbourhood', value: 'Brook Vale' });
    const byNeighbourhood = client(server, brook, tablet.token);
    await acknowledged(byNeighbourhood);
    expect(byNeighbourhood.doc.getMap('settings').size).toBe(1);
    assignSession(server.store!, ashfield, tablet.deviceId);
    const byId = client(server, ashfield, tablet.token);
    await acknowledged(byId);
    expect(byId.doc.getMap('settings').size).toBe(1);

    // An officer opens any session.
    const officer = await enrolDevice(dataDir, server.base, 'officer', 'Council office');
    const reader = client(server, ashfield, officer.token);
    await acknowledged(reader);
    expect(reader.doc.getMap('settings').size).toBe(1);
  });

  it('Given the admin CLI, Then assign, unassign and assignments work and every mistake is a sentence with exit code 2', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const dir = t.dir;
    const store = Store.open(dir);
    store.db
      .prepare('INSERT INTO devices (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run('tablet-3', 'Tablet 3', 'facilitator', 'hash-1', 1);
    store.db
      .prepare('INSERT INTO devices (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run('office', 'Office', 'officer', 'hash-2', 1);
    store.db
      .prepare(
        'INSERT INTO devices (id, name, role, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('lost', 'Lost tablet', 'facilitator', 'hash-3', 1, 2);
    store.close();
    const sessionId = randomUUID();

    expect(await admin(dir, 'assign', 'tablet-3', sessionId)).toMatchObject({ code: 0 });
    expect((await admin(dir, 'assign', 'tablet-3', '--neighbourhood', 'Ashfield North')).out).toMatch(
      /now has the sessions of Ashfield North/,
    );
    expect((await admin(dir, 'assign', 'tablet-3', sessionId)).out).toMatch(/already had session/);
    const listedJson = JSON.parse((await admin(dir, 'assignments', '--json')).out) as unknown[];
    expect(listedJson).toEqual([
      expect.objectContaining({ deviceId: 'tablet-3', kind: 'session', value: sessionId }),
      expect.objectContaining({ deviceId: 'tablet-3', kind: 'neighbourhood', value: 'Ashfield North' }),
    ]);
    expect((await admin(dir, 'assignments', 'tablet-3')).out).toMatch(/neighbourhood\s+Ashfield North/);
    expect(await admin(dir, 'unassign', 'tablet-3', '--neighbourhood', 'ashfield north')).toMatchObject({
      code: 0,
    });

    const mistakes: [string[], RegExp][] = [
      [['assign'], /Say which device/],
      [['assign', 'nobody', sessionId], /There is no device nobody/],
      [['assign', 'tablet-3'], /Say which session/],
      [['assign', 'tablet-3', 'not-a-uuid'], /"not-a-uuid" is not a session id/],
      [['assign', 'tablet-3', sessionId, '--neighbourhood', 'X'], /a session or a neighbourhood, not both/],
      [['assign', 'tablet-3', '--neighbourhood', '  '], /neighbourhood name is empty/],
      [['assign', 'office', sessionId], /officer device: it sees every session already/],
      [['assign', 'lost', sessionId], /was revoked/],
      [['unassign', 'tablet-3', '--neighbourhood', 'Brook Vale'], /does not have the sessions of Brook Vale/],
    ];
    for (const [argv, message] of mistakes) {
      const r = await admin(dir, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    const after = Store.open(dir);
    expect(listAssignments(after)).toEqual([
      expect.objectContaining({ deviceId: 'tablet-3', kind: 'session', value: sessionId }),
    ]);
    after.close();
  });

  it('Given a database file from before assignments, When it is opened, Then its rows are kept and assignments work', () => {
    const t = tempDir();
    cleanup.push(t.remove);
    // The schema as the previous version wrote it (no assignments table, user_version 0).
    const old = new Database(join(t.dir, DB_FILE));
    old.exec(`
      CREATE TABLE updates (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, device_id TEXT NOT NULL,
        received_at INTEGER NOT NULL, bytes INTEGER NOT NULL, "update" BLOB NOT NULL);
      CREATE TABLE devices (id TEXT PRIMARY KEY, name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('facilitator', 'officer')), token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL, revoked_at INTEGER);
      INSERT INTO devices VALUES ('tablet-1', 'Tablet 1', 'facilitator', 'h', 1, NULL);
      INSERT INTO updates (session_id, device_id, received_at, bytes, "update") VALUES ('s', 'tablet-1', 1, 2, x'0000');
    `);
    expect(old.pragma('user_version', { simple: true })).toBe(0);
    old.close();

    const store = Store.open(t.dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(STORE_VERSION);
    expect(store.updatesFor('s')).toHaveLength(1);
    expect(store.db.prepare('SELECT name FROM devices').all()).toEqual([{ name: 'Tablet 1' }]);
    expect(assign(store, 'tablet-1', { kind: 'neighbourhood', value: 'Ashfield North' })).toBe(true);
    store.close();
    // Opening again (the server and the admin CLI both do) changes nothing.
    const again = Store.open(t.dir);
    expect(listAssignments(again)).toHaveLength(1);
    expect(again.updatesFor('s')).toHaveLength(1);
    again.close();
  });

  it('Given neighbourhood names, Then they match ignoring case and spacing only', () => {
    expect(neighbourhoodKey('  Ashfield   NORTH ')).toBe(neighbourhoodKey('Ashfield North'));
    expect(neighbourhoodKey('Ashfield North')).not.toBe(neighbourhoodKey('Ashfield South'));
  });
});
