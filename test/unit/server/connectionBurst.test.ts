/**
 * Issue 12 §10: a morning's burst of tablets connects at once while the server is busy. Connections the server has
 * not accepted yet wait in the kernel's listen backlog; with Node's default (511) the rest were dropped and retried
 * a second later (then 3 s, 7 s later), and a monitor's /api/health call among them waited as long.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, tempDir } from './support';

/** More than Node's default backlog (511), fewer than a burst of 1,000 needs. */
const CONNECTIONS = 700;

/** Opens `CONNECTIONS` TCP connections, writes how many completed once all did, or after 10 s, to a file (atomically). */
const CONNECTOR = `
const net = require('node:net');
const fs = require('node:fs');
const [port, out, n] = [Number(process.argv[1]), process.argv[2], Number(process.argv[3])];
let connected = 0;
const sockets = [];
// Written whole, then renamed: the test reads the file as soon as it exists, and a file still being written read
// as "" (0 connections) once in a CI run while all 700 had connected.
const report = () => { fs.writeFileSync(out + '.part', String(connected)); fs.renameSync(out + '.part', out); process.exit(0); };
setTimeout(report, 10000);
for (let i = 0; i < n; i++) {
  const s = net.connect({ port, host: '127.0.0.1' });
  s.on('error', () => {});
  s.on('connect', () => { connected += 1; if (connected === n) report(); });
  sockets.push(s);
}
`;

/** Blocks this thread (and so the in-process server's event loop) until `file` exists or `ms` pass. */
function blockUntil(file: string, ms: number): void {
  const deadline = Date.now() + ms;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(file) && Date.now() < deadline) Atomics.wait(cell, 0, 0, 20);
}

describe('connections arriving while the server is busy', () => {
  let dir: ReturnType<typeof tempDir>;
  let running: Awaited<ReturnType<typeof startTestServer>>;

  beforeEach(async () => {
    dir = tempDir('codesign-backlog-');
    running = await startTestServer(dir.dir);
  });
  afterEach(async () => {
    await running.close();
    dir.remove();
  });

  it(`Given the server's event loop blocked, When ${CONNECTIONS} devices connect at once, Then the kernel completes every connection for it to accept later`, () => {
    const out = join(dir.dir, 'connected.txt');
    const child = spawn(process.execPath, ['-e', CONNECTOR, String(running.port), out, String(CONNECTIONS)], {
      stdio: 'ignore',
    });
    // Nothing is accepted meanwhile: only the backlog holds the connections.
    blockUntil(out, 30_000);
    child.kill();
    expect(Number(readFileSync(out, 'utf8'))).toBe(CONNECTIONS);
  });
});
