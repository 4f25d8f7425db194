/**
 * First sync of a 50 MB session (issue 12 §1): the app's council sync (src/sync/councilSync.ts) sends a session
 * far bigger than the server's 2 MiB message limit in parts, each checked and stored by the server on its own.
 *
 * The server is the real one, `npm run server` as a child process with a temporary DATA_DIR on 127.0.0.1, so its
 * memory is its own (VmRSS sampled from /proc/<pid>/status, and VmHWM). The device is this process: one Y.Doc
 * with the most ideas a session may hold (2,000) and enough comments to pass 50 MB, in Bengali (three bytes a
 * character in UTF-8, as in a real multilingual session). Its peak memory is VmHWM of this process, reset just
 * before the sync (/proc/self/clear_refs), less its RSS at that moment. Time runs from starting the sync to
 * `whenSynced()`: every part acknowledged, so every record is in SQLite.
 *
 * Baseline: the same session's content copied without a network or a server (encode the whole state, apply it to
 * a fresh Y.Doc): the floor under any way of sending it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../src/doc/commands';
import { maps, readRecords } from '../../src/doc/schema';
import { createSession } from '../../src/doc/sessionCommands';
import { assign } from '../../src/server/assignments';
import { createEnrolCode, redeemCode } from '../../src/server/devices';
import { Store } from '../../src/server/store';
import { startCouncilSync } from '../../src/sync/councilSync';
import type { Comment } from '../../src/domain/types';
import { spawnServer } from '../unit/server/support';
import { round, type Row } from './stats';
import { workshopSettings } from './workshopDay';

export interface BigSyncDetails {
  sessionBytes: number;
  ideas: number;
  comments: number;
  syncMs: number;
  copyMs: number;
  parts: number;
  storedBytes: number;
  client: { beforeRssKB: number; peakKB: number; peakMeasuredBy: string };
  server: { idleRssKB: number; peakRssKB: number; hwmKB: number };
  storedIdeas: number;
  storedComments: number;
}

const TARGET_BYTES = 50e6;
/** Bengali: three bytes a character. */
const PHRASE = 'আমাদের পাড়ায় শিশুদের জন্য একটি নিরাপদ খেলার মাঠ আর সন্ধ্যায় আলো চাই। ';

function context(deviceId: string): CommandContext {
  let clock = Date.UTC(2026, 10, 28, 10, 0);
  return { deviceId, now: () => (clock += 1000), newId: () => randomUUID() };
}

function text(prefix: string, length: number): string {
  return `${prefix} ${PHRASE.repeat(Math.ceil(length / PHRASE.length))}`.slice(0, length).trim();
}

/** The biggest session the server's record limits allow, past TARGET_BYTES: 2,000 long ideas, then comments. */
function bigSession(sessionId: string): { doc: Y.Doc; ideas: number; comments: number } {
  const doc = new Y.Doc();
  const ctx = context('tablet-big');
  createSession(doc, sessionId, workshopSettings(), ctx);
  const ideaIds: string[] = [];
  for (let i = 0; i < 2000; i++) {
    ideaIds.push(
      addProposal(
        doc,
        {
          title: text(`${i + 1}.`, 100),
          description: text(`${i + 1}.`, 2000),
          themeId: 'green',
          costPence: 500_000,
          where: 'Eastfield',
        },
        null,
        ctx,
      ),
    );
  }
  // Comments as addComment writes them (it re-reads the whole session per comment, which would dominate here).
  let comments = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < TARGET_BYTES) {
    doc.transact(() => {
      for (let i = 0; i < 1000; i++, comments++) {
        const comment: Comment = {
          id: ctx.newId(),
          proposalId: ideaIds[comments % ideaIds.length]!,
          participantId: null,
          text: text(`${comments + 1}.`, 1000),
          deviceId: ctx.deviceId,
          at: ctx.now(),
        };
        maps(doc).comments.set(comment.id, comment);
      }
    });
  }
  return { doc, ideas: ideaIds.length, comments };
}

function procStatus(pid: number | 'self'): { rssKB: number; hwmKB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssKB: field('VmRSS'), hwmKB: field('VmHWM') };
}

/** Resets this process's VmHWM to its current RSS (Linux 4.0+); false where that is not allowed. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export async function bigSyncFigures(): Promise<{ rows: Row[]; details: BigSyncDetails }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'codesign-bench-bigsync-'));
  let server: Awaited<ReturnType<typeof spawnServer>> | null = null;
  try {
    const store = Store.open(dataDir);
    const device = redeemCode(store, createEnrolCode(store, 'facilitator', 'Tablet').code, 'Tablet');
    assign(store, device.deviceId, { kind: 'neighbourhood', value: workshopSettings().neighbourhood });
    store.close();

    const sessionId = randomUUID();
    const { doc, ideas, comments } = bigSession(sessionId);
    const whole = Y.encodeStateAsUpdate(doc);
    const sessionBytes = whole.byteLength;
    const c0 = performance.now();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const copyMs = performance.now() - c0;
    copy.destroy();

    server = await spawnServer(dataDir);
    const pid = server.child.pid!;
    const idle = procStatus(pid);
    let serverPeakKB = idle.rssKB;
    let clientSampledKB = procStatus('self').rssKB;
    const sampler = setInterval(() => {
      serverPeakKB = Math.max(serverPeakKB, procStatus(pid).rssKB);
      clientSampledKB = Math.max(clientSampledKB, procStatus('self').rssKB);
    }, 50);

    const canReset = resetPeak();
    const before = procStatus('self');
    clientSampledKB = before.rssKB;
    const t0 = performance.now();
    const sync = startCouncilSync({
      doc,
      sessionId,
      token: device.token,
      baseUrl: server.base,
      WebSocketPolyfill: WebSocket,
    });
    try {
      await sync.whenSynced();
    } finally {
      sync.destroy();
    }
    const syncMs = performance.now() - t0;
    clearInterval(sampler);
    const clientPeakKB = canReset ? procStatus('self').hwmKB : clientSampledKB;
    const serverAfter = procStatus(pid);

    const reader = Store.open(dataDir);
    const rows = reader.updatesFor(sessionId);
    reader.close();
    const stored = new Y.Doc();
    Y.transact(stored, () => rows.forEach((r) => Y.applyUpdate(stored, r.update)));
    const records = readRecords(stored);
    const storedBytes = rows.reduce((n, r) => n + r.bytes, 0);
    const complete = records.proposals.length === ideas && records.comments.length === comments;

    const mb = (kB: number): number => round((kB * 1024) / 1e6, 1);
    const details: BigSyncDetails = {
      sessionBytes,
      ideas,
      comments,
      syncMs,
      copyMs,
      parts: rows.length,
      storedBytes,
      client: {
        beforeRssKB: before.rssKB,
        peakKB: clientPeakKB,
        peakMeasuredBy: canReset ? 'VmHWM after clear_refs' : 'VmRSS every 50 ms',
      },
      server: {
        idleRssKB: idle.rssKB,
        peakRssKB: Math.max(serverPeakKB, serverAfter.rssKB),
        hwmKB: serverAfter.hwmKB,
      },
      storedIdeas: records.proposals.length,
      storedComments: records.comments.length,
    };
    const sizeText = `${round(sessionBytes / 1e6, 1)} MB session (${ideas} ideas, ${comments} comments)`;
    const result: Row[] = [
      {
        id: 'sync.big.firstSync',
        figure: `First sync of a ${sizeText} from the app, in parts`,
        unit: 'ms',
        value: complete ? round(syncMs, 0) : Number.POSITIVE_INFINITY,
        baseline: round(copyMs, 0),
        baselineLabel: 'the same content copied in memory: encode the whole state, apply it to a fresh Y.Doc',
        goal: { under: 120_000 },
        samples: 1,
        note:
          `${rows.length} parts stored, ${round(storedBytes / 1e6, 1)} MB in SQLite; ` +
          (complete
            ? 'every idea and comment in the server’s archive'
            : `INCOMPLETE: ${records.proposals.length} ideas, ${records.comments.length} comments stored`),
      },
      {
        id: 'sync.big.clientPeak',
        figure: `Device memory at its peak during that first sync (RSS above its level at the start)`,
        unit: 'MB',
        value: mb(clientPeakKB - before.rssKB),
        baseline: mb(before.rssKB),
        baselineLabel: 'the bench process (holding the session) just before the sync',
        goal: null,
        samples: 1,
        note: details.client.peakMeasuredBy,
      },
      {
        id: 'sync.big.serverPeak',
        figure: 'Server memory (RSS) at its peak during that first sync',
        unit: 'MB',
        value: mb(details.server.peakRssKB),
        baseline: mb(idle.rssKB),
        baselineLabel: 'the same server idle just before',
        goal: null,
        samples: 1,
        note: `VmRSS every 50 ms; process peak (VmHWM) ${mb(serverAfter.hwmKB)} MB`,
      },
    ];
    return { rows: result, details };
  } finally {
    server?.child.kill('SIGTERM');
    if (server) await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
