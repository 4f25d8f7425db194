/**
 * Helpers for the server tests: temp data dirs, the server in-process or as a child process, enrolled devices,
 * and real Hocuspocus provider clients (Node 20 has no global WebSocket: the provider gets ws).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createSession } from '../../../src/doc/sessionCommands';
import { runAdmin } from '../../../src/server/adminCli';
import { startServer, type RunningServer } from '../../../src/server/app';
import { assign } from '../../../src/server/assignments';
import { createEnrolCode } from '../../../src/server/devices';
import type { Limits } from '../../../src/server/limits';
import type { Logger } from '../../../src/server/log';
import { Store, type Role } from '../../../src/server/store';
import { validSettings } from '../helpers/session';

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..', '..');

export function tempDir(prefix = 'codesign-server-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh Store on a temp data directory per call, for a file's tests; each closed and its directory removed
 * after the test that opened it.
 */
export function tempStores(prefix = 'codesign-store-'): () => Store {
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const f of undo.splice(0).reverse()) f();
  });
  return () => {
    const t = tempDir(prefix);
    const store = Store.open(t.dir);
    undo.push(t.remove, () => store.close());
    return store;
  };
}

export interface LogLine {
  event: string;
  [field: string]: unknown;
}

/** In-process server on port 0 with a real SQLite file; its log lines are kept for assertions. */
export async function startTestServer(
  dataDir: string,
  limits: Partial<Limits> = {},
): Promise<RunningServer & { logs: LogLine[]; url: string; base: string }> {
  const logs: LogLine[] = [];
  const log: Logger = (event, fields = {}) => logs.push({ event, ...fields });
  const running = await startServer({
    port: 0,
    host: '127.0.0.1',
    distDir: join(dataDir, 'no-dist'),
    dataDir,
    limits,
    log,
  });
  return {
    ...running,
    logs,
    url: `ws://127.0.0.1:${running.port}/sync`,
    base: `http://127.0.0.1:${running.port}`,
  };
}

export interface ChildServer {
  child: ChildProcess;
  port: number;
  url: string;
  base: string;
  output: string[];
  exited: Promise<number | null>;
}

/** `npm run server` as a child process (node --import tsx, one process, so kill -9 hits the server itself). */
export async function spawnServer(dataDir: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/serve.ts'], {
    cwd: PROJECT_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output.join('')}`)), 20_000);
    lines.on('line', (line) => {
      output.push(line);
      try {
        const parsed = JSON.parse(line) as { event?: string; port?: number };
        if (parsed.event === 'listening' && typeof parsed.port === 'number') {
          clearTimeout(timer);
          resolvePort(parsed.port);
        }
      } catch {
        // not JSON: keep it in output
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}): ${output.join('\n')}`)));
  });
  return {
    child,
    port,
    url: `ws://127.0.0.1:${port}/sync`,
    base: `http://127.0.0.1:${port}`,
    output,
    exited,
  };
}

/** Enrols a device the way a tablet does: a code from the store, then POST /api/enrol. */
export async function enrolDevice(
  dataDir: string,
  base: string,
  role: Role,
  name = 'Tablet',
): Promise<{ token: string; deviceId: string; role: Role }> {
  const store = Store.open(dataDir);
  const { code } = createEnrolCode(store, role, name);
  store.close();
  const res = await fetch(`${base}/api/enrol`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, deviceName: name }),
  });
  if (res.status !== 200) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; deviceId: string; role: Role };
}

/**
 * Assigns a session to facilitator devices (as `npm run admin -- assign <device> <sessionId>` does): a facilitator
 * device opens only sessions assigned to it, ones it wrote to, or one it is creating.
 */
export function assignSession(store: Store, sessionId: string, ...deviceIds: string[]): void {
  for (const deviceId of deviceIds) assign(store, deviceId, { kind: 'session', value: sessionId });
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  denied: Promise<string>;
  destroy: () => void;
}

export function connect(url: string, sessionId: string, token: string, doc = new Y.Doc()): Client {
  let onDenied: (reason: string) => void = () => undefined;
  const denied = new Promise<string>((r) => (onDenied = r));
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: sessionId,
    token,
    document: doc,
    onAuthenticationFailed: ({ reason }) => onDenied(reason),
  });
  // A provider given its own websocket connects only once attached.
  provider.attach();
  return {
    doc,
    provider,
    denied,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

export function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolveWait, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (check()) resolveWait();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/**
 * Resolves with the reason when `client`'s connection to its session next closes: `'document'`, the server closing
 * the session on it (as after refusing a message: Hocuspocus prints the refusal, then sends the close) or the socket
 * closing; `'socket'`, the WebSocket itself closing. Call it before sending what the server should answer so. An
 * answer sent before the close (an acknowledgement) arrives before it: once it resolves, none is still on its way.
 */
export function nextClose(
  client: Pick<Client, 'provider'>,
  what: 'document' | 'socket' = 'document',
): Promise<string> {
  const emitter = what === 'socket' ? client.provider.configuration.websocketProvider : client.provider;
  return new Promise((resolveClose) => {
    const onClose = ({ event }: { event: { reason?: string } }): void => {
      emitter.off('close', onClose);
      resolveClose(event.reason ?? '');
    };
    emitter.on('close', onClose);
  });
}

/** Synced with the server, and every local change acknowledged by it. */
export async function acknowledged(client: Client): Promise<void> {
  await waitFor(() => client.provider.isSynced, 'synced');
  await waitFor(() => client.provider.unsyncedChanges === 0, 'every change acknowledged');
}

/** A well-formed proposal record (the server refuses malformed ones). */
export function proposal(id: string, title: string): Record<string, string | number | null> {
  return {
    id,
    title,
    description: `About ${title}`,
    themeId: 'theme-young',
    costPence: 100_000,
    where: '',
    participantId: null,
    deviceId: 'test',
    at: 1,
  };
}

/**
 * Creates the session in `doc` (meta.sessionId = the document name, and settings), as the first write of a new
 * session must: the server refuses content for a document that has no session.
 */
export function seedSession(doc: Y.Doc, sessionId: string, title = 'Ashfield spring'): Y.Doc {
  createSession(doc, sessionId, validSettings({ title }), {
    deviceId: 'test',
    now: () => 1,
    newId: () => randomUUID(),
  });
  return doc;
}

/** A number as lib0's variable-length unsigned integer (7 bits a byte), as Yjs and Hocuspocus frame messages. */
export function varUintBytes(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/**
 * Sends a Yjs update on a client's connection as a raw Sync/update message (document name, 0 Sync, 2 update,
 * the update), the way a provider sends a local change, without the provider counting it as unacknowledged.
 */
export function sendRawUpdate(client: Client, sessionId: string, update: Uint8Array): void {
  const name = new TextEncoder().encode(sessionId);
  const message = new Uint8Array([
    ...varUintBytes(name.length),
    ...name,
    0,
    2,
    ...varUintBytes(update.byteLength),
  ]);
  const out = new Uint8Array(message.length + update.byteLength);
  out.set(message);
  out.set(update, message.length);
  client.provider.configuration.websocketProvider.send(out);
}

/** Rebuilds a session from what the server's SQLite file holds (every stored update, in order). */
export function storedDoc(store: Store, sessionId: string): Y.Doc {
  const doc = new Y.Doc();
  for (const row of store.updatesFor(sessionId)) Y.applyUpdate(doc, row.update);
  return doc;
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A server for a test, on a temp data directory, and the clients made on it: all undone by its serverSessions(). */
export interface ServerSession {
  readonly server: TestServer;
  readonly dataDir: string;
  /** Enrols a device on this server, as a tablet does. */
  readonly enrol: (role: Role, name?: string) => Promise<{ token: string; deviceId: string; role: Role }>;
  /** A real provider client on this server, destroyed after the test. */
  readonly client: (sessionId: string, token: string, doc?: Y.Doc) => Client;
  /**
   * A new session (`sessionId`, or a new id) created on this server by `token`'s device, as a tablet's first sync
   * does: connected, the session written (and whatever `write` adds), every change acknowledged.
   */
  readonly seeded: (
    token: string,
    options?: { sessionId?: string; write?: (doc: Y.Doc) => void },
  ) => Promise<{ sessionId: string; writer: Client }>;
}

/**
 * Starts servers for the tests of a file or describe block and undoes what each made (clients, the server, its
 * temp data directory), last first: after each test (`each`) or once after all of them (`all`, for a server the
 * tests share). `later` adds something else to undo then.
 */
export function serverSessions(when: 'each' | 'all' = 'each'): {
  start(options?: { dataDir?: string; limits?: Partial<Limits> }): Promise<ServerSession>;
  later(undo: () => void | Promise<void>): void;
} {
  const undo: (() => void | Promise<void>)[] = [];
  const undoAll = async (): Promise<void> => {
    for (const f of undo.splice(0).reverse()) await f();
  };
  if (when === 'each') afterEach(undoAll);
  else afterAll(undoAll);
  const later = (f: () => void | Promise<void>): void => void undo.push(f);
  return {
    later,
    async start({ dataDir, limits } = {}) {
      let dir = dataDir;
      if (dir === undefined) {
        const t = tempDir();
        later(t.remove);
        dir = t.dir;
      }
      const server = await startTestServer(dir, limits);
      later(() => server.close());
      const client = (sessionId: string, token: string, doc?: Y.Doc): Client => {
        const c = connect(server.url, sessionId, token, doc);
        later(c.destroy);
        return c;
      };
      return {
        server,
        dataDir: dir,
        enrol: (role, name) => enrolDevice(dir, server.base, role, name),
        client,
        async seeded(token, { sessionId = randomUUID(), write } = {}) {
          const writer = client(sessionId, token);
          await acknowledged(writer);
          seedSession(writer.doc, sessionId);
          write?.(writer.doc);
          await acknowledged(writer);
          return { sessionId, writer };
        },
      };
    },
  };
}

/** `npm run admin -- <argv>` in-process on DATA_DIR `dataDir`: exit code and what it printed, a line each. */
export async function adminOn(
  dataDir: string,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAdmin(
    argv,
    { DATA_DIR: dataDir },
    {
      out: (t) => (out += t + '\n'),
      err: (t) => (err += t + '\n'),
    },
  );
  return { code, out, err };
}
