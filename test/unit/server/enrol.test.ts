import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readConfig } from '../../../src/server/config';
import { createEnrolCode, sha256 } from '../../../src/server/devices';
import { startTestServer, tempDir } from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('POST /api/enrol', { timeout: 20_000 }, () => {
  let server: Server;
  let remove: () => void;
  let dataDir: string;

  beforeEach(async () => {
    const t = tempDir();
    remove = t.remove;
    dataDir = t.dir;
    server = await startTestServer(dataDir, { maxEnrolRequests: 8 });
  });
  afterEach(async () => {
    await server.close();
    remove();
  });

  const post = (body: string, type = 'application/json'): Promise<Response> =>
    fetch(`${server.base}/api/enrol`, { method: 'POST', headers: { 'Content-Type': type }, body });

  it('Given a fresh code, Then a 32-byte base64url token, the role and a device id; the code works once; only hashes are stored', async () => {
    const { code } = createEnrolCode(server.store!, 'facilitator', 'Tablet 3');
    const res = await post(
      JSON.stringify({ code: code.toLowerCase().replace(/(.{5})/, '$1-'), deviceName: 'Tablet 3' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; role: string; deviceId: string };
    expect(body.role).toBe('facilitator');
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await post(JSON.stringify({ code, deviceName: 'Tablet 4' }));
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toMatch(/already been used/);

    const db = new Database(join(dataDir, 'codesign.sqlite'), { readonly: true });
    const device = db.prepare('SELECT * FROM devices').get() as Record<string, unknown>;
    const codes = db.prepare('SELECT * FROM enrol_codes').all() as Record<string, unknown>[];
    db.close();
    expect(device).toMatchObject({
      id: body.deviceId,
      name: 'Tablet 3',
      role: 'facilitator',
      token_hash: sha256(body.token),
    });
    expect(JSON.stringify(codes)).not.toContain(code);
    expect(JSON.stringify(device)).not.toContain(body.token);
    expect(JSON.stringify(server.logs)).not.toContain(body.token);
    expect(JSON.stringify(server.logs)).not.toContain(code);
  });

  it('Given an expired code, Then refused with a sentence', async () => {
    const { code } = createEnrolCode(server.store!, 'officer', 'Laptop', 1, Date.now() - 2 * 60_000);
    const res = await post(JSON.stringify({ code, deviceName: 'Laptop' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/expired/);
  });

  it.each([
    [
      'an unknown code',
      JSON.stringify({ code: 'ZZZZZZZZZZ', deviceName: 'x' }),
      'application/json',
      400,
      /not known/,
    ],
    ['no device name', JSON.stringify({ code: 'ZZZZZZZZZZ' }), 'application/json', 400, /deviceName/],
    ['not JSON', '{code:', 'application/json', 400, /not valid JSON/],
    ['JSON that is not an object', '42', 'application/json', 400, /"code"/],
    ['the wrong content type', 'code=x', 'application/x-www-form-urlencoded', 415, /JSON/],
    [
      'a huge body',
      JSON.stringify({ code: 'x'.repeat(100_000), deviceName: 'x' }),
      'application/json',
      413,
      /too large/,
    ],
  ])('Given %s, Then %i with a sentence', async (_what, body, type, status, message) => {
    const res = await post(body, type);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('Given a GET, Then 405', async () => {
    expect((await fetch(`${server.base}/api/enrol`)).status).toBe(405);
  });

  it('Given many attempts from one address, Then 429 with Retry-After, and the server keeps answering health', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await post(JSON.stringify({ code: `WRONG${i}`, deviceName: 'x' }))).status);
    expect(statuses.slice(0, 8).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    const limited = await post(JSON.stringify({ code: 'x', deviceName: 'x' }));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    expect(server.logs.some((l) => l.event === 'enrol-throttled' && l.by === 'address')).toBe(true);
  });
});

describe('behind a reverse proxy', () => {
  it('Given TRUST_PROXY, Then the enrolment limit counts each forwarded address apart; without it, X-Forwarded-For is ignored', async () => {
    const t = tempDir();
    const trusting = await startTestServer(t.dir, { maxEnrolRequests: 2, trustProxy: true });
    const t2 = tempDir();
    const plain = await startTestServer(t2.dir, { maxEnrolRequests: 2 });
    try {
      // A different wrong code each time: the same wrong code again counts once.
      const attempt = (base: string, from: string): Promise<number> =>
        fetch(`${base}/api/enrol`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.0.0.9, ${from}` },
          body: JSON.stringify({ code: `WRONG${from}`, deviceName: 'x' }),
        }).then((r) => r.status);
      const viaProxy = [];
      const direct = [];
      for (const from of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
        viaProxy.push(await attempt(trusting.base, from));
        direct.push(await attempt(plain.base, from));
      }
      expect(viaProxy).toEqual([400, 400, 400]);
      expect(direct).toEqual([400, 400, 429]);
    } finally {
      await trusting.close();
      await plain.close();
      t.remove();
      t2.remove();
    }
  });

  it('Given TRUST_PROXY values, Then 1/true/0/false are read and anything else is a clear error', () => {
    expect(readConfig({ TRUST_PROXY: '1' }, '/dist').limits.trustProxy).toBe(true);
    expect(readConfig({}, '/dist').limits.trustProxy).toBe(false);
    expect(() => readConfig({ TRUST_PROXY: 'yes please' }, '/dist')).toThrow(/TRUST_PROXY must be/);
    expect(readConfig({ DATA_DIR: 'somewhere' }, '/dist').dataDir).toMatch(/\/somewhere$/);
  });
});
