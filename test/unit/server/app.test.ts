import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/app';
import { ConfigError, readConfig, readPort } from '../../../src/server/config';

describe('server configuration', () => {
  it('Given no PORT, Then 8080; Given PORT=3000, Then 3000', () => {
    expect(readConfig({}, '/dist').port).toBe(8080);
    expect(readConfig({ PORT: '3000' }, '/dist').port).toBe(3000);
  });

  it.each(['abc', '-1', '80.5', '70000'])('Given PORT=%s, Then a clear error naming the value', (raw) => {
    expect(() => readPort(raw, 8080)).toThrow(ConfigError);
    expect(() => readPort(raw, 8080)).toThrow(/PORT must be a whole number/);
  });
});

describe('serving the built app', () => {
  let server: RunningServer;
  let base: string;
  let secret: string;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'codesign-dist-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.x = 1;');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    secret = join(root, 'secret.txt');
    writeFileSync(secret, 'do not serve');
    server = await startServer({ port: 0, host: '127.0.0.1', distDir: dist });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('Given a hashed asset, Then it is served with its type and cached for a year', async () => {
    const res = await fetch(`${base}/assets/app-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('Given the service worker, Then the HTTP cache never keeps it', async () => {
    const res = await fetch(`${base}/sw.js`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('Given an app address such as /session/x, Then the app shell answers', async () => {
    const res = await fetch(`${base}/session/abc`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>shell</title>');
  });

  it('Given a missing asset, Then 404 rather than the shell', async () => {
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('Given a path that climbs out of dist, Then the file outside is never served', async () => {
    const res = await fetch(`${base}/..%2fsecret.txt`);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('Given a POST, Then 405', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('Given the health endpoint, Then ok as JSON', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('Given any answer, Then the security headers are there', async () => {
    const res = await fetch(`${base}/`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('Given requests whose path starts "//" (an address ending in a slash, plus "/#/officer"), a plain one and a WebSocket upgrade, Then each is answered and the server keeps running (one such request used to stop it)', async () => {
    const raw = (path: string, headers: Record<string, string> = {}): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('upgrade', (res, socket) => {
          socket.destroy();
          resolve(res.statusCode ?? 101);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await raw('//')).toBe(200);
    expect(await raw('//x/y?z')).toBe(200);
    expect(await raw('//sync', { Connection: 'Upgrade', Upgrade: 'websocket' })).toBe(404);
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
  });
});
