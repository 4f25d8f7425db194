/**
 * What a sign-in and GET /api/sessions ask the archive, on a council's busy archive (issue 12 §10): 20 sessions
 * of 10,000 rows each (200,000 rows, from 50 tablets), as sessions open all day leave it before compaction.
 * Each figure times the server's own functions (assignments.ts `mayOpen`, sessionIndex.ts `wouldRebuild` and
 * `all`, summaries already cached as a running server has them) against the queries they ran before store.ts
 * migration 3, run on the same file in the same run: MAX(received_at) read every row of a session, and a
 * device's written sessions every row it wrote.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createSession } from '../../src/doc/sessionCommands';
import { assign, mayOpen } from '../../src/server/assignments';
import { silentLogger } from '../../src/server/log';
import { SessionIndex } from '../../src/server/sessionIndex';
import { Store } from '../../src/server/store';
import { median, round, type Row } from './stats';
import { workshopSettings } from './workshopDay';

const SESSIONS = 20;
const TABLETS = 50;

/** Median ms of `runs` calls of `f`, after two not counted. */
function timed(runs: number, f: () => unknown): number[] {
  f();
  f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return ms;
}

export function archiveLookupFigures(rowsPerSession = 10_000): {
  rows: Row[];
  details: Record<string, unknown>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'codesign-bench-lookups-'));
  try {
    const store = Store.open(dir);
    const sessions = Array.from({ length: SESSIONS }, () => randomUUID());
    const tablets = Array.from({ length: TABLETS }, () => randomUUID());
    const empty = new Uint8Array([0, 0]);
    store.db.transaction(() => {
      for (const id of sessions) {
        const doc = new Y.Doc();
        createSession(doc, id, workshopSettings(), { deviceId: 'laptop', now: () => 1, newId: randomUUID });
        store.appendUpdate(id, 'laptop', Y.encodeStateAsUpdate(doc));
      }
      for (let r = 0; r < rowsPerSession * SESSIONS; r++) {
        store.appendUpdate(sessions[r % SESSIONS]!, tablets[r % TABLETS]!, empty);
      }
    })();
    const tablet = tablets[7]!;
    assign(store, tablet, { kind: 'neighbourhood', value: workshopSettings().neighbourhood });
    const index = new SessionIndex(store, silentLogger);
    index.all();
    const session = sessions[3]!;

    // The sign-in: may it open the session (on its neighbourhood), and is the summary current.
    const signIn = timed(20, () => {
      index.wouldRebuild(session);
      if (!mayOpen(store, index, { deviceId: tablet, role: 'facilitator' }, session))
        throw new Error('refused');
    });
    const oldLastRow = store.db.prepare(
      'SELECT session_id, MAX(id) AS last_id, MAX(received_at) AS last_at FROM updates WHERE session_id = ? GROUP BY session_id',
    );
    const oldWritten = store.db.prepare('SELECT DISTINCT session_id FROM updates WHERE device_id = ?');
    const assignments = store.db.prepare('SELECT kind, value FROM assignments WHERE device_id = ?');
    const signInBefore = timed(10, () => {
      oldLastRow.get(session);
      assignments.all(tablet);
      oldWritten.all(tablet);
      oldLastRow.get(session);
    });
    const list = timed(10, () => index.all());
    const oldAll = store.db.prepare(
      'SELECT session_id, MAX(id) AS last_id, MAX(received_at) AS last_at FROM updates GROUP BY session_id',
    );
    const listBefore = timed(5, () => oldAll.all());
    store.close();

    const label = `an archive of ${(rowsPerSession * SESSIONS).toLocaleString('en-GB')} rows (${SESSIONS} sessions, ${TABLETS} tablets)`;
    const rows: Row[] = [
      {
        id: 'archive.signIn',
        figure: `a facilitator's sign-in lookups (may it open the session; is its summary current) on ${label}`,
        unit: 'ms',
        value: round(median(signIn), 3),
        baseline: round(median(signInBefore), 3),
        baselineLabel:
          'the same lookups as queried before (every row of the session twice, every row the tablet wrote)',
        goal: null,
        samples: signIn.length,
      },
      {
        id: 'archive.list',
        figure: `GET /api/sessions' archive query (each session's newest row) on ${label}`,
        unit: 'ms',
        value: round(median(list), 2),
        baseline: round(median(listBefore), 2),
        baselineLabel: 'MAX(received_at) per session, as queried before (every row)',
        goal: null,
        samples: list.length,
      },
    ];
    return {
      rows,
      details: {
        rowsPerSession,
        sessions: SESSIONS,
        tablets: TABLETS,
        signIn,
        signInBefore,
        list,
        listBefore,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = archiveLookupFigures(Number(process.env.BENCH_ROWS ?? 10_000));
  console.table(rows.map((r) => ({ figure: r.figure, value: r.value, baseline: r.baseline, unit: r.unit })));
}
