/**
 * Issue 12 §7: limits on failed sign-ins and enrolments that stop guessing without locking out the valid devices
 * behind the same address. Real server on 127.0.0.1; addresses simulated with TRUST_PROXY and X-Forwarded-For;
 * windows moved with a fake Date (timers stay real), never by waiting.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEnrolCode } from '../../../src/server/devices';
import { DEFAULT_LIMITS, FailureLimiter } from '../../../src/server/limits';
import { acknowledged, connect, enrolDevice, seedSession, startTestServer, tempDir } from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('limits that do not lock out the innocent', { timeout: 30_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
    vi.useRealTimers();
  });
  async function setup(limits = {}): Promise<{ server: Server; dataDir: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, limits);
    cleanup.push(() => server.close());
    return { server, dataDir: t.dir };
  }
  const list = (server: Server, token: string, from?: string): Promise<Response> =>
    fetch(`${server.base}/api/sessions`, {
      headers: { Authorization: `Bearer ${token}`, ...(from ? { 'X-Forwarded-For': from } : {}) },
    });
  const enrol = (server: Server, code: string, from: string): Promise<Response> =>
    fetch(`${server.base}/api/enrol`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
      body: JSON.stringify({ code, deviceName: 'Tablet' }),
    });

  it('Given 6 wrong tokens from one address, Then a valid device at that address still syncs and lists sessions, while the next wrong token is told to wait', async () => {
    const { server, dataDir } = await setup();
    const device = await enrolDevice(dataDir, server.base, 'facilitator');
    for (let i = 0; i < DEFAULT_LIMITS.maxAuthFailures + 1; i++) {
      expect([401, 429]).toContain((await list(server, `wrong-${i}-${randomUUID()}`)).status);
      const bad = connect(server.url, randomUUID(), `wrong-sync-${i}`);
      await bad.denied;
      bad.destroy();
    }
    const wrong = await list(server, 'yet-another-wrong-token');
    expect(wrong.status).toBe(429);
    expect(Number(wrong.headers.get('retry-after'))).toBeGreaterThan(0);

    const listed = await list(server, device.token);
    expect(listed.status).toBe(200);
    const sessionId = randomUUID();
    const tablet = connect(server.url, sessionId, device.token);
    cleanup.push(tablet.destroy);
    seedSession(tablet.doc, sessionId);
    await acknowledged(tablet);
    expect(server.store!.updatesFor(sessionId).length).toBeGreaterThan(0);
    expect(server.logs).toContainEqual(expect.objectContaining({ event: 'auth-throttled', by: 'address' }));
    expect(JSON.stringify(server.logs)).not.toContain(device.token);
  });

  it('Given a misconfigured tablet retrying its one stale token, Then it counts once and the address is never throttled', async () => {
    const { server } = await setup();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await list(server, 'stale-token-of-tablet-4')).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect((await list(server, 'a-different-wrong-token')).status).toBe(401);
  });

  it('Given wrong tokens spread over 20 addresses, Then the global budget answers the rest "wait", valid tokens still list, and the budget resets after its window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T09:00:00Z'));
    const { server, dataDir } = await setup({ trustProxy: true, maxGlobalAuthFailures: 10 });
    const device = await enrolDevice(dataDir, server.base, 'facilitator');
    const statuses: number[] = [];
    for (let a = 0; a < 20; a++) {
      for (let i = 0; i < 3; i++)
        statuses.push((await list(server, `guess-${a}-${i}`, `203.0.113.${a}`)).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50);
    expect(server.logs).toContainEqual(expect.objectContaining({ event: 'auth-throttled', by: 'global' }));
    expect((await list(server, device.token, '203.0.113.7')).status).toBe(200);

    vi.setSystemTime(Date.now() + DEFAULT_LIMITS.globalAuthFailureWindowMs);
    expect((await list(server, 'guess-after-the-window', '198.51.100.1')).status).toBe(401);
  });

  it('Given 200 wrong enrolment codes over 20 addresses, Then only the global budget of them is checked; a valid code waits for the window and then works', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T09:00:00Z'));
    const { server } = await setup({ trustProxy: true, maxGlobalEnrolFailures: 20 });
    const statuses: number[] = [];
    for (let a = 0; a < 20; a++) {
      for (let i = 0; i < 10; i++) {
        statuses.push((await enrol(server, `WR${a}X${i}`.padEnd(10, 'Z'), `192.0.2.${a}`)).status);
      }
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(180);
    expect(server.logs.filter((l) => l.event === 'enrol-refused')).toHaveLength(20);
    expect(server.logs).toContainEqual(expect.objectContaining({ event: 'enrol-throttled', by: 'global' }));

    const { code } = createEnrolCode(server.store!, 'facilitator', 'Tablet 9', 60);
    const paused = await enrol(server, code, '198.51.100.9');
    expect(paused.status).toBe(429);
    expect(((await paused.json()) as { error: string }).error).toMatch(/paused/);
    vi.setSystemTime(Date.now() + DEFAULT_LIMITS.globalEnrolWindowMs);
    expect((await enrol(server, code, '198.51.100.9')).status).toBe(200);
  });

  it('Given a failure limiter, Then distinct failures count per address and over all, the same one once, and each window ends', () => {
    let now = 0;
    const limiter = new FailureLimiter(2, 1000, 3, 5000, () => now);
    expect(limiter.fail('a', 'x')).toBeNull();
    expect(limiter.fail('a', 'x')).toBeNull();
    expect(limiter.throttled('a')).toBeNull();
    expect(limiter.fail('a', 'y')).toEqual({ by: 'address', retryAfterSeconds: 1 });
    expect(limiter.throttled('b')).toBeNull();
    expect(limiter.fail('b', 'z')).toEqual({ by: 'global', retryAfterSeconds: 5 });
    expect(limiter.throttled('c')).toEqual({ by: 'global', retryAfterSeconds: 5 });
    now = 1000;
    expect(limiter.throttled('a')).toEqual({ by: 'global', retryAfterSeconds: 4 });
    now = 5000;
    expect(limiter.throttled('a')).toBeNull();
    expect(limiter.throttled('c')).toBeNull();
  });

  it('Given failures from 30,000 addresses within one window, Then the limiter stays bounded and the global budget still holds', () => {
    const limiter = new FailureLimiter(5, 60_000, 100, 600_000, () => 0);
    for (let i = 0; i < 30_000; i++) limiter.fail(`address-${i}`, `guess-${i}`);
    expect((limiter as unknown as { addresses: Map<string, unknown> }).addresses.size).toBeLessThanOrEqual(
      10_000,
    );
    expect(limiter.throttled('192.0.2.1')).toEqual({ by: 'global', retryAfterSeconds: 600 });
  });
});
