import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../src/server/adminCli';
import { redeemCode, sha256 } from '../../../src/server/devices';
import { Store } from '../../../src/server/store';
import { PROJECT_DIR, tempDir } from './support';

async function admin(
  dataDir: string,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAdmin(
    argv,
    { DATA_DIR: dataDir },
    { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') },
  );
  return { code, out, err };
}

describe('admin CLI', { timeout: 20_000 }, () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });
  const data = (): string => {
    const t = tempDir();
    cleanup.push(t.remove);
    return t.dir;
  };

  it('Given enrol --json, Then a JSON object with a 10-character code, the role, the name and the expiry; only its hash is stored', async () => {
    const dir = data();
    const before = Date.now();
    const r = await admin(
      dir,
      'enrol',
      '--role',
      'facilitator',
      '--name',
      'Tablet 3',
      '--expires-minutes',
      '30',
      '--json',
    );
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { code: string; role: string; name: string; expiresAt: string };
    expect(parsed).toMatchObject({ role: 'facilitator', name: 'Tablet 3' });
    expect(parsed.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);
    const expires = Date.parse(parsed.expiresAt) - before;
    expect(expires).toBeGreaterThan(29 * 60_000);
    expect(expires).toBeLessThan(31 * 60_000);
    const db = new Database(join(dir, 'codesign.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT code_hash FROM enrol_codes').all() as { code_hash: string }[];
    db.close();
    expect(rows).toEqual([{ code_hash: sha256(parsed.code) }]);
  });

  it('Given enrol without --json, Then the code and a QR code are printed', async () => {
    const r = await admin(data(), 'enrol', '--role', 'officer', '--name', 'Office laptop');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Enrolment code for Office laptop \(officer\): [2-9A-Z]{10}/);
    expect(r.out).toContain('█');
  });

  it('Given devices, revoke and devices --json, Then the device is listed, then listed as revoked', async () => {
    const dir = data();
    const { code } = JSON.parse(
      (await admin(dir, 'enrol', '--role', 'officer', '--name', 'Laptop', '--json')).out,
    ) as {
      code: string;
    };
    const store = Store.open(dir);
    const { deviceId } = redeemCode(store, code, 'Office laptop');
    store.close();
    expect((await admin(dir, 'devices')).out).toContain('Office laptop');
    expect((await admin(dir, 'revoke', deviceId)).code).toBe(0);
    const listed = JSON.parse((await admin(dir, 'devices', '--json')).out) as {
      id: string;
      revokedAt: string | null;
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.id).toBe(deviceId);
    expect(listed[0]?.revokedAt).not.toBeNull();
  });

  it.each([
    [['frob'], /"frob" is not a command/],
    [['enrol', '--name', 'x'], /--role facilitator or --role officer/],
    [['enrol', '--role', 'boss', '--name', 'x'], /"boss" is not a role/],
    [['enrol', '--role', 'officer'], /--name/],
    [['enrol', '--role', 'officer', '--name', 'x', '--expires-minutes', 'soon'], /--expires-minutes must be/],
    [['enrol', '--bogus'], /Unknown option '--bogus'/],
    [['revoke'], /Say which device to revoke/],
    [['revoke', 'no-such-device'], /There is no device no-such-device/],
    [['updates'], /--device/],
    [['rollback', '--device', 'x'], /--session/],
  ])('Given %j, Then a clear sentence and exit code 2', async (argv, message) => {
    const r = await admin(data(), ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('Given npm run admin as a process with a mistake, Then exit code 2 and the sentence on stderr', () => {
    const dir = data();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', 'revoke', 'nobody'], {
      cwd: PROJECT_DIR,
      env: { ...process.env, DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('There is no device nobody');
  }, 30_000);

  it('Given backup <file>, Then a consistent copy of the database is written', async () => {
    const dir = data();
    await admin(dir, 'enrol', '--role', 'officer', '--name', 'Laptop', '--json');
    const file = join(dir, 'backup.sqlite');
    expect((await admin(dir, 'backup', file)).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM enrol_codes').get()).toEqual({ n: 1 });
    db.close();
  });
});
