/**
 * `npm run export -- --session <id> --format csv|json|pb --out <file> [--rule <rule>] [--for council|publishing]
 * [--data-dir <dir>]`: exports one session from the server's database for data teams.
 *
 * Reads DATA_DIR/codesign.sqlite (DATA_DIR: --data-dir, else the DATA_DIR environment variable, else ./data)
 * READ-ONLY, rebuilds the session's Y.Doc by applying every row of the `updates` table for that session in id
 * order, and writes:
 * - csv: the results CSV to <file> and the ballots CSV next to it as <file without .csv>.ballots.csv;
 * - json: the versioned JSON export (every rule that applies);
 * - pb: the pabulib election.
 * --rule (csv and pb): votes|greedy|mes|borda; default mes for budget sessions, borda for ranking, greedy for dots.
 * --for: council (default: everything, as the council keeps it) or publishing (open data: no hidden ideas' text,
 * no moderation notes, no small about-you counts, no participant or device ids or times; each ballot under a
 * random pseudonym made for this run: src/domain/results/publishable.ts).
 * Formats: docs/exports.md. Errors (bad arguments, missing database, unknown session, a rule that does not apply,
 * an unwritable file): a sentence on stderr and exit code 2.
 */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { viewSession, type SessionView } from '../doc/session';
import { mergeArchiveUpdates } from '../server/archiveMerge';
import { ballotsCsv, resultsCsv } from '../domain/results/csv';
import { exportJson, exportJsonText } from '../domain/results/json';
import { writePabulib } from '../domain/counting';
import { sessionToPb, sessionToPbText } from '../domain/results/pb';
import {
  AUDIENCES,
  cryptoToken,
  publishableBallotsCsv,
  publishableJsonText,
  publishablePb,
  type Audience,
} from '../domain/results/publishable';
import {
  defaultRule,
  RULE_NAMES,
  ResultsError,
  sessionResults,
  type RuleName,
} from '../domain/results/results';

const USAGE =
  'Usage: npm run export -- --session <id> --format csv|json|pb --out <file> [--rule votes|greedy|mes|borda] [--for council|publishing] [--data-dir <dir>]';
const DB_FILE = 'codesign.sqlite';
const FORMATS = ['csv', 'json', 'pb'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

/** Rebuilds a session's document from the updates table, or null when the session has none. */
export function loadSession(dbPath: string, sessionId: string): SessionView | null {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT "update" FROM updates WHERE session_id = ? ORDER BY id')
      .all(sessionId) as { update: Buffer }[];
    if (rows.length === 0) return null;
    // Merged into one update first: after compaction the rows' order is not one they integrate in, and applied
    // row by row Yjs can leave a relayed row pending for good (src/server/rollback.ts says more).
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      mergeArchiveUpdates(
        rows.map((r) => new Uint8Array(r.update.buffer, r.update.byteOffset, r.update.byteLength)),
      ),
    );
    return viewSession(doc);
  } finally {
    db.close();
  }
}

function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        session: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        rule: { type: 'string' },
        for: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sessionId = values.session;
  if (!sessionId) throw new UsageError(`The --session option is missing.\n${USAGE}`);
  const format = values.format;
  if (!(FORMATS as readonly string[]).includes(format ?? '')) {
    throw new UsageError(
      `${format === undefined ? 'The --format option is missing' : `"${format}" is not a format`}: use --format csv, json or pb.\n${USAGE}`,
    );
  }
  const out = values.out;
  if (!out) throw new UsageError(`The --out option is missing.\n${USAGE}`);
  const rule = values.rule;
  if (rule !== undefined && !(RULE_NAMES as readonly string[]).includes(rule)) {
    throw new UsageError(`"${rule}" is not a rule: use ${RULE_NAMES.join(', ')}.`);
  }
  const audiences: readonly string[] = Object.values(AUDIENCES);
  const audience = values.for ?? AUDIENCES.council;
  if (!audiences.includes(audience)) {
    throw new UsageError(`"${audience}" is not who an export is for: use --for council or --for publishing.`);
  }
  const isPublishing = (audience as Audience) === AUDIENCES.publishing;
  const dataDir = resolve(values['data-dir'] ?? process.env['DATA_DIR'] ?? './data');
  const dbPath = join(dataDir, DB_FILE);
  if (!existsSync(dbPath)) throw new UsageError(`No database at ${dbPath} (set --data-dir or DATA_DIR).`);
  let view: SessionView | null;
  try {
    view = loadSession(dbPath, sessionId);
  } catch (err) {
    throw new UsageError(`Cannot read ${dbPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!view) throw new UsageError(`No session ${sessionId} in ${dbPath}.`);
  const chosen = (rule as RuleName | undefined) ?? defaultRule(view.settings.method.kind);
  const files: [string, string][] = [];
  try {
    if ((format as Format) === 'json')
      files.push([
        out,
        isPublishing ? publishableJsonText(exportJson(view), cryptoToken) : exportJsonText(view),
      ]);
    else if ((format as Format) === 'pb')
      files.push([
        out,
        isPublishing
          ? writePabulib(publishablePb(sessionToPb(view, chosen), cryptoToken))
          : sessionToPbText(view, chosen),
      ]);
    else {
      // The results CSV holds only the ideas residents could choose, by the title they were shown: the same for both.
      files.push([out, resultsCsv(sessionResults(view, chosen))]);
      files.push([
        `${out.replace(/\.csv$/i, '')}.ballots.csv`,
        isPublishing ? publishableBallotsCsv(view, cryptoToken) : ballotsCsv(view),
      ]);
    }
  } catch (err) {
    if (err instanceof ResultsError) throw new UsageError(err.message);
    throw err;
  }
  for (const [file, text] of files) {
    try {
      writeFileSync(file, text, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`Cannot write ${file}${code ? ` (${code})` : ''}.`);
    }
    process.stdout.write(`Wrote ${file}\n`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
