/**
 * 200 devices syncing at once against one council sync server (issue 3, item 6).
 *
 * The server is the real one, `npm run server` (src/server/serve.ts) as a child process with a temporary
 * DATA_DIR on 127.0.0.1 and a free port, so its memory is its own: VmRSS and VmHWM from /proc/<pid>/status.
 * Devices are enrolled in its SQLite file with src/server/devices.ts (one device per connection: the server
 * allows a few connections per device). Each client is a real HocuspocusProvider (3.4.4) over `ws`, holding a
 * tablet's offline work written with the app's commands (a resident, an idea, two comments, a ballot). Its time
 * to synced runs from attaching the provider to the server having acknowledged the client's own state (synced,
 * and no unacknowledged changes: every record is in SQLite, synchronous=FULL).
 *
 * Baseline: one connection alone doing the same, in the same run (median of a few, one after the other).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  startParticipant,
  type CommandContext,
} from '../../src/doc/commands';
import { createSession } from '../../src/doc/sessionCommands';
import { readRecords } from '../../src/doc/schema';
import { assign } from '../../src/server/assignments';
import { createEnrolCode, redeemCode } from '../../src/server/devices';
import { Store } from '../../src/server/store';
import { median, percentile, round, type Row } from './stats';
import { workshopSettings } from './workshopDay';
import { rawSync } from './rawDevice';

const ROOT = resolve(import.meta.dirname, '../..');
const SYNC_TIMEOUT_MS = 60_000;

export interface SyncOptions {
  devices: number;
  sessions: number;
  singles: number;
}

export interface SyncDetails {
  options: SyncOptions;
  recordsPerDevice: number;
  singleMs: number[];
  burstMs: number[];
  burstWallMs: number;
  serverCpuMs: number;
  clientCpuMs: number;
  failures: string[];
  server: {
    pid: number;
    idleRssKB: number;
    peakRssKB: number;
    afterRssKB: number;
    hwmKB: number;
    rssSamples: number;
    logLines: number;
    updatesStored: number;
  };
  perSessionProposals: number[];
}

interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Log lines by event so far (with `logFile`, as read from the file when last asked: see countEvents). */
  events: Map<string, number>;
  /** Rereads the log file (with `logFile`); the same map either way. */
  countEvents: () => Map<string, number>;
  exited: Promise<number | null>;
}

/**
 * Starts `npm run server` on a free port. Its log goes through a pipe that this process reads, unless `logFile`
 * is given: stdout to a pipe is written synchronously on Linux, so while a thousand devices keep this process
 * busy the pipe fills and the server waits for the bench to read its log. A file never makes it wait.
 */
async function spawnServer(
  dataDir: string,
  options: { logFile?: string; script?: string[] } = {},
): Promise<ChildServer> {
  // BENCH_SERVER_PROF=<dir>: the server writes a V8 CPU profile there when it exits (node --cpu-prof).
  const prof = process.env.BENCH_SERVER_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`]
    : [];
  const logFd = options.logFile === undefined ? null : openSync(options.logFile, 'a');
  // BENCH_SERVER_CPUS=<list>: the server runs on those cores only (taskset), e.g. to keep it apart from the devices
  // when the bench itself runs under `taskset -c <others>`: how much of a burst's time is the devices' own CPU.
  const cpus = process.env.BENCH_SERVER_CPUS;
  const command = [
    process.execPath,
    ...prof,
    '--import',
    'tsx',
    ...(options.script ?? ['src/server/serve.ts']),
  ];
  const [file, ...args] = cpus ? ['taskset', '-c', cpus, ...command] : command;
  const child = spawn(file!, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', logFd ?? 'pipe', 'pipe'],
  });
  if (logFd !== null) closeSync(logFd);
  const stderr: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const events = new Map<string, number>();
  let port: number | null = null;
  const countLine = (line: string): void => {
    let parsed: { event?: unknown; port?: unknown } = {};
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      return;
    }
    const event = typeof parsed.event === 'string' ? parsed.event : '?';
    events.set(event, (events.get(event) ?? 0) + 1);
    if (event === 'listening' && typeof parsed.port === 'number') port = parsed.port;
  };
  const countEvents = (): Map<string, number> => {
    if (options.logFile === undefined) return events;
    events.clear();
    readFileSync(options.logFile, 'utf8').split('\n').forEach(countLine);
    return events;
  };
  // Keeps reading the server's log (one JSON line per event) for as long as it runs, counting events.
  if (child.stdout) createInterface({ input: child.stdout }).on('line', countLine);
  await new Promise<void>((resolveStarted, reject) => {
    const started = performance.now();
    const poll = setInterval(() => {
      countEvents();
      if (port !== null) {
        clearInterval(poll);
        resolveStarted();
      } else if (performance.now() - started > 30_000) {
        clearInterval(poll);
        child.kill('SIGKILL');
        reject(new Error(`server did not start: ${stderr.join('')}`));
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`server exited (${code}): ${stderr.join('')}`));
    });
  });
  return { child, url: `ws://127.0.0.1:${port}/sync`, events, countEvents, exited };
}

/** kB of VmRSS and VmHWM (peak) of a process, from /proc. */
function memoryOf(pid: number): { rssKB: number; hwmKB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssKB: field('VmRSS'), hwmKB: field('VmHWM') };
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) * 10;
}

function context(deviceId: string): CommandContext {
  let clock = Date.UTC(2026, 10, 28, 10, 0);
  return { deviceId, now: () => (clock += 1000), newId: () => randomUUID() };
}

/** A tablet's offline work on a session: one resident, an idea, two comments, a ballot. */
function tabletDoc(initial: Uint8Array, deviceId: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial);
  const ctx = context(deviceId);
  const who = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
  const idea = addProposal(
    doc,
    {
      title: `Homework club at the library (${deviceId})`,
      description: 'Two evenings a week, with volunteers from the secondary school.',
      themeId: 'young',
      costPence: 250_000,
      where: 'the library',
    },
    who,
    ctx,
  );
  addComment(doc, { proposalId: idea, text: 'My kids would use this.' }, who, ctx);
  addComment(doc, { proposalId: idea, text: 'Only if it is free.' }, who, ctx);
  castBallot(doc, who, { kind: 'dots', dots: { [idea]: 3 } }, ctx);
  finishParticipant(doc, who, ctx);
  return doc;
}
const RECORDS_PER_DEVICE = 5;

interface Client {
  doc: Y.Doc;
  /** ms from attach to synced with every local change acknowledged. */
  done: Promise<number>;
  destroy: () => void;
}

function connect(url: string, sessionId: string, token: string, doc: Y.Doc): Client {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: sessionId,
    token,
    document: doc,
  });
  let started = 0;
  const done = new Promise<number>((resolveDone, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), SYNC_TIMEOUT_MS);
    const check = (): void => {
      if (provider.isSynced && provider.unsyncedChanges === 0) {
        clearTimeout(timer);
        resolveDone(performance.now() - started);
      }
    };
    provider.on('synced', check);
    provider.on('unsyncedChanges', check);
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      clearTimeout(timer);
      reject(new Error(`refused: ${reason}`));
    });
  });
  started = performance.now();
  // A provider given its own websocket connects only once attached.
  provider.attach();
  return {
    doc,
    done,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

export async function syncFigures(
  options: SyncOptions = { devices: 200, sessions: 10, singles: 5 },
): Promise<{ rows: Row[]; details: SyncDetails }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'codesign-bench-server-'));
  let server: ChildServer | null = null;
  const clients: Client[] = [];
  try {
    // Enrol every device before the server starts: seeders, the single connections and the 200.
    const store = Store.open(dataDir);
    // Every device has the workshops' neighbourhood assigned, so it may open every session.
    const enrol = (name: string): string => {
      const device = redeemCode(store, createEnrolCode(store, 'facilitator', name).code, name);
      assign(store, device.deviceId, { kind: 'neighbourhood', value: workshopSettings().neighbourhood });
      return device.token;
    };
    const seedTokens = Array.from({ length: options.sessions }, (_, i) => enrol(`Facilitator ${i + 1}`));
    const singleTokens = Array.from({ length: options.singles }, (_, i) => enrol(`Single ${i + 1}`));
    const tokens = Array.from({ length: options.devices }, (_, i) => enrol(`Tablet ${i + 1}`));
    store.close();

    server = await spawnServer(dataDir);
    const pid = server.child.pid!;
    const url = server.url;

    // Each session is created and synced by its facilitator first, as at the office before a workshop.
    const sessions = Array.from({ length: options.sessions }, () => {
      const id = randomUUID();
      const doc = new Y.Doc();
      createSession(doc, id, workshopSettings(), context('facilitator'));
      const initial = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      return { id, initial, expected: 0 };
    });
    for (const [i, s] of sessions.entries()) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, s.initial);
      const seed = connect(url, s.id, seedTokens[i]!, doc);
      await seed.done;
      seed.destroy();
    }

    // Baseline: one device alone, one after the other.
    const singleMs: number[] = [];
    for (let i = 0; i < options.singles; i++) {
      const s = sessions[i % sessions.length]!;
      const c = connect(url, s.id, singleTokens[i]!, tabletDoc(s.initial, `single-${i + 1}`));
      singleMs.push(await c.done);
      s.expected += 1;
      c.destroy();
    }
    await new Promise((r) => setTimeout(r, 200));
    const idle = memoryOf(pid);

    // The burst: every tablet's work is written first, then all connect at once.
    const docs = tokens.map((_, i) =>
      tabletDoc(sessions[i % sessions.length]!.initial, `tablet-${String(i + 1).padStart(3, '0')}`),
    );
    let peakRssKB = idle.rssKB;
    let rssSamples = 0;
    const sampler = setInterval(() => {
      peakRssKB = Math.max(peakRssKB, memoryOf(pid).rssKB);
      rssSamples++;
    }, 20);
    const serverCpu0 = cpuMsOf(pid);
    const clientCpu0 = process.cpuUsage();
    const b0 = performance.now();
    tokens.forEach((token, i) => {
      const s = sessions[i % sessions.length]!;
      s.expected += 1;
      clients.push(connect(url, s.id, token, docs[i]!));
    });
    const settled = await Promise.allSettled(clients.map((c) => c.done));
    const burstWallMs = performance.now() - b0;
    const serverCpuMs = cpuMsOf(pid) - serverCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
    clearInterval(sampler);
    const after = memoryOf(pid);
    peakRssKB = Math.max(peakRssKB, after.rssKB);
    const burstMs = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failures = settled.flatMap((r) =>
      r.status === 'rejected' ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : [],
    );
    clients.splice(0).forEach((c) => c.destroy());

    // Check: a fresh reader of each session sees every device's idea, once.
    const perSessionProposals: number[] = [];
    for (const [i, s] of sessions.entries()) {
      const reader = connect(url, s.id, seedTokens[i]!, new Y.Doc());
      await reader.done;
      const n = readRecords(reader.doc).proposals.length;
      reader.destroy();
      perSessionProposals.push(n);
      if (n !== s.expected)
        failures.push(`session ${i + 1}: ${n} ideas on the server, expected ${s.expected}`);
    }

    const p50 = percentile(burstMs, 50);
    const p95 = failures.length > 0 ? Number.POSITIVE_INFINITY : percentile(burstMs, 95);
    const mb = (kB: number): number => round((kB * 1024) / 1e6, 1);
    const rows: Row[] = [
      {
        id: 'sync.burst.p95',
        figure: `${options.devices} devices syncing at once (${options.sessions} sessions, ${RECORDS_PER_DEVICE} records each): connect → synced, p95`,
        unit: 'ms',
        value: round(p95),
        baseline: round(median(singleMs)),
        baselineLabel: 'one device alone, connect → synced (median)',
        goal: { under: 1000 },
        samples: burstMs.length,
        note:
          `p50 ${round(p50)} ms, max ${round(Math.max(...burstMs))} ms, all ${round(burstWallMs)} ms; ` +
          `CPU in the burst: server ${round(serverCpuMs, 0)} ms, the ${options.devices} clients (bench process) ${round(clientCpuMs, 0)} ms` +
          (failures.length > 0 ? `; ${failures.length} FAILED: ${failures[0]}` : ''),
      },
      {
        id: 'sync.burst.serverRss',
        figure: `Server memory (RSS) at its peak during the ${options.devices}-device burst`,
        unit: 'MB',
        value: mb(peakRssKB),
        baseline: mb(idle.rssKB),
        baselineLabel: 'the same server idle just before the burst',
        goal: { under: 300 },
        samples: rssSamples,
        note: `+${mb(peakRssKB - idle.rssKB)} MB; ${mb(after.rssKB)} MB after; process peak (VmHWM) ${mb(after.hwmKB)} MB; /proc/${pid}/status every 20 ms`,
      },
    ];
    return {
      rows,
      details: {
        options,
        recordsPerDevice: RECORDS_PER_DEVICE,
        singleMs,
        burstMs,
        burstWallMs,
        serverCpuMs,
        clientCpuMs,
        failures,
        server: {
          pid,
          idleRssKB: idle.rssKB,
          peakRssKB,
          afterRssKB: after.rssKB,
          hwmKB: after.hwmKB,
          rssSamples,
          logLines: [...server.events.values()].reduce((a, b) => a + b, 0),
          updatesStored: server.events.get('update-stored') ?? 0,
        },
        perSessionProposals,
      },
    };
  } finally {
    clients.forEach((c) => c.destroy());
    if (server) {
      const s = server;
      if (s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await Promise.race([s.exited, new Promise((r) => setTimeout(r, 5000))]);
        if (s.child.exitCode === null) s.child.kill('SIGKILL');
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Issue 12 §2 and §3: back-to-back updates on one connection, and a device flooding held updates.

export interface HoldDetails {
  burst: {
    updates: number;
    ms: number;
    stored: number;
    refused: number;
    closeReasons: string[];
    healthMs: number[];
    oneTransactionMs: number;
  };
  flood: {
    sessionBytes: number;
    connections: number;
    heldPerConnection: number;
    quietHealthMs: number[];
    floodHealthMs: number[];
    quietAckMs: number[];
    floodAckMs: number[];
    flooderRefusals: string[];
  };
}

interface Opened {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  closeReasons: string[];
  destroy: () => void;
}

/** A provider on its own socket, for the figures below (which need the provider itself). */
function openProvider(url: string, sessionId: string, token: string, doc = new Y.Doc()): Opened {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: sessionId,
    token,
    document: doc,
  });
  const closeReasons: string[] = [];
  provider.on('close', ({ event }: { event: { reason: string } }) => closeReasons.push(event.reason));
  provider.attach();
  return {
    doc,
    provider,
    closeReasons,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

function until(check: () => boolean, what: string, timeoutMs = SYNC_TIMEOUT_MS): Promise<void> {
  return new Promise((resolveWait, reject) => {
    const started = performance.now();
    const tick = (): void => {
      if (check()) resolveWait();
      else if (performance.now() - started > timeoutMs) reject(new Error(`timed out: ${what}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

const acked = (p: Opened, what: string): Promise<void> =>
  until(() => p.provider.isSynced && p.provider.unsyncedChanges === 0, what);

/** A Sync/update message carrying `update`, as a provider sends a local change. */
function updateMessage(sessionId: string, update: Uint8Array): Uint8Array {
  const varUint = (n: number): number[] => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  const name = new TextEncoder().encode(sessionId);
  return Uint8Array.from([...varUint(name.length), ...name, 0, 2, ...varUint(update.byteLength), ...update]);
}

const WORDS =
  'The path by the canal floods every winter and the lights are out; older residents avoid it after dark. ';

function idea(title: string, themeId = 'green'): Parameters<typeof addProposal>[1] {
  return { title, description: 'From the online form.', themeId, costPence: 50_000, where: '' };
}

/** A day's worth of ideas and comments (about 0.8 MB), written with the app's commands. */
function daySession(id: string): Y.Doc {
  const doc = new Y.Doc();
  const ctx = context('facilitator');
  createSession(doc, id, workshopSettings(), ctx);
  const themes = ['jobs', 'young', 'safety', 'green', 'health', 'older'];
  for (let i = 0; i < 300; i++) {
    const proposalId = addProposal(
      doc,
      {
        ...idea(`Idea ${i + 1}: fix the canal path`, themes[i % themes.length]),
        description: WORDS.repeat(12),
      },
      null,
      ctx,
    );
    for (let c = 0; c < 3; c++) addComment(doc, { proposalId, text: WORDS.repeat(2) }, null, ctx);
  }
  return doc;
}

/** GET /api/health every 20 ms while `during` runs; each answer's time in ms. */
async function probeHealth(base: string, during: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void during.finally(() => (done = true));
  while (!done) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e);
      throw new Error(`/api/health failed after ${round(performance.now() - t0)} ms: ${cause}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}

/** An honest device writing one idea every 50 ms for `ms`; each write's time to acknowledged. */
async function honestWrites(p: Opened, ms: number): Promise<number[]> {
  const ctx = context(`honest-${randomUUID()}`);
  const times: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    addProposal(p.doc, idea('Benches by the bus stop', 'older'), null, ctx);
    await acked(p, 'an honest write acknowledged');
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

/** A session created on the server by `token`, with one idea to comment on. */
async function sessionWithIdea(url: string, token: string): Promise<{ p: Opened; ideaId: string }> {
  const id = randomUUID();
  const p = openProvider(url, id, token);
  await acked(p, 'connected');
  const ctx = context('script');
  createSession(p.doc, id, workshopSettings(), ctx);
  const ideaId = addProposal(p.doc, idea('Youth club', 'young'), null, ctx);
  await acked(p, 'the session stored');
  return { p, ideaId };
}

export async function holdFigures(
  options = { updates: 5000, floodConnections: 8, windowMs: 5000 },
): Promise<{ rows: Row[]; details: HoldDetails }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'codesign-bench-hold-'));
  let server: ChildServer | null = null;
  const open: Opened[] = [];
  try {
    const store = Store.open(dataDir);
    const enrol = (name: string): string => {
      const device = redeemCode(store, createEnrolCode(store, 'facilitator', name).code, name);
      assign(store, device.deviceId, { kind: 'neighbourhood', value: workshopSettings().neighbourhood });
      return device.token;
    };
    const writerToken = enrol('Script');
    const honestToken = enrol('Tablet');
    const flooderToken = enrol('Flooder');
    store.close();
    const running = await spawnServer(dataDir);
    server = running;
    const url = running.url;
    const base = url.replace(/^ws/, 'http').replace(/\/sync$/, '');
    const count = (event: string): number => running.events.get(event) ?? 0;

    // 1. Back to back: one connection, one transaction per comment (ideas are capped at 2,000 a session), each
    // sent by the provider as its own update message, as a script or a tablet catching up does.
    const burst = await sessionWithIdea(url, writerToken);
    open.push(burst.p);
    const ctx = context('script');
    const storedBefore = count('update-stored');
    const refusedBefore = count('update-refused');
    const b0 = performance.now();
    for (let i = 0; i < options.updates; i++) {
      addComment(
        burst.p.doc,
        { proposalId: burst.ideaId, text: `Comment ${i + 1} from the form.` },
        null,
        ctx,
      );
    }
    let burstMs = Number.POSITIVE_INFINITY;
    const burstDone = acked(burst.p, `${options.updates} updates acknowledged`).then(
      () => (burstMs = performance.now() - b0),
      () => undefined, // reported below as not all acknowledged
    );
    const burstHealthMs = await probeHealth(base, burstDone);
    // The server's log lines arrive through a pipe: let them catch up with the acknowledgements.
    await until(() => count('update-stored') - storedBefore >= options.updates, 'log', 5000).catch(() => 0);
    const stored = count('update-stored') - storedBefore;
    const refused = count('update-refused') - refusedBefore;
    const burstCloses = [...burst.p.closeReasons];
    burst.p.destroy();

    // Baseline: the same comments in one transaction (one update message).
    const single = await sessionWithIdea(url, writerToken);
    open.push(single.p);
    const o0 = performance.now();
    single.p.doc.transact(() => {
      for (let i = 0; i < options.updates; i++) {
        addComment(
          single.p.doc,
          { proposalId: single.ideaId, text: `Comment ${i + 1} from the form.` },
          null,
          ctx,
        );
      }
    });
    await acked(single.p, 'one transaction acknowledged');
    const oneTransactionMs = performance.now() - o0;
    single.p.destroy();

    // 2. Flood: a day's session; an honest tablet writes while one device holds all it may on every connection
    // it may open, updates that each wait for a change it never sends.
    const dayId = randomUUID();
    const day = daySession(dayId);
    const sessionBytes = Y.encodeStateAsUpdate(day).byteLength;
    const honest = openProvider(url, dayId, honestToken, day);
    open.push(honest);
    await acked(honest, 'the day session stored');
    const quiet = honestWrites(honest, options.windowMs);
    const quietHealthMs = await probeHealth(base, quiet);
    const quietAckMs = await quiet;

    const heldPerConnection = 64;
    const flooders = Array.from({ length: options.floodConnections }, () =>
      openProvider(url, dayId, flooderToken),
    );
    open.push(...flooders);
    await Promise.all(flooders.map((f, i) => acked(f, `flooder ${i + 1} connected`)));
    for (const f of flooders) {
      const author = new Y.Doc();
      Y.applyUpdate(author, Y.encodeStateAsUpdate(f.doc));
      const updates: Uint8Array[] = [];
      author.on('update', (u: Uint8Array) => updates.push(u));
      const fctx = context(`flooder-${randomUUID()}`);
      for (let i = 0; i <= heldPerConnection; i++) addProposal(author, idea(`Held ${i}`), null, fctx);
      // The first change is never sent: every later one waits for it.
      for (const u of updates.slice(1))
        f.provider.configuration.websocketProvider.send(updateMessage(dayId, u));
    }
    const flood = honestWrites(honest, options.windowMs);
    const floodHealthMs = await probeHealth(base, flood);
    const floodAckMs = await flood;
    const flooderRefusals = flooders.flatMap((f) => f.closeReasons);

    const burstFailed = stored < options.updates || refused > 0 || !Number.isFinite(burstMs);
    const n = options.updates.toLocaleString('en-GB');
    const rows: Row[] = [
      {
        id: 'sync.backToBack',
        figure: `${n} back-to-back valid updates on one connection (one comment each): all acknowledged`,
        unit: 'ms',
        value: burstFailed ? Number.POSITIVE_INFINITY : round(burstMs),
        baseline: round(oneTransactionMs),
        baselineLabel: `the same ${n} comments in one transaction (one update)`,
        // No goal yet: every update is its own SQLite commit (synchronous=FULL, ~3 ms of fsync each on our disk).
        goal: null,
        samples: 1,
        note:
          `${stored} stored, ${refused} refused` +
          (burstFailed
            ? `; FAILED: not all acknowledged and stored (${burstCloses[0] ?? 'no refusal'})`
            : `; ${round((burstMs / options.updates) * 1000, 0)} µs per update`),
      },
      {
        id: 'sync.backToBack.health.p99',
        figure: `/api/health p99 while the server works through those ${n} updates`,
        unit: 'ms',
        value: round(percentile(burstHealthMs, 99)),
        baseline: round(percentile(quietHealthMs, 99)),
        baselineLabel: 'the same server with a tablet writing every 50 ms (below)',
        goal: { under: 100 },
        samples: burstHealthMs.length,
      },
      {
        id: 'sync.floodHealth.p99',
        figure: `/api/health p99 while one device holds ${options.floodConnections}×${heldPerConnection} updates waiting for a change never sent (${round(sessionBytes / 1e6, 2)} MB session, a tablet writing)`,
        unit: 'ms',
        value: round(percentile(floodHealthMs, 99)),
        baseline: round(percentile(quietHealthMs, 99)),
        baselineLabel: 'the same, without the flooding device',
        goal: { under: 100 },
        samples: floodHealthMs.length,
        note:
          `the tablet's writes acknowledged in p95 ${round(percentile(floodAckMs, 95))} ms ` +
          `(${round(percentile(quietAckMs, 95))} ms without the flood), ${floodAckMs.length} writes; ` +
          `flooder connections refused meanwhile: ${flooderRefusals.length}`,
      },
    ];
    return {
      rows,
      details: {
        burst: {
          updates: options.updates,
          ms: burstMs,
          stored,
          refused,
          closeReasons: burstCloses,
          healthMs: burstHealthMs,
          oneTransactionMs,
        },
        flood: {
          sessionBytes,
          connections: options.floodConnections,
          heldPerConnection,
          quietHealthMs,
          floodHealthMs,
          quietAckMs,
          floodAckMs,
          flooderRefusals,
        },
      },
    };
  } finally {
    open.forEach((o) => o.destroy());
    if (server) {
      const s = server;
      if (s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await Promise.race([s.exited, new Promise((r) => setTimeout(r, 5000))]);
        if (s.child.exitCode === null) s.child.kill('SIGKILL');
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Issue 12 §10: many devices connecting at once to day-sized sessions.

export interface DayBurstDetails {
  devices: number;
  sessions: number;
  /** Whether the devices already held the session (sent its state vector) or started empty. */
  holding: boolean;
  /** Archive rows each session had besides its one seed row (written by its devices, not compacted). */
  archiveRows: number;
  sessionBytes: number;
  /** Bytes of the server's answer to each device (the whole day, or the small difference). */
  answerBytes: number;
  /** connect → the socket open (TCP and WebSocket handshake), per device. */
  openMs: number[];
  /** connect → the server's answer (sync step 2) received, per device. */
  step2Ms: number[];
  /** connect → synced (the answer received and the device's own reply acknowledged), per device. */
  syncedMs: number[];
  /** /api/health on a connection kept alive from before the burst, every 20 ms. */
  healthMs: number[];
  /** /api/health on a new connection each time, every 100 ms. */
  freshHealthMs: number[];
  wallMs: number;
  serverCpuMs: number;
  /** CPU this process (the devices, the memory sampler) used during the burst. */
  clientCpuMs: number;
  /** Times the server loaded a session from SQLite during the burst (20 unless one was unloaded and loaded again). */
  loads: number;
  idleRssKB: number;
  peakRssKB: number;
  hwmKB: number;
  loadAverage: number[];
  failures: string[];
}

/**
 * `devices` devices connect at once, spread over `sessions` sessions each holding the workshop day
 * (workshopDay.ts: 300 ideas, 1,000 comments, 600 ballots), while /api/health is asked every 20 ms. The sessions
 * are stored before the server starts and nobody has them open (as on a morning after a restart), so the burst
 * also loads each one. Devices are raw y-protocols clients (rawDevice.ts), not HocuspocusProviders: 1,000
 * providers in this process would spend ~30 s applying 1,000 copies of the day, measuring the bench, not the
 * server. Each device is a facilitator tablet with the workshops' neighbourhood assigned, and stays connected
 * until every device has synced, as tablets do (a session nobody has open is unloaded, and the next device would
 * load it again). Synced = it has the server's answer and the server acknowledged its reply.
 *
 * New devices (`holding` false, the issue's figure) start empty: they send the empty state vector, receive the
 * whole day (~850 KiB each) and reply with an empty update. Devices `holding` the session (the council office's
 * tablets that synced it yesterday) send the day's state vector, receive only the difference (the day's delete
 * set: no ideas, no comments) and reply with what a provider holding the day sends the server: the same small
 * difference.
 *
 * The devices run in this process, on the same 2 cores as the server: their CPU is reported beside the server's.
 */
export async function dayBurstFigures(
  dayUpdate: Uint8Array,
  options: { devices: number; sessions: number; holding?: boolean; archiveRows?: number },
): Promise<{ rows: Row[]; details: DayBurstDetails }> {
  const holding = options.holding ?? false;
  const archiveRows = options.archiveRows ?? 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'codesign-bench-day-burst-'));
  let server: ChildServer | null = null;
  let release = (): void => undefined;
  const allSynced = new Promise<void>((r) => (release = r));
  try {
    const store = Store.open(dataDir);
    const sessions = Array.from({ length: options.sessions }, () => {
      const id = randomUUID();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, dayUpdate);
      // The same day under its own id (the server refuses a session whose meta names another).
      doc.getMap('meta').set('sessionId', id);
      const update = Y.encodeStateAsUpdate(doc);
      // A tablet holding the day sends its state vector, and answers the server's step 1 (the same state
      // vector: they hold the same) with the difference, as y-protocols does.
      const stateVector = Y.encodeStateVector(doc);
      const difference = Y.encodeStateAsUpdate(doc, stateVector);
      doc.destroy();
      store.appendUpdate(id, 'seed', update);
      return { id, bytes: update.byteLength, stateVector, difference, update };
    });
    const enrolled = Array.from({ length: options.devices }, (_, i) => {
      const name = `Tablet ${i + 1}`;
      const device = redeemCode(store, createEnrolCode(store, 'facilitator', name).code, name);
      assign(store, device.deviceId, { kind: 'neighbourhood', value: workshopSettings().neighbourhood });
      return device;
    });
    const tokens = enrolled.map((d) => d.token);
    // `archiveRows`: each session's archive also holds that many rows written by its devices the day before
    // and not compacted yet (the server restarted while they were open; compaction.ts runs on unload), as the
    // day's many small writes leave it. Empty updates: the rows, not their contents, are what sign-in reads.
    if (archiveRows > 0) {
      const empty = new Uint8Array([0, 0]);
      store.db.transaction(() => {
        for (let r = 0; r < archiveRows * options.sessions; r++) {
          const device = enrolled[r % enrolled.length]!;
          store.appendUpdate(sessions[(r % enrolled.length) % sessions.length]!.id, device.deviceId, empty);
        }
      })();
    }
    store.close();

    server = await spawnServer(dataDir, { logFile: join(dataDir, 'server.log') });
    const pid = server.child.pid!;
    const url = server.url;
    const base = url.replace(/^ws:/, 'http:').replace(/\/sync$/, '');
    await new Promise((r) => setTimeout(r, 200));
    const idle = memoryOf(pid);
    let peakRssKB = idle.rssKB;
    const sampler = setInterval(() => {
      peakRssKB = Math.max(peakRssKB, memoryOf(pid).rssKB);
    }, 20);
    const loadsBefore = server.countEvents().get('document-loaded') ?? 0;
    const probe = await startHealthProbe(base);
    const cpu0 = cpuMsOf(pid);
    const clientCpu0 = process.cpuUsage();
    const startedAt = Date.now();
    const t0 = performance.now();
    const burst = Promise.allSettled(
      tokens.map((token, i) => {
        const s = sessions[i % sessions.length]!;
        return rawSync(url, s.id, token, {
          keepStep2: i < sessions.length,
          stayUntil: allSynced,
          ...(holding ? { stateVector: s.stateVector, reply: s.difference } : {}),
        });
      }),
    );
    const settled = await burst;
    const wallMs = performance.now() - t0;
    const serverCpuMs = cpuMsOf(pid) - cpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    const health = await probe.stop(startedAt);
    const healthMs = health.keptAlive;
    const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
    clearInterval(sampler);
    const after = memoryOf(pid);
    peakRssKB = Math.max(peakRssKB, after.rssKB);
    const loads = (server.countEvents().get('document-loaded') ?? 0) - loadsBefore;
    release();

    const failures = settled.flatMap((r) =>
      r.status === 'rejected' ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : [],
    );
    const done = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // Check: the first device of each session got the whole day (its ideas), or with `holding` what it lacked
    // (nothing: the day applied to its copy changes nothing), and every device as many bytes.
    settled.forEach((r, i) => {
      if (r.status !== 'fulfilled') return;
      const s = sessions[i % sessions.length]!;
      if (i < sessions.length) {
        const doc = new Y.Doc();
        if (holding) Y.applyUpdate(doc, dayUpdate);
        Y.applyUpdate(doc, r.value.step2);
        const n = readRecords(doc).proposals.length;
        if (n === 0 || (!holding && readRecords(doc).sessionId !== s.id))
          failures.push(`session ${i + 1}: ${n} ideas received`);
        if (holding && r.value.step2Bytes > s.difference.byteLength + 64)
          failures.push(`session ${i + 1}: ${r.value.step2Bytes} bytes sent to a device holding it`);
        doc.destroy();
      }
      const first = settled[i % sessions.length]!;
      if (first.status === 'fulfilled' && first.value.step2Bytes !== r.value.step2Bytes) {
        failures.push(`device ${i + 1}: ${r.value.step2Bytes} bytes, not ${first.value.step2Bytes}`);
      }
    });
    // The same devices against the floor (floorServer.ts), once the council server has stopped.
    await stopServer(server);
    server = null;
    const floor = await floorBurst(dataDir, sessions, tokens.length, holding);
    failures.push(...floor.failures.map((f) => `floor: ${f}`));
    const measured = {
      holding,
      floor,
      syncedMs: done.map((d) => d.syncedMs),
      healthMs,
      freshHealthMs: health.fresh,
      wallMs,
      serverCpuMs,
      clientCpuMs,
      loads,
      idleRssKB: idle.rssKB,
      peakRssKB,
      hwmKB: after.hwmKB,
      failures,
      sessionBytes: sessions[0]!.bytes,
      answerBytes: done[0]?.step2Bytes ?? 0,
    };
    return {
      rows: dayBurstRows({ ...options, archiveRows }, measured),
      details: {
        ...measured,
        devices: options.devices,
        sessions: options.sessions,
        archiveRows,
        openMs: done.map((d) => d.openMs),
        step2Ms: done.map((d) => d.step2Ms),
        loadAverage: loadavg(),
      },
    };
  } finally {
    release();
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function stopServer(s: ChildServer): Promise<void> {
  if (s.child.exitCode !== null) return;
  s.child.kill('SIGTERM');
  await Promise.race([s.exited, new Promise((r) => setTimeout(r, 5000))]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

export interface FloorDetails {
  syncedMs: number[];
  wallMs: number;
  serverCpuMs: number;
  clientCpuMs: number;
  failures: string[];
}

/**
 * The burst's devices again, the same sessions and state vectors, against the floor server (floorServer.ts: a bare
 * `ws` server answering with bytes worked out before): what the machine, Node and the devices cost on their own,
 * measured in the same run as the council server's figure.
 */
async function floorBurst(
  dataDir: string,
  sessions: { id: string; stateVector: Uint8Array; difference: Uint8Array; update: Uint8Array }[],
  devices: number,
  holding: boolean,
): Promise<FloorDetails> {
  const dir = join(dataDir, 'floor');
  mkdirSync(dir);
  for (const s of sessions) {
    writeFileSync(join(dir, `${s.id}.sv`), s.stateVector);
    writeFileSync(join(dir, `${s.id}.full`), s.update);
    writeFileSync(join(dir, `${s.id}.held`), s.difference);
  }
  const floor = await spawnServer(dataDir, { script: ['test/bench/floorServer.ts', dir] });
  let release = (): void => undefined;
  const allSynced = new Promise<void>((r) => (release = r));
  try {
    await new Promise((r) => setTimeout(r, 200));
    const pid = floor.child.pid!;
    const cpu0 = cpuMsOf(pid);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: devices }, (_, i) => {
        const s = sessions[i % sessions.length]!;
        return rawSync(floor.url, s.id, 'floor', {
          keepStep2: false,
          stayUntil: allSynced,
          ...(holding ? { stateVector: s.stateVector, reply: s.difference } : {}),
        });
      }),
    );
    const wallMs = performance.now() - t0;
    const serverCpuMs = cpuMsOf(pid) - cpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    const done = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failures = settled.flatMap((r) =>
      r.status === 'rejected' ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : [],
    );
    const expected = (s: (typeof sessions)[number]): number => (holding ? s.difference : s.update).byteLength;
    settled.forEach((r, i) => {
      const s = sessions[i % sessions.length]!;
      if (r.status === 'fulfilled' && r.value.step2Bytes !== expected(s))
        failures.push(`device ${i + 1}: ${r.value.step2Bytes} bytes, not ${expected(s)}`);
    });
    return {
      syncedMs: done.map((d) => d.syncedMs),
      wallMs,
      serverCpuMs,
      clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
      failures,
    };
  } finally {
    release();
    await stopServer(floor);
  }
}

/**
 * GET /api/health every 20 ms from a process of its own, on one kept-alive connection opened before the burst (a
 * monitor that was already watching), and every 100 ms on a new connection each time (a monitor that connects per
 * check); each answer's time in ms, for the checks started after `from` (Date.now()). Apart from the devices,
 * whose thousand sockets keep this process busy: a monitor is not on a tablet's event loop.
 */
async function startHealthProbe(
  base: string,
): Promise<{ stop: (from: number) => Promise<{ keptAlive: number[]; fresh: number[] }> }> {
  const script = `
    const http = require('node:http');
    const keptAlive = [];
    const fresh = [];
    let stop = false;
    process.on('SIGTERM', () => (stop = true));
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const freshGet = (url) => new Promise((resolve, reject) => {
      http.get(url, { agent: false }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
    });
    const loop = async (into, ask, every) => {
      while (!stop) {
        const at = Date.now();
        const t0 = performance.now();
        await ask();
        into.push([at, performance.now() - t0]);
        if (into === keptAlive && into.length === 1) process.stdout.write('ready\\n');
        await sleep(every);
      }
    };
    const url = process.argv[1] + '/api/health';
    Promise.all([
      loop(keptAlive, async () => { const res = await fetch(url); await res.arrayBuffer(); }, 20),
      loop(fresh, () => freshGet(url), 100),
    ]).then(() => process.stdout.write(JSON.stringify({ keptAlive, fresh }) + '\\n'))
      .catch((e) => { process.stderr.write(String(e)); process.exit(1); });
  `;
  const child = spawn(process.execPath, ['-e', script, base], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await new Promise<void>((resolveReady, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) resolveReady();
    });
    void exited.then(() => reject(new Error(`/api/health probe failed: ${err}`)));
  });
  return {
    stop: async (from) => {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`/api/health probe failed: ${err}`);
      const result = JSON.parse(out.slice('ready\n'.length)) as { keptAlive: number[][]; fresh: number[][] };
      const since = (samples: number[][]): number[] =>
        samples.filter(([at]) => at! >= from).map(([, ms]) => ms!);
      return { keptAlive: since(result.keptAlive), fresh: since(result.fresh) };
    },
  };
}

function dayBurstRows(
  options: { devices: number; sessions: number; archiveRows: number },
  m: {
    holding: boolean;
    floor: FloorDetails;
    syncedMs: number[];
    healthMs: number[];
    freshHealthMs: number[];
    wallMs: number;
    serverCpuMs: number;
    clientCpuMs: number;
    loads: number;
    idleRssKB: number;
    peakRssKB: number;
    hwmKB: number;
    failures: string[];
    sessionBytes: number;
    answerBytes: number;
  },
): Row[] {
  const n = options.devices;
  const rowsNote =
    options.archiveRows > 0 ? ` with ${options.archiveRows.toLocaleString('en-GB')} archive rows each` : '';
  const id = (m.holding ? `sync.dayHeld${n}` : `sync.day${n}`) + (options.archiveRows > 0 ? 'Rows' : '');
  const what = m.holding
    ? `${n} devices already holding their session (tablets synced the day before) connecting at once to ${options.sessions} day-sized sessions${rowsNote}`
    : `${n} devices connecting at once to ${options.sessions} day-sized sessions (${Math.round(m.sessionBytes / 1024)} KiB each)${rowsNote}`;
  const failed = m.failures.length > 0 ? `; ${m.failures.length} FAILED: ${m.failures[0]}` : '';
  const mb = (kB: number): number => round((kB * 1024) / 1e6, 1);
  return [
    {
      id: `${id}.p95`,
      figure: `${what}: connect → synced, p95`,
      unit: 'ms',
      value: m.failures.length > 0 ? Number.POSITIVE_INFINITY : round(percentile(m.syncedMs, 95)),
      // The load test before the state cache (p95 3.5-5.9 s at 200, 13.9 s at 500, 18.6 s at 1,000).
      baseline: n >= 1000 ? 18_600 : n >= 500 ? 13_900 : 3_500,
      baselineLabel: m.holding
        ? 'issue 12 §10 load test of new devices (its lowest p95 at this many devices)'
        : 'issue 12 §10 load test before the state cache (its lowest p95 at this many devices)',
      goal: { under: 1000 },
      samples: m.syncedMs.length,
      note:
        `p50 ${round(percentile(m.syncedMs, 50))} ms, max ${round(Math.max(...m.syncedMs))} ms, all ${round(m.wallMs)} ms; ` +
        `CPU in the burst: server ${round(m.serverCpuMs, 0)} ms, devices (this process, on the same cores) ${round(m.clientCpuMs, 0)} ms; ` +
        'every device a raw y-protocols client (rawDevice.ts: the bytes a provider sends, no Y.Doc); ' +
        `${Math.round(m.answerBytes / 1024)} KiB sent to each device; ${m.loads} session loads${failed}`,
    },
    {
      id: `${id}.floorP95`,
      figure: `${what}: connect → synced, p95, against the floor (a bare ws server on this machine, answers worked out before)`,
      unit: 'ms',
      value: m.failures.length > 0 ? Number.POSITIVE_INFINITY : round(percentile(m.syncedMs, 95)),
      baseline: round(percentile(m.floor.syncedMs, 95)),
      baselineLabel:
        'the same devices, sessions and bytes against floorServer.ts (no sign-in, Yjs, SQLite or load), just after',
      goal: null,
      samples: m.syncedMs.length,
      note:
        `floor: p50 ${round(percentile(m.floor.syncedMs, 50))} ms, all ${round(m.floor.wallMs)} ms; ` +
        `CPU in its burst: floor server ${round(m.floor.serverCpuMs, 0)} ms, devices ${round(m.floor.clientCpuMs, 0)} ms ` +
        `(council server ${round(m.serverCpuMs, 0)} ms, devices ${round(m.clientCpuMs, 0)} ms)`,
    },
    {
      id: `${id}.serverRss`,
      figure: `Server memory (RSS) at its peak while ${n} devices${m.holding ? ' holding their session' : ''} connect to day-sized sessions`,
      unit: 'MB',
      value: mb(m.peakRssKB),
      baseline: mb(m.idleRssKB),
      baselineLabel: 'the same server idle just before the burst',
      goal: { under: 500 },
      samples: 1,
      note: `process peak (VmHWM) ${mb(m.hwmKB)} MB`,
    },
    {
      id: `${id}.healthP99`,
      figure: `/api/health while ${n} devices${m.holding ? ' holding their session' : ''} connect to day-sized sessions, p99`,
      unit: 'ms',
      value: round(percentile(m.healthMs, 99)),
      baseline: round(percentile(m.healthMs, 50)),
      baselineLabel: 'p50 of the same answers',
      goal: { under: 100 },
      samples: m.healthMs.length,
      note:
        `max ${round(Math.max(...m.healthMs))} ms; asked every 20 ms on a connection opened before the burst; ` +
        `on a new connection each time (every 100 ms): p99 ${round(percentile(m.freshHealthMs, 99))} ms, ` +
        `max ${round(Math.max(...m.freshHealthMs))} ms`,
    },
  ];
}
