/**
 * The admin CLI and its files (adminDatabase.ts), from a walk of an admin's first month: a command run without
 * DATA_DIR made a new empty ./data (a code the server never knew, "no devices", an empty backup with exit 0),
 * backups were readable by everyone, `backup` onto the live file said "Backed up" and made no copy, and a missing
 * folder or an unwritable one gave Node's raw text with exit 1. Real SQLite files in temp dirs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redeemCode } from '../../../src/server/devices';
import { lockDataDir } from '../../../src/server/dataDirLock';
import { DataDirError, DB_FILE, Store } from '../../../src/server/store';
import { adminOn, PROJECT_DIR, tempDir } from './support';

const cleanup: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const f of cleanup.splice(0).reverse()) f();
});

function folder(): string {
  const t = tempDir('codesign-admin-db-');
  cleanup.push(t.remove);
  return t.dir;
}

/** Stands in the table below for the backup's target, a file in a fresh folder of the test's own. */
const BACKUP_FILE = '<fresh folder>/never-written.sqlite';

/** A data folder holding a council database, as the server leaves it after its first start. */
function councilData(): string {
  const dir = folder();
  Store.open(dir).close();
  return dir;
}

const admin = adminOn;

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('an admin command never makes a database of its own', () => {
  it.each([
    [['enrol', '--role', 'facilitator', '--name', 'Tablet 3']],
    [['devices']],
    [['backup', BACKUP_FILE]],
    [['erase-answers', '--older-than', '30']],
  ])(
    'Given DATA_DIR with no council database, When %j, Then it refuses in one sentence, exit 2, and creates nothing',
    async (argv) => {
      // Not a fixed /tmp path, which a file left there by an earlier run or another checkout would fail.
      const target = join(folder(), 'never-written.sqlite');
      const args = argv.map((arg) => (arg === BACKUP_FILE ? target : arg));
      const empty = folder();
      const missing = join(folder(), 'data');
      for (const dir of [empty, missing]) {
        const r = await admin(dir, ...args);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err.trim()).toBe(
          `There is no council database at ${join(dir, DB_FILE)}. Set DATA_DIR to the folder the server uses (npm start uses ./data unless DATA_DIR is set).`,
        );
      }
      expect(readdirSync(empty)).toEqual([]);
      expect(existsSync(missing)).toBe(false);
      expect(existsSync(target)).toBe(false);
    },
  );

  it('Given --lang cy and no database, Then the sentence in Welsh', async () => {
    const r = await admin(folder(), 'devices', '--lang', 'cy');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Nid oes cronfa ddata’r cyngor yn');
    expect(r.err).toContain('Gosodwch DATA_DIR');
  });

  it('Given a council database, When a command runs, Then it says which database on stderr, and stdout stays the listing or the JSON', async () => {
    const dir = councilData();
    const file = join(dir, DB_FILE);
    const listed = await admin(dir, 'devices');
    expect(listed.code).toBe(0);
    expect(listed.err).toBe(`Council database: ${file}\n`);
    expect(listed.out).toBe('No devices are enrolled yet.\n');
    const json = await admin(dir, 'devices', '--json');
    expect(JSON.parse(json.out)).toEqual([]);
    expect(json.err).toBe(`Council database: ${file}\n`);
    expect((await admin(dir, 'devices', '--lang', 'cy')).err).toBe(`Cronfa ddata’r cyngor: ${file}\n`);
  });

  it('Given council-key, Then no database is needed or named', async () => {
    const dir = folder();
    const r = await admin(dir, 'council-key', join(dir, 'council.key'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(existsSync(join(dir, DB_FILE))).toBe(false);
  });
});

describe('backup', () => {
  it('Given a backup, Then the copy is owner-only (0600) and holds the data', async () => {
    const dir = councilData();
    await admin(dir, 'enrol', '--role', 'officer', '--name', 'Laptop', '--json');
    const file = join(folder(), 'codesign-2026-12-07.sqlite');
    const r = await admin(dir, 'backup', file);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Backed up the database to ${file}.\n`);
    expect(mode(file)).toBe('600');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM enrol_codes').get()).toEqual({ n: 1 });
    db.close();
  });

  it('Given an old backup file readable by everyone, When backed up over, Then it is made owner-only', async () => {
    const dir = councilData();
    const file = join(folder(), 'codesign.sqlite.bak');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    expect((await admin(dir, 'backup', file)).code).toBe(0);
    expect(mode(file)).toBe('600');
  });

  it('Given the live database file (by any name) as the backup, Then it is refused, exit 2, and the database is untouched', async () => {
    const dir = councilData();
    await admin(dir, 'enrol', '--role', 'officer', '--name', 'Laptop', '--json');
    const live = join(dir, DB_FILE);
    const before = readFileSync(live);
    for (const target of [live, join(dir, '.', DB_FILE), `${live}-wal`]) {
      const r = await admin(dir, 'backup', target);
      expect(r.code, target).toBe(2);
      expect(r.out, target).toBe('');
      expect(r.err, target).toContain('is the council database itself (or one of its files)');
    }
    expect(readFileSync(live).equals(before)).toBe(true);
  });

  it('Given a folder that does not exist, or a folder as the file, Then a sentence and exit 2', async () => {
    const dir = councilData();
    const away = folder();
    const missing = await admin(dir, 'backup', join(away, 'no such folder', 'b.sqlite'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`There is no folder ${join(away, 'no such folder')}: create it first`);
    expect(missing.err).not.toMatch(/ENOENT/);
    const asFolder = await admin(dir, 'backup', away);
    expect(asFolder.code).toBe(2);
    expect(asFolder.err).toContain(
      `${away} is a folder: give a file name in it, for example ${away}/codesign-`,
    );
  });
});

describe('file-system errors in words', () => {
  it('Given council-key into a folder that does not exist, Then a sentence and exit 2, not ENOENT', async () => {
    const dir = folder();
    const r = await admin(dir, 'council-key', join(dir, 'no such drive', 'council.key'));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      `There is no folder ${join(dir, 'no such drive')}: create it first, or choose a file in a folder that exists.`,
    );
  });

  it('Given a data folder this user may not write, Then the CLI says so and exits 2', async () => {
    const dir = councilData();
    vi.spyOn(Store, 'open').mockImplementation(() => {
      throw new DataDirError(dir, 'EACCES');
    });
    const r = await admin(dir, 'devices');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      `Cannot write to ${dir}: run this command as the user the server runs as, and make the folder writable by that user.`,
    );
  });

  it('Given a data folder the server may not write, When the server starts, Then one sentence saying what to do, no library-error', () => {
    // A folder nobody may make, root included (sysfs refuses mkdir: EPERM, or EROFS where it is mounted
    // read-only), so the test needs no other user: running as one needs the project readable by that user, which
    // a clone in a private temporary folder is not.
    const data = '/sys/codesign-test-data';
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/serve.ts'], {
      cwd: PROJECT_DIR,
      env: { ...process.env, DATA_DIR: data, PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('library-error');
    expect(r.stderr.trim()).toBe(
      `Cannot start: The server cannot write to ${data}: make it writable by the user the server runs as.`,
    );
  }, 30_000);
});

/**
 * From a walk: `DATA_DIR=/etc/hostname npm start` (a file) or `DATA_DIR=/dev/null/x` (under one) printed Node's
 * "EEXIST: file already exists, mkdir …" and, from npm start, a stack trace. Both starts, a real process each.
 */
describe('a DATA_DIR that is not a folder', () => {
  /** `npm start` (start.ts) or `npm run server` (serve.ts) on DATA_DIR, in the environment's language. */
  const start = (script: string, dataDir: string, lang = 'en') =>
    spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: PROJECT_DIR,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', NCD_LANG: lang },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it.each(['src/server/start.ts', 'src/server/serve.ts'])(
    'Given DATA_DIR is a file, or a folder under a file, When %s starts, Then one sentence naming it and what to do, exit 1, no stack, the file unchanged',
    (script) => {
      const dir = folder();
      const file = join(dir, 'hostname');
      writeFileSync(file, 'council-1\n');
      const cases: [string, string][] = [
        [file, `Cannot start: DATA_DIR ${file} is a file, not a folder: set DATA_DIR to a folder.`],
        [
          join(file, 'x'),
          `Cannot start: DATA_DIR ${join(file, 'x')} cannot be made: ${file} is a file, not a folder. Set DATA_DIR to a folder.`,
        ],
        [
          '/dev/null/x',
          'Cannot start: DATA_DIR /dev/null/x cannot be made: /dev/null is a file, not a folder. Set DATA_DIR to a folder.',
        ],
      ];
      for (const [dataDir, sentence] of cases) {
        const r = start(script, dataDir);
        expect(r.status, dataDir).toBe(1);
        expect(r.stderr.trim(), dataDir).toBe(sentence);
        expect(r.stderr, dataDir).not.toContain('    at ');
        expect(r.stdout, dataDir).not.toContain('library-error');
      }
      expect(readFileSync(file, 'utf8')).toBe('council-1\n');
      expect(readdirSync(dir)).toEqual(['hostname']);
    },
    60_000,
  );

  it('Given a Welsh environment, Then the sentence is in Welsh', () => {
    const file = join(folder(), 'hostname');
    writeFileSync(file, '');
    const r = start('src/server/serve.ts', file, 'cy');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Methu cychwyn: Mae DATA_DIR ${file} yn ffeil, nid yn ffolder: gosodwch DATA_DIR i ffolder.`,
    );
  }, 30_000);

  it('Given any other refusal of the file system (a name too long), Then a sentence naming the folder and the code', () => {
    const dataDir = join(folder(), 'x'.repeat(300));
    expect(() => lockDataDir(dataDir)).toThrow(
      `The server cannot make or open the data folder ${dataDir} (ENAMETOOLONG): set DATA_DIR to a folder the server may create and write.`,
    );
    expect(() => Store.open(dataDir)).toThrow(DataDirError);
  });
});

describe('words', () => {
  it('Given one participant erased, or one day, Then the words are singular', async () => {
    const dir = councilData();
    const r = await admin(dir, 'erase-answers', '--older-than', '1');
    expect(r.out).toContain('no answers given more than 1 day ago are stored');
  });

  it('Given the first characters of a device id, Then the whole id is asked for, naming the one meant', async () => {
    const dir = councilData();
    const { code } = JSON.parse(
      (await admin(dir, 'enrol', '--role', 'facilitator', '--name', 'Tablet 3', '--json')).out,
    ) as { code: string };
    const store = Store.open(dir);
    const { deviceId } = redeemCode(store, code, 'Tablet 3');
    store.close();
    const short = deviceId.slice(0, 8);
    for (const argv of [
      ['revoke', short],
      ['assign', short, '--neighbourhood', 'Ashfield'],
      ['updates', '--device', short],
    ]) {
      const r = await admin(dir, ...argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.err, argv[0]).toContain(
        `There is no device ${short}. Give the whole id, as "devices" lists it: did you mean ${deviceId}?`,
      );
    }
    const none = await admin(dir, 'revoke', 'zzzz');
    expect(none.err).toContain('There is no device zzzz. Give the whole id, as "devices" lists it.\n');
  });
});
