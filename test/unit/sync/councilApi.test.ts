/** The app's HTTP calls to the council server, against the real server in-process: enrolment and the session list. */
import { afterEach, describe, expect, it } from 'vitest';
import { createEnrolCode, revokeDevice } from '../../../src/server/devices';
import { enrolDevice, fetchCouncilSessions } from '../../../src/sync/councilApi';
import { startTestServer, tempDir } from '../server/support';

describe('council API client', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup() {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    return server;
  }

  it('Given a good code, Then the device gets what it keeps; used, expired and unknown codes are told apart', async () => {
    const server = await setup();
    const { code } = createEnrolCode(server.store!, 'facilitator', 'Tablet 3');
    const typed = code.toLowerCase().replace(/(.{5})/, '$1 ');
    const enrolment = await enrolDevice(server.base, typed, 'Tablet 3', 42);
    expect(enrolment).toMatchObject({
      key: 'self',
      role: 'facilitator',
      enrolledAt: 42,
      serverName: server.base,
    });
    expect(enrolment.token.length).toBeGreaterThan(30);
    await expect(enrolDevice(server.base, code, 'Tablet 3')).rejects.toMatchObject({ code: 'usedCode' });
    const expired = createEnrolCode(server.store!, 'facilitator', 'Old', 1, Date.now() - 120_000);
    await expect(enrolDevice(server.base, expired.code, 'Old')).rejects.toMatchObject({
      code: 'expiredCode',
    });
    await expect(enrolDevice(server.base, 'ABCDEFGHJK', 'X')).rejects.toMatchObject({ code: 'unknownCode' });
    await expect(enrolDevice(server.base, '', 'X')).rejects.toMatchObject({ code: 'badRequest' });

    expect(await fetchCouncilSessions(server.base, enrolment.token)).toEqual([]);
    revokeDevice(server.store!, enrolment.deviceId);
    await expect(fetchCouncilSessions(server.base, enrolment.token)).rejects.toMatchObject({
      code: 'refused',
    });
  });

  it('Given no server at the address, Then the problem is network', async () => {
    const server = await setup();
    const base = server.base;
    await server.close();
    await expect(enrolDevice(base, 'ABCDEFGHJK', 'X')).rejects.toMatchObject({ code: 'network' });
    await expect(fetchCouncilSessions(base, 'token')).rejects.toMatchObject({ code: 'network' });
  });
});
