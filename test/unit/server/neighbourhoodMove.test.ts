/**
 * Issue 12 §5: a facilitator's settings edit must not move a session the council holds to another neighbourhood
 * (whose facilitators would then open it and its residents' answers). Real server, real provider clients.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { readRecords } from '../../../src/doc/schema';
import { effectiveSettings } from '../../../src/domain/settings';
import { assign } from '../../../src/server/assignments';
import {
  acknowledged,
  connect,
  enrolDevice,
  seedSession,
  startTestServer,
  tempDir,
  waitFor,
  type Client,
} from './support';

describe('moving a session to another neighbourhood', { timeout: 30_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('Given a session the council holds, When its facilitator changes its neighbourhood, Then the edit is refused and logged, and the other neighbourhood still cannot open it', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const client = (sessionId: string, token: string): Client => {
      const c = connect(server.url, sessionId, token);
      cleanup.push(c.destroy);
      return c;
    };
    const ashfield = await enrolDevice(t.dir, server.base, 'facilitator', 'Ashfield tablet');
    const brookside = await enrolDevice(t.dir, server.base, 'facilitator', 'Brookside tablet');
    assign(server.store!, brookside.deviceId, { kind: 'neighbourhood', value: 'Brookside' });

    const sessionId = randomUUID();
    const writer = client(sessionId, ashfield.token);
    seedSession(writer.doc, sessionId);
    await acknowledged(writer);
    const stored = server.store!.updatesFor(sessionId).length;
    const reasons: string[] = [];
    writer.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));

    updateSettings(
      writer.doc,
      { neighbourhood: 'Brookside' },
      {
        deviceId: 'ashfield-tablet',
        now: () => 2,
        newId: () => randomUUID(),
      },
    );
    await waitFor(() => reasons.some((r) => /invalid-update/.test(r)), 'the refusal');
    expect(reasons.find((r) => /invalid-update/.test(r))).toMatch(
      /settings\.[^ ]+\.neighbourhood notAllowed/,
    );
    expect(server.store!.updatesFor(sessionId).length).toBe(stored);
    // What the council holds, rebuilt from its archive (the refusal may have unloaded the live document).
    const held = new Y.Doc();
    for (const row of server.store!.updatesFor(sessionId)) Y.applyUpdate(held, row.update);
    expect(effectiveSettings(readRecords(held).settingsEdits)?.neighbourhood).toBe('Ashfield North');
    const refusal = server.logs.find((l) => l.event === 'update-refused' && l.session === sessionId);
    expect(refusal).toMatchObject({ device: ashfield.deviceId, reason: 'invalid-update' });
    expect(String(refusal?.first)).toMatch(/^settings\.[^ ]+\.neighbourhood notAllowed$/);
    expect(JSON.stringify(server.logs)).not.toContain('Brookside');

    const outsider = client(sessionId, brookside.token);
    expect(await outsider.denied).toMatch(/not-assigned/);
  });
});
