/**
 * The storage bench page: the app's real document store, commands and session view, run in Chromium and driven
 * from test/bench/browser.ts through `window.bench`.
 */
import * as Y from 'yjs';
import { IndexedDbDocStore } from '../../../src/storage/indexedDbDocStore';
import { keySigner, newKeyPair } from '../../../src/storage/deviceKey';
import { addComment, browserContext, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { viewSession } from '../../../src/doc/session';
import type { BenchPageApi, BenchWindow, ReopenSample, WriteSample } from './api';

const store = new IndexedDbDocStore();
let bytes: Uint8Array | null = null;

function loaded(): Uint8Array {
  if (!bytes) throw new Error('Call load() first.');
  return bytes;
}

function commit(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

function openRawDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('bench-raw-writes', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('rows', { autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
}

const api: BenchPageApi = {
  async load(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
    return bytes.length;
  },

  async store(sessionId) {
    const handle = await store.open(sessionId);
    Y.applyUpdate(handle.doc, loaded());
    await handle.whenSaved();
    await handle.close();
  },

  async reopen(sessionId): Promise<ReopenSample> {
    const t0 = performance.now();
    const handle = await store.open(sessionId);
    const t1 = performance.now();
    const view = viewSession(handle.doc);
    const t2 = performance.now();
    await handle.close();
    if (!view) throw new Error('The reopened document has no session.');
    return { totalMs: t2 - t0, openMs: t1 - t0, viewMs: t2 - t1, visibleProposals: view.visible.length };
  },

  decode() {
    const update = loaded();
    const t0 = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const ms = performance.now() - t0;
    doc.destroy();
    return ms;
  },

  async writes(sessionId, n): Promise<WriteSample[]> {
    const handle = await store.open(sessionId);
    const { doc } = handle;
    const ctx = browserContext(`bench-tablet-${crypto.randomUUID()}`, keySigner(newKeyPair));
    const who = await startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
    await handle.whenSaved();
    const visible = viewSession(doc)?.visible ?? [];
    if (visible.length === 0) throw new Error('No visible proposal to comment on.');
    let updateBytes = 0;
    const onUpdate = (update: Uint8Array): void => {
      updateBytes += update.length;
    };
    doc.on('update', onUpdate);
    const samples: WriteSample[] = [];
    for (let i = 0; i < n; i++) {
      updateBytes = 0;
      const proposalId = visible[(i * 37) % visible.length]!.id;
      const t0 = performance.now();
      addComment(
        doc,
        { proposalId, text: `Comment ${i + 1}: I agree, and it should run at weekends too.` },
        who,
        ctx,
      );
      const t1 = performance.now();
      await handle.whenSaved();
      const t2 = performance.now();
      samples.push({ totalMs: t2 - t0, commandMs: t1 - t0, commitMs: t2 - t1, updateBytes });
    }
    doc.off('update', onUpdate);
    await finishParticipant(doc, who, ctx);
    await handle.close();
    return samples;
  },

  async rawWrites(n, size) {
    const db = await openRawDb();
    const row = new Uint8Array(size).fill(7);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const tx = db.transaction(['rows'], 'readwrite');
      tx.objectStore('rows').add(row);
      await commit(tx);
      out.push(performance.now() - t0);
    }
    db.close();
    return out;
  },
};

(window as unknown as BenchWindow).bench = api;
document.getElementById('status')!.textContent = 'ready';
