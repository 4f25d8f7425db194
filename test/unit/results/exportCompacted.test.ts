/**
 * `npm run export` reads a session from the server's archive (src/cli/export.ts loadSession). After compaction
 * (src/server/compaction.ts) each device's rows are one row under the id of its last, so a laptop's relayed row
 * can come before the tablet row it builds on. Applied row by row, Yjs 13.6 can leave such a row pending for good
 * (test/unit/server/loadRows.test.ts): the export then counted a session without those tablets' changes. Real
 * SQLite file, real Yjs documents, the workshop fixture of the other export tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadSession } from '../../../src/cli/export';
import { viewSession } from '../../../src/doc/session';
import { compactSession } from '../../../src/server/compaction';
import { DB_FILE, Store } from '../../../src/server/store';
import { relayedRows } from '../helpers/relayedRows';
import { dotsSession } from './fixtures';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('exporting a compacted session', () => {
  it('Given tablets and a relaying laptop whose compacted rows are out of the order they integrate in, When the session is exported, Then every tablet’s last change is in it', () => {
    const s = dotsSession();
    const base = Y.encodeStateAsUpdate(s.doc);
    const titles: Record<string, [string, string]> = {
      't2-first': [s.ids.P1, 'Youth club (tablet 2)'],
      t3: [s.ids.P1, 'Youth club (tablet 3)'],
      't2-last': [s.ids.P1, 'Youth club (tablet 2, last)'],
      't2-later': [s.ids.P2, 'Job fair (tablet 2)'],
      t1: [s.ids.P2, 'Job fair (tablet 1)'],
    };
    const records = s.doc.getMap<Record<string, unknown>>('proposals');
    const { rows } = relayedRows({
      map: 'proposals',
      key: s.ids.P1,
      later: s.ids.P2,
      base,
      value: (label) => ({ ...records.get(titles[label]![0])!, title: titles[label]![1] }),
    });

    const dataDir = mkdtempSync(path.join(tmpdir(), 'export-compacted-'));
    dirs.push(dataDir);
    const store = Store.open(dataDir);
    const sessionId = '11111111-1111-4111-8111-111111111111'; // dotsSession's
    store.appendUpdate(sessionId, 'device-a', base);
    for (const { device, update } of rows) store.appendUpdate(sessionId, device, update);
    compactSession(store, sessionId);
    expect(store.updatesFor(sessionId).map((r) => r.deviceId)).toEqual([
      'device-a',
      'laptop',
      'tablet-2',
      'tablet-1',
    ]);
    store.close();

    const view = loadSession(path.join(dataDir, DB_FILE), sessionId)!;
    const title = (id: string): string | undefined => view.records.proposals.find((p) => p.id === id)?.title;
    expect(title(s.ids.P1)).toBe('Youth club (tablet 2, last)');
    expect(title(s.ids.P2)).toBe('Job fair (tablet 1)');
    expect(view.records.proposals).toHaveLength(viewSession(s.doc)!.records.proposals.length);
  });
});
