/** What a page's origin keeps in IndexedDB, searched from outside the app. */
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { readRecords } from '../../../src/doc/schema';
import type { SessionRecords } from '../../../src/domain/types';
import { sessionDbName } from '../../../src/storage/indexedDbDocStore';

/** How many times `needle` occurs in everything the page's origin keeps in IndexedDB (bytes and text alike). */
export async function storedOccurrences(page: Page, needle: string): Promise<number> {
  return page.evaluate(async (needle) => {
    const n = new TextEncoder().encode(needle);
    const count = (bytes: Uint8Array): number => {
      let c = 0;
      outer: for (let i = 0; i + n.length <= bytes.length; i++) {
        for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
        c++;
      }
      return c;
    };
    const of = (value: unknown): number => {
      if (value instanceof Uint8Array) return count(value);
      if (value instanceof ArrayBuffer) return count(new Uint8Array(value));
      if (typeof value === 'string') return count(new TextEncoder().encode(value));
      if (Array.isArray(value)) return value.reduce((s: number, v) => s + of(v), 0);
      if (value && typeof value === 'object')
        return Object.values(value).reduce((s: number, v) => s + of(v), 0);
      return 0;
    };
    let total = 0;
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name as string);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      for (const store of [...db.objectStoreNames]) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(store, 'readonly').objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result as unknown[]);
          r.onerror = () => reject(r.error ?? new Error('read failed'));
        });
        total += of(all);
      }
      db.close();
    }
    return total;
  }, needle);
}

/** A session's records as the page's device has stored them: every update in its IndexedDB database, applied. */
export async function storedRecords(page: Page, sessionId: string): Promise<SessionRecords> {
  const updates = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    try {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const r = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        r.onsuccess = () => resolve(r.result as unknown[]);
        r.onerror = () => reject(r.error ?? new Error('read failed'));
      });
      return all.map((u) => [...(u as Uint8Array)]);
    } finally {
      db.close();
    }
  }, sessionDbName(sessionId));
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u));
  return readRecords(doc);
}
