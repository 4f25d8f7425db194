import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../../src/server/app';
import { jsonLogger, routeLibraryErrors } from '../../../src/server/log';
import {
  acknowledged,
  connect,
  enrolDevice,
  nextClose,
  proposal,
  seedSession,
  tempDir,
  waitFor,
} from './support';

describe('a refused update is one log line', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
    vi.restoreAllMocks();
  });

  it('Given a device whose update is refused, Then the server writes one JSON line for it, no stack trace, no token and no content, and nothing on stderr', async () => {
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const t = tempDir();
    cleanup.push(t.remove);
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      distDir: join(t.dir, 'no-dist'),
      dataDir: t.dir,
      log: jsonLogger((line) => lines.push(line)),
    });
    cleanup.push(() => server.close());
    const base = `http://127.0.0.1:${server.port}`;
    const url = `ws://127.0.0.1:${server.port}/sync`;
    const facilitator = await enrolDevice(t.dir, base, 'facilitator');
    const sessionId = randomUUID();
    const writer = connect(url, sessionId, facilitator.token);
    cleanup.push(writer.destroy);
    seedSession(writer.doc, sessionId);
    await acknowledged(writer);

    // An officer may not add ideas: its update is refused.
    const officer = await enrolDevice(t.dir, base, 'officer', 'Office');
    const intruder = connect(url, sessionId, officer.token);
    cleanup.push(intruder.destroy);
    await waitFor(() => intruder.provider.isSynced, 'officer synced');
    const secret = 'Resident wrote this ' + randomUUID();
    const refused = nextClose(intruder);
    intruder.doc.getMap('proposals').set('p9', proposal('p9', secret));
    // Hocuspocus prints what our hook threw, then closes the officer's session: once the close has arrived,
    // everything it printed for this refusal has been printed.
    expect(await refused).toMatch(/^invalid-update/);

    const refusals = lines.filter((l) => l.includes('"update-refused"'));
    expect(refusals).toHaveLength(1);
    const line = refusals[0] ?? '';
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ event: 'update-refused', reason: 'invalid-update' });
    expect(line).not.toMatch(/\bat .*\.(ts|js):\d+/);
    const everything = lines.join('\n');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(officer.token);
    expect(everything).not.toContain(facilitator.token);
    expect(stderr).not.toHaveBeenCalled();
  });

  it('Given a library error that is not a refusal, Then it becomes one library-error line, and console.error is restored afterwards', () => {
    const before = console.error;
    const lines: string[] = [];
    const stop = routeLibraryErrors(jsonLogger((line) => lines.push(line)));
    console.error('Caught error while handling a Yjs update', new TypeError('boom'));
    stop();
    expect(console.error).toBe(before);
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(parsed).toMatchObject({
      event: 'library-error',
      message: 'Caught error while handling a Yjs update TypeError: boom',
    });
    expect(String(parsed.where)).not.toContain('\n');
  });

  it('Given Hocuspocus reporting a refusal by its hook name and reason, Then nothing is written', () => {
    const lines: string[] = [];
    const stop = routeLibraryErrors((event) => lines.push(event));
    console.error('[beforeHandleMessage]', 'invalid-update: proposals.p9 notAllowed; nothing was stored');
    console.error('closing connection x (while handling y) because of exception', {
      code: 4422,
      reason: 'invalid-update: …',
    });
    stop();
    expect(lines).toEqual([]);
  });
});
