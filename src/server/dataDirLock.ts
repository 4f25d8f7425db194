/**
 * One server per data folder. Two servers on one DATA_DIR both opened the same SQLite file: devices on one did not
 * see the other's changes live, and compaction and erasure jobs could run twice. A server holds a lock on
 * DATA_DIR/server.lock for as long as it runs; a second one is refused in words, naming the folder and the process
 * that holds it.
 *
 * The lock is SQLite's own file lock on that small database (a write transaction left open: POSIX advisory locks
 * on Linux and macOS, LockFileEx on Windows), not a file whose presence means "locked": the operating system lets
 * go of it when the process ends in any way (SIGKILL, a crash, a power cut), so a dead server never keeps the
 * council offline, and no age or pid guess decides whether a lock is stale (a pid written before a power cut may
 * belong to another program the next morning). better-sqlite3 is already here; proper-lockfile (a lock folder
 * whose mtime a timer refreshes) would stay "held" for its stale time after a SIGKILL and adds a timer.
 *
 * Only servers take it. The admin CLI and `npm run export` open codesign.sqlite beside a running server, as they
 * are meant to (WAL and SQLite's own locks keep that safe), and never look at this file.
 *
 * The file is never deleted: deleting it on close would let a server that opened the old file and one that makes
 * a new one both "hold" a lock.
 */
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { type Say, wordsFor } from './adminWords';
import { DataDirError, dataDirError, isNotWritable } from './store';

export const LOCK_FILE = 'server.lock';

/** The server that holds a data folder, as it wrote itself into the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
}

/** Another server holds DATA_DIR: the message is the sentence `npm start` prints after "Cannot start: ". */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly folder: string,
    /** Null when the holder could not be read (it was writing itself in at that very moment). */
    readonly holder: LockHolder | null,
  ) {
    super(inUseSentence(wordsFor('en'), folder, holder));
  }
}

/** DataDirInUseError's sentence in the admin's words, naming the process (and its host when it is another). */
export function inUseSentence(say: Say, folder: string, holder: LockHolder | null): string {
  const by =
    holder === null
      ? ''
      : holder.host === hostname()
        ? say('inUseByProcess', { pid: holder.pid })
        : say('inUseByProcessOn', { pid: holder.pid, host: holder.host });
  return say('dataDirInUse', { folder, by });
}

/** A held lock on a data folder; `release` lets it go (ending the process does too). */
export interface DataDirLock {
  readonly folder: string;
  release: () => void;
}

/**
 * Takes the data folder for this server, creating the folder (0700) and the lock file (made 0600) if missing,
 * before anything else in it is opened: a refused server changes nothing. Throws DataDirInUseError when another
 * server holds it, DataDirError when the folder cannot be made or written (or DATA_DIR is a file).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const folder = resolve(dataDir);
  let db: Database.Database;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = join(folder, LOCK_FILE);
    // timeout 0: a held lock is an answer, not something to wait for. SQLite makes the file; no other descriptor
    // of it is opened here, because closing one would let go of this process's POSIX locks on it.
    db = new Database(file, { timeout: 0 });
  } catch (e) {
    throw dataDirError(folder, e) ?? e;
  }
  let wroteItself = false;
  try {
    chmodSync(db.name, 0o600);
    take(db);
    // Who holds it is written and committed first (an open write is invisible to others), then taken again. A
    // server that slips in between wins, and this one is refused below naming it.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL)');
    db.exec('DELETE FROM holder');
    db.prepare('INSERT INTO holder (pid, host) VALUES (?, ?)').run(process.pid, hostname());
    // The commit waits for readers: a server refused a moment ago reads who holds the file (readHolder), and
    // with no wait both would be refused and neither run (a review saw it in 4 of 40 starts at the same instant).
    db.pragma(`busy_timeout = ${COMMIT_WAIT_MS}`);
    db.exec('COMMIT');
    db.pragma('busy_timeout = 0');
    wroteItself = true;
    take(db);
  } catch (e) {
    const read = isBusy(e) ? readHolder(db) : null;
    // Refused after writing itself in: the winner may not have written itself over this server yet. Nor may a
    // winner that is still writing itself in, when the file names a server that has since ended (on this host).
    const isSelf = read?.pid === process.pid && read.host === hostname();
    const holder = (wroteItself && isSelf) || (read !== null && !isAlive(read)) ? null : read;
    db.close();
    if (isBusy(e)) throw new DataDirInUseError(folder, holder);
    if (isNotWritable(e)) throw new DataDirError(folder, e.code);
    throw e;
  }
  return { folder, release: () => db.close() };
}

/** Longest a server writing itself in waits for another's brief read of the file (see lockDataDir). */
const COMMIT_WAIT_MS = 5_000;

/** False only for a process on this host that is known to have ended (a holder on another host is believed). */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

/** A write transaction held open: SQLite's RESERVED lock, which readers may share and no other writer. */
function take(db: Database.Database): void {
  db.exec('BEGIN IMMEDIATE');
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** The holder's pid and host, or null while it is committing them (or has not yet). */
function readHolder(db: Database.Database): LockHolder | null {
  try {
    // A moment for a holder that is committing itself in: it holds the file only for that long.
    db.pragma('busy_timeout = 200');
    const row = db.prepare('SELECT pid, host FROM holder').get() as LockHolder | undefined;
    return row ?? null;
  } catch {
    return null;
  }
}
