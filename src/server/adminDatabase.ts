/**
 * The admin CLI's files (adminCli.ts): which council database a command uses, the backup it writes, and what the
 * file system refused, in the admin's words.
 *
 * An admin command never creates a database: one run without DATA_DIR used to make a new, empty ./data, so
 * `enrol` made a code the server never knew, `devices` said no device was enrolled and `backup` copied nothing
 * with exit code 0. It refuses instead, and every command says which file it used.
 */
import { chmodSync, closeSync, existsSync, openSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Say } from './adminWords';
import { DataDirError, dataDirSentence, DB_FILE, Store } from './store';

export type OpenedDatabase = { ok: true; store: Store; file: string } | { ok: false; mistake: string };

/** The database in DATA_DIR (default ./data, as `npm start`), opened only if it is there. */
export function openCouncilDatabase(env: NodeJS.ProcessEnv, say: Say): OpenedDatabase {
  const dataDir = resolve(env.DATA_DIR?.trim() || 'data');
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) return { ok: false, mistake: say('noDatabase', { file }) };
  try {
    return { ok: true, store: Store.open(dataDir), file };
  } catch (e) {
    if (e instanceof DataDirError) return { ok: false, mistake: dataDirMistake(e, say) };
    throw e;
  }
}

/** A sentence for a file-system error a command met (a missing folder, one it may not write), else null. */
export function fileProblem(e: unknown, say: Say): string | null {
  if (e instanceof DataDirError) return dataDirMistake(e, say);
  const { code, path } = (e ?? {}) as NodeJS.ErrnoException;
  if (typeof path !== 'string') return null;
  switch (code) {
    case 'ENOENT':
      return say('noFolder', { folder: dirname(path) });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return say('folderNotWritable', { folder: dirname(path) });
    case 'ENOTDIR':
      return say('notAFolder', { file: path });
    default:
      return null;
  }
}

/** Not writable: run the command as the server's user; anything else (codesign.sqlite a folder): as the server. */
function dataDirMistake(e: DataDirError, say: Say): string {
  return e.problem === 'notWritable'
    ? say('dataDirNotWritable', { folder: e.folder })
    : dataDirSentence(say, e);
}

/** The path with its folder's links resolved, so two names of one file compare equal. */
function canonical(path: string): string {
  const dir = dirname(path);
  return existsSync(dir) ? join(realpathSync(dir), basename(path)) : path;
}

/** True when `a` and `b` are the same file (same path, or the same file under another name). */
function isSameFile(a: string, b: string): boolean {
  if (canonical(a) === canonical(b)) return true;
  if (!existsSync(a) || !existsSync(b)) return false;
  const [sa, sb] = [statSync(a), statSync(b)];
  return sa.dev === sb.dev && sa.ino === sb.ino;
}

export type BackupOutcome = { ok: true; file: string } | { ok: false; mistake: string };

/**
 * `backup <file>`: a consistent copy of the live database, owner-only (it holds residents' answers): the file is
 * made 0600 before SQLite writes into it, and again after. The live file itself (or its -wal, -shm or -journal)
 * is refused: SQLite "backed it up" onto itself with exit code 0 and no copy made.
 */
export async function backupDatabase(
  store: Store,
  liveFile: string,
  target: string,
  say: Say,
): Promise<BackupOutcome> {
  const file = resolve(target);
  if (existsSync(file) && statSync(file).isDirectory()) {
    const example = join(file, `codesign-${new Date().toISOString().slice(0, 10)}.sqlite`);
    return { ok: false, mistake: say('backupIsFolder', { file, example }) };
  }
  const live = ['', '-wal', '-shm', '-journal'].map((suffix) => liveFile + suffix);
  if (live.some((f) => isSameFile(file, f))) return { ok: false, mistake: say('backupIsLive', { file }) };
  closeSync(openSync(file, 'w', 0o600));
  chmodSync(file, 0o600);
  await store.db.backup(file);
  chmodSync(file, 0o600);
  return { ok: true, file };
}
