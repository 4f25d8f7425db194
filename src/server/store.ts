/**
 * The server's one SQLite file (DATA_DIR/codesign.sqlite, WAL). The updates table is the append-only archive of
 * every Yjs update a device sent: which device, when, how big. A session's document is rebuilt from it.
 *
 * Migrations: SCHEMA is the first version (every statement `IF NOT EXISTS`); each later change is one entry of
 * MIGRATIONS, applied once, in order, in one transaction that also moves `PRAGMA user_version` on. So a database
 * file from an earlier version keeps all its rows and gains the new tables the first time it is opened, whether by
 * the server or by the admin CLI (both may open it at once: the transaction is IMMEDIATE and checks the version
 * again inside it). Never edit a migration that has shipped: add one.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Say, wordsFor } from './adminWords';

/** Why the server cannot use its data folder (DataDirError). */
export type DataDirProblem =
  /** The folder or its database file may not be written (EACCES, EPERM, EROFS, or SQLite opening it read-only). */
  | 'notWritable'
  /** DATA_DIR names a file (or a device), not a folder. */
  | 'isFile'
  /** A folder above DATA_DIR is a file: `blocker` names it (DATA_DIR=/etc/hostname/data, /dev/null/x). */
  | 'underFile'
  /** Any other refusal of the file system (a full disk, a loop of links, a name too long): `code` says which. */
  | 'unusable';

/**
 * The data folder or its database file cannot be made or opened. The message is the English sentence; `npm start`
 * says it in the admin's language (startProblem.ts) and the admin CLI in its own words, from `problem`.
 */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
  constructor(
    readonly folder: string,
    readonly code: string,
    readonly problem: DataDirProblem = 'notWritable',
    /** For 'underFile': the file in the way. */
    readonly blocker: string = folder,
  ) {
    super(dataDirSentence(wordsFor('en'), { folder, code, problem, blocker }));
  }
}

/** A DataDirError's sentence in the admin's words (the one `npm start` prints after "Cannot start: "). */
export function dataDirSentence(
  say: Say,
  e: Pick<DataDirError, 'folder' | 'code' | 'problem' | 'blocker'>,
): string {
  const { folder } = e;
  switch (e.problem) {
    case 'notWritable':
      return say('serverCannotWrite', { folder });
    case 'isFile':
      return say('dataDirIsFile', { folder });
    case 'underFile':
      return say('dataDirUnderFile', { folder, file: e.blocker });
    case 'unusable':
      return say('dataDirUnusable', { folder, code: e.code });
  }
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** True for a file-system or SQLite error meaning "not allowed to write here". */
export function isNotWritable(e: unknown): e is { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return NOT_WRITABLE.has(code) || /^SQLITE_(READONLY|CANTOPEN|PERM)/.test(code);
}

/**
 * What making or opening the data folder `dir` (or a file in it) refused, as a DataDirError; null for an error that
 * is not the file system's (a bug, SQLite reading the file), which the caller throws as it is. Node's own words
 * ("EEXIST: file already exists, mkdir …") and a stack told the admin nothing they could act on.
 */
export function dataDirError(dir: string, e: unknown): DataDirError | null {
  if (isNotWritable(e)) return new DataDirError(dir, e.code);
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    const blocker = fileInTheWay(dir);
    if (blocker === dir) return new DataDirError(dir, code, 'isFile');
    if (blocker !== null) return new DataDirError(dir, code, 'underFile', blocker);
  }
  return new DataDirError(dir, code, 'unusable');
}

/** The nearest existing path at or above `dir` when it is not a folder, else null. */
function fileInTheWay(dir: string): string | null {
  for (let path = dir; ; path = dirname(path)) {
    try {
      return statSync(path).isDirectory() ? null : path;
    } catch {
      // Not there (or not reachable through a file above it): look one level up.
    }
    if (dirname(path) === path) return null;
  }
}

export const DB_FILE = 'codesign.sqlite';

/** Device id written on updates made by the admin CLI (rollbacks); the running server picks these up. */
export const ADMIN_DEVICE = 'admin';

export type Role = 'facilitator' | 'officer';
export const ROLES: readonly Role[] = ['facilitator', 'officer'];

export interface StoredUpdate {
  id: number;
  sessionId: string;
  deviceId: string;
  receivedAt: number;
  bytes: number;
  update: Uint8Array;
}

export interface UpdateInfo {
  id: number;
  sessionId: string;
  deviceId: string;
  receivedAt: string;
  bytes: number;
}

export interface DeviceRow {
  id: string;
  /** The name the device gave itself when it enrolled (what its own screens call it). */
  name: string;
  /** The name the admin gave its enrolment code (`enrol --name`); '' for devices enrolled before it was kept. */
  codeName: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  "update" BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_session ON updates(session_id, id);
CREATE INDEX IF NOT EXISTS updates_device ON updates(device_id, id);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'officer')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS enrol_codes (
  code_hash TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'officer')),
  name TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE IF NOT EXISTS rollbacks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  update_id INTEGER,
  keys_removed INTEGER NOT NULL,
  keys_restored INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/** Later schema changes, in order: entry i takes the file to user_version i + 1. */
const MIGRATIONS: readonly string[] = [
  // 1: session assignment (which sessions a facilitator device should have): one session, or every session of a
  // neighbourhood (matched on a normalised name, `neighbourhoodKey`; `label` is the name as the admin typed it).
  `CREATE TABLE IF NOT EXISTS assignments (
    device_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'neighbourhood')),
    value TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, kind, value)
  );`,
  // 2: compaction (compaction.ts): a session's state up to an archive row, so loading applies one snapshot and
  // the rows after it instead of every update ever sent.
  `CREATE TABLE IF NOT EXISTS snapshots (
    session_id TEXT PRIMARY KEY,
    up_to_id INTEGER NOT NULL,
    state BLOB NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );`,
  // 3: which sessions a device wrote to, and whether it wrote to one (assignments.ts), and whether the admin CLI
  // wrote to a session since a row (sync.ts), without reading every row the device or the session has: before
  // this, each sign-in read every archive row of the device (0.2 ms with this index against 14 ms, 4,000 rows).
  // SQLite keeps the row id as the index's last column, so `device_id = ? AND session_id = ? AND id > ?` is
  // one lookup too.
  `CREATE INDEX IF NOT EXISTS updates_device_session ON updates(device_id, session_id);`,
  // 4: the name the admin gave the enrolment code (`enrol --name "Tablet 3"`), kept beside the name the device
  // gave itself, so `devices` lists both: before, the admin's name was dropped whenever the device sent its own.
  `ALTER TABLE devices ADD COLUMN code_name TEXT NOT NULL DEFAULT '';`,
  // 5: relay permits (relayPermits.ts): an officer device the admin lets pass on one session's records after a
  // restore, until a time.
  `CREATE TABLE IF NOT EXISTS relay_permits (
    device_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, session_id)
  );`,
  // 6: the session's first receipt, kept with its snapshot (compaction.ts). Compaction merges a device's rows into
  // one under its last row's received_at, so after it the rows no longer say when the council first had the
  // session; the retention period needs that time (receipts.ts). NULL for a snapshot made before this.
  `ALTER TABLE snapshots ADD COLUMN first_received_at INTEGER;`,
];

/** The schema version this code writes (PRAGMA user_version once every migration has run). */
export const STORE_VERSION = MIGRATIONS.length;

interface UpdateRow {
  id: number;
  session_id: string;
  device_id: string;
  received_at: number;
  bytes: number;
  update: Buffer;
}

interface DeviceDbRow {
  id: string;
  name: string;
  code_name: string;
  role: Role;
  created_at: number;
  revoked_at: number | null;
}

function toUpdate(r: UpdateRow): StoredUpdate {
  return {
    id: r.id,
    sessionId: r.session_id,
    deviceId: r.device_id,
    receivedAt: r.received_at,
    bytes: r.bytes,
    update: new Uint8Array(r.update.buffer, r.update.byteOffset, r.update.byteLength),
  };
}

export function toDevice(r: DeviceDbRow): DeviceRow {
  return {
    id: r.id,
    name: r.name,
    codeName: r.code_name,
    role: r.role,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
  };
}

export class Store {
  readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the client is told it is stored, even if the machine loses power.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.migrate();
  }

  /** Brings an older database file up to STORE_VERSION, keeping every row. */
  private migrate(): void {
    const version = (): number => Number(this.db.pragma('user_version', { simple: true }));
    if (version() >= MIGRATIONS.length) return;
    this.db
      .transaction(() => {
        for (let v = version(); v < MIGRATIONS.length; v++) {
          this.db.exec(MIGRATIONS[v] ?? '');
          this.db.pragma(`user_version = ${v + 1}`);
        }
      })
      .immediate();
  }

  /**
   * Opens (creating if needed) DATA_DIR and the SQLite file in it. The file holds residents' answers, so it is
   * owner-only: a new DATA_DIR is created 0700, and the database file is created (or tightened) to 0600 before
   * SQLite opens it; SQLite gives its -wal and -shm files the database file's mode, and any left by an older
   * version are tightened too. An existing DATA_DIR keeps its mode (a backup job may need to read it). A folder or
   * file this user may not write, or a DATA_DIR that is a file, is a DataDirError, in words.
   */
  static open(dataDir: string): Store {
    const dir = resolve(dataDir);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, DB_FILE);
      closeSync(openSync(file, 'a', 0o600));
      for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
      const db = new Database(file);
      try {
        return new Store(db);
      } catch (e) {
        db.close();
        throw e;
      }
    } catch (e) {
      // A raw "EACCES: permission denied, open '…'" and a stack told the admin nothing they could act on.
      throw dataDirError(dir, e) ?? e;
    }
  }

  close(): void {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /**
   * `db.prepare(sql)`, prepared once per store: the sign-in and message checks run a few queries for each of a
   * thousand devices connecting at once, and preparing each again cost about as much as running it.
   */
  statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  appendUpdate(sessionId: string, deviceId: string, update: Uint8Array, at = Date.now()): number {
    const info = this.statement(
      'INSERT INTO updates (session_id, device_id, received_at, bytes, "update") VALUES (?, ?, ?, ?, ?)',
    ).run(sessionId, deviceId, at, update.byteLength, Buffer.from(update));
    return Number(info.lastInsertRowid);
  }

  updatesFor(sessionId: string, afterId = 0, deviceId?: string): StoredUpdate[] {
    const rows = (
      deviceId === undefined
        ? this.statement('SELECT * FROM updates WHERE session_id = ? AND id > ? ORDER BY id').all(
            sessionId,
            afterId,
          )
        : this.statement(
            'SELECT * FROM updates WHERE session_id = ? AND id > ? AND device_id = ? ORDER BY id',
          ).all(sessionId, afterId, deviceId)
    ) as UpdateRow[];
    return rows.map(toUpdate);
  }

  storedBytes(sessionId: string): number {
    const row = this.db
      .prepare('SELECT COALESCE(SUM(bytes), 0) AS total FROM updates WHERE session_id = ?')
      .get(sessionId) as { total: number };
    return row.total;
  }

  /** The archive of one device's updates, without their contents. */
  listUpdates(deviceId: string, sessionId?: string): UpdateInfo[] {
    const sql =
      'SELECT id, session_id, device_id, received_at, bytes FROM updates WHERE device_id = ?' +
      (sessionId === undefined ? '' : ' AND session_id = ?') +
      ' ORDER BY id';
    const args = sessionId === undefined ? [deviceId] : [deviceId, sessionId];
    const rows = this.db.prepare(sql).all(...args) as Omit<UpdateRow, 'update'>[];
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      deviceId: r.device_id,
      receivedAt: new Date(r.received_at).toISOString(),
      bytes: r.bytes,
    }));
  }

  sessionCount(): number {
    const row = this.db.prepare('SELECT COUNT(DISTINCT session_id) AS n FROM updates').get() as { n: number };
    return row.n;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A document name must be a session id: a UUID. Anything else is refused before the document is created. */
export function isSessionId(name: string): boolean {
  return UUID.test(name);
}
