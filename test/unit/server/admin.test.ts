import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../src/server/adminCli';
import { cy, en, placeholdersOf } from '../../../src/server/adminWords';
import { redeemCode, sha256 } from '../../../src/server/devices';
import { Store } from '../../../src/server/store';
import { PROJECT_DIR, tempDir } from './support';

async function admin(
  dataDir: string,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  return adminIn({ DATA_DIR: dataDir }, ...argv);
}

/** The admin CLI with this environment (for the language: NCD_LANG, LC_ALL, LC_MESSAGES, LANG). */
async function adminIn(
  env: NodeJS.ProcessEnv,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAdmin(argv, env, {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
  });
  return { code, out, err };
}

/** A listing's rows as cells: columns are two or more spaces apart. */
function cells(listing: string): string[][] {
  return listing
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/));
}

describe('admin CLI', { timeout: 20_000 }, () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });
  /** A data folder holding a council database, as the server leaves it after its first start. */
  const data = (): string => {
    const t = tempDir();
    cleanup.push(t.remove);
    Store.open(t.dir).close();
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
    // The name the device gave itself and the one the admin gave the code, side by side on its line.
    const line = (await admin(dir, 'devices')).out.split('\n').find((l) => l.startsWith(deviceId)) ?? '';
    expect(line).toMatch(/Office laptop\s+Laptop\s+officer/);
    expect((await admin(dir, 'revoke', deviceId)).code).toBe(0);
    const listed = JSON.parse((await admin(dir, 'devices', '--json')).out) as {
      id: string;
      revokedAt: string | null;
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.id).toBe(deviceId);
    expect(listed[0]).toMatchObject({ name: 'Office laptop', codeName: 'Laptop' });
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
      // NCD_LANG: the sentence is English whatever this machine's locale is.
      env: { ...process.env, DATA_DIR: dir, NCD_LANG: 'en' },
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

describe('admin CLI in Welsh', { timeout: 20_000 }, () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });
  /** A data folder holding a council database, as the server leaves it after its first start. */
  const data = (): string => {
    const t = tempDir();
    cleanup.push(t.remove);
    Store.open(t.dir).close();
    return t.dir;
  };

  it('Given the catalogue, Then every English message has a Welsh text with the same placeholders', () => {
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(cy[key].trim(), key).not.toBe('');
      expect(placeholdersOf(cy[key]), key).toEqual(placeholdersOf(en[key]));
      // Only the "ID" headings are the same word in both languages.
      if (en[key] !== 'ID') expect(cy[key], key).not.toBe(en[key]);
    }
  });

  it('Given --lang cy and a mistake, Then the Welsh sentence (and Welsh usage) and exit code 2', async () => {
    const dir = data();
    const wrong = await admin(dir, 'frob', '--lang', 'cy');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Nid yw "frob" yn orchymyn.');
    expect(wrong.err).toContain('Defnydd: npm run admin -- <gorchymyn> [opsiynau]');
    expect(wrong.err).not.toContain('is not a command');

    const cases: [string[], string][] = [
      [['revoke', '--lang', 'cy'], 'Dywedwch pa ddyfais i’w dirymu'],
      [['revoke', 'nobody', '--lang=cy'], 'Nid oes dyfais nobody.'],
      [['enrol', '--lang', 'cy', '--role', 'boss', '--name', 'x'], 'Nid yw "boss" yn rôl'],
      [['enrol', '--bogus', '--lang', 'cy'], "Nid yw '--bogus' yn opsiwn."],
      [['enrol', '--lang', 'cy', '--role'], 'Mae angen gwerth ar ôl yr opsiwn --role.'],
      [['assign', 'nobody', '--lang', 'cy'], 'Nid oes dyfais nobody.'],
      [['rollback', '--lang', 'cy', '--device', 'x'], 'Dywedwch ym mha sesiwn'],
      [
        ['rollback', '--lang', 'cy', '--session', '0b7e2a4c-1111-4111-8111-111111111111', '--device', 'x'],
        'Nid oes sesiwn 0b7e2a4c-1111-4111-8111-111111111111 ar y gweinydd hwn.',
      ],
    ];
    for (const [argv, sentence] of cases) {
      const r = await admin(dir, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(sentence);
    }
  });

  it('Given an unknown or missing --lang, Then one line in English and Welsh and exit code 2', async () => {
    const dir = data();
    for (const argv of [
      ['devices', '--lang', 'fr'],
      ['--lang=de', 'revoke', 'x'],
    ]) {
      const r = await adminIn({ DATA_DIR: dir, LANG: 'cy_GB.UTF-8' }, ...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/is not a language of these commands: use --lang en or --lang cy\./);
      expect(r.err).toMatch(/Nid yw "(fr|de)" yn un o ieithoedd y gorchmynion hyn/);
    }
    const missing = await admin(dir, 'devices', '--lang');
    expect(missing.code).toBe(2);
    expect(missing.err.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.err).toContain('Say which language after --lang');
    expect(missing.err).toContain('Dywedwch pa iaith ar ôl --lang');
  });

  it('Given LANG=cy_GB.UTF-8, Then Welsh; LC_ALL, NCD_LANG and --lang take precedence in that order', async () => {
    const dir = data();
    const welsh = 'Dywedwch pa ddyfais i’w dirymu';
    const english = 'Say which device to revoke';
    const said = async (env: NodeJS.ProcessEnv, ...argv: string[]): Promise<string> =>
      (await adminIn({ DATA_DIR: dir, ...env }, 'revoke', ...argv)).err;
    expect(await said({ LANG: 'cy_GB.UTF-8' })).toContain(welsh);
    expect(await said({ LC_MESSAGES: 'cy_GB.UTF-8', LANG: 'en_GB.UTF-8' })).toContain(welsh);
    expect(await said({ LC_ALL: 'C.UTF-8', LANG: 'cy_GB.UTF-8' })).toContain(english);
    expect(await said({ NCD_LANG: 'cy', LANG: 'en_GB.UTF-8' })).toContain(welsh);
    expect(await said({ NCD_LANG: 'en', LANG: 'cy_GB.UTF-8' })).toContain(english);
    expect(await said({ NCD_LANG: 'cy' }, '--lang', 'en')).toContain(english);
    expect(await said({ LANG: 'en_GB.UTF-8' }, '--lang', 'CY')).toContain(welsh);
    expect(await said({ LANG: 'cyrl' })).toContain(english);
    expect(await said({})).toContain(english);
  });

  it('Given npm run admin as a process with LANG=cy_GB.UTF-8, Then the Welsh sentence on stderr and exit code 2', () => {
    const dir = data();
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LANG: 'cy_GB.UTF-8' };
    delete env.NCD_LANG;
    delete env.LC_ALL;
    delete env.LC_MESSAGES;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', 'revoke', 'nobody'], {
      cwd: PROJECT_DIR,
      env,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'Nid oes dyfais nobody. Rhowch yr ID cyfan, fel y mae "devices" yn ei restru.',
    );
  }, 30_000);

  it('Given --help --lang cy, Then the Welsh usage, which explains --lang as the English one does', async () => {
    const dir = data();
    const welsh = await admin(dir, '--help', '--lang', 'cy');
    expect(welsh.code).toBe(0);
    expect(welsh.out).toContain('Gorchmynion:');
    expect(welsh.out).toContain('--lang en|cy');
    expect(welsh.out).toContain('LC_ALL, LC_MESSAGES neu LANG');
    const english = await admin(dir, 'help');
    expect(english.out).toContain('--lang en|cy');
    expect(english.out).toContain('NCD_LANG');
  });

  it('Given enrol in Welsh, Then the code, the role and the expiry in Welsh words; --json is the same in both languages', async () => {
    const dir = data();
    const r = await admin(dir, 'enrol', '--role', 'facilitator', '--name', 'Tabled 3', '--lang', 'cy');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Cod cofrestru ar gyfer Tabled 3 \(hwylusydd\): [2-9A-HJKMNP-TV-Z]{10}\n/);
    expect(r.out).toMatch(/mae’n ddilys tan \d\d:\d\d ar \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(r.out).toContain('█');
    const json = await admin(
      dir,
      'enrol',
      '--role',
      'officer',
      '--name',
      'Gliniadur',
      '--json',
      '--lang',
      'cy',
    );
    expect(Object.keys(JSON.parse(json.out) as object).sort()).toEqual(['code', 'expiresAt', 'name', 'role']);
    expect(JSON.parse(json.out)).toMatchObject({ role: 'officer', name: 'Gliniadur' });
  });

  it('Given devices and assignments in Welsh, Then the same columns and values, only the headings translated', async () => {
    const dir = data();
    const ids: string[] = [];
    for (const [role, name] of [
      ['facilitator', 'Tabled 3 (cas glas)'],
      ['officer', 'Gliniadur y swyddfa'],
    ] as const) {
      const { code } = JSON.parse(
        (await admin(dir, 'enrol', '--role', role, '--name', 'x', '--json')).out,
      ) as {
        code: string;
      };
      const store = Store.open(dir);
      ids.push(redeemCode(store, code, name).deviceId);
      store.close();
    }
    const [tablet = '', laptop = ''] = ids;
    expect((await admin(dir, 'revoke', laptop)).code).toBe(0);
    expect(
      (await admin(dir, 'assign', tablet, '--neighbourhood', 'Ashfield North', '--lang', 'cy')).out,
    ).toContain(`Mae sesiynau Ashfield North wedi’u neilltuo i ddyfais ${tablet} bellach`);

    for (const command of ['devices', 'assignments']) {
      const english = cells((await admin(dir, command)).out);
      const welsh = cells((await admin(dir, command, '--lang', 'cy')).out);
      expect(welsh, command).toHaveLength(english.length);
      expect(welsh[0], command).toHaveLength(english[0]?.length ?? -1);
      expect(welsh[0], command).not.toEqual(english[0]);
      expect(welsh.slice(1), command).toEqual(english.slice(1));
    }
    expect(cells((await admin(dir, 'devices', '--lang', 'cy')).out)[0]).toEqual([
      'ID',
      'ENW',
      'ENW’R COD',
      'RÔL',
      'COFRESTRWYD',
      'DIRYMWYD',
    ]);
    const assignments = cells((await admin(dir, 'assignments', '--lang', 'cy')).out);
    expect(assignments[1]?.slice(0, 3)).toEqual([tablet, 'neighbourhood', 'Ashfield North']);
    expect(JSON.parse((await admin(dir, 'devices', '--json', '--lang', 'cy')).out)).toEqual(
      JSON.parse((await admin(dir, 'devices', '--json')).out),
    );
  });
});

/**
 * From a walk of the admin commands with wrong input: `--hours -1` said "needs a value after it" (a value was
 * given) and printed the whole usage, `--bogus` printed the whole usage, `end-relay` alone named allow-relay,
 * `revoke --device x` did not say that revoke takes the id on its own, and `assignments --session x` ignored
 * --session with exit 0. The standard: what is wrong in one or two sentences, exit 2, no stack, nothing changed.
 */
describe('admin CLI with wrong input', { timeout: 20_000 }, () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });
  const SESSION = '0b7e2a4c-1111-4111-8111-111111111111';

  /** A council database with a facilitator tablet (assigned a session) and an officer laptop. */
  async function council(): Promise<{ dir: string; tablet: string; laptop: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    Store.open(t.dir).close();
    const ids: string[] = [];
    for (const role of ['facilitator', 'officer']) {
      const made = await admin(t.dir, 'enrol', '--role', role, '--name', role, '--json');
      const store = Store.open(t.dir);
      ids.push(redeemCode(store, (JSON.parse(made.out) as { code: string }).code, role).deviceId);
      store.close();
    }
    const [tablet = '', laptop = ''] = ids;
    expect((await admin(t.dir, 'assign', tablet, SESSION)).code).toBe(0);
    return { dir: t.dir, tablet, laptop };
  }

  /** Every row of every table, to show a refused command changed nothing. */
  function everything(dir: string): Record<string, unknown[]> {
    const db = new Database(join(dir, 'codesign.sqlite'), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all() as { name: string }[];
      return Object.fromEntries(
        tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]),
      );
    } finally {
      db.close();
    }
  }

  /** The command's stderr, less the line naming the database, as lines. */
  const said = (err: string): string[] =>
    err
      .trimEnd()
      .split('\n')
      .filter(
        (line) => !line.startsWith('Council database: ') && !line.startsWith('Cronfa ddata’r cyngor: '),
      );

  async function refused(dir: string, argv: string[], sentence: string): Promise<void> {
    const before = everything(dir);
    const r = await admin(dir, ...argv);
    const what = argv.join(' ');
    expect(r.code, what).toBe(2);
    expect(r.out, what).toBe('');
    expect(said(r.err), what).toEqual([sentence]);
    expect(r.err, what).not.toContain('    at ');
    expect(everything(dir), what).toEqual(before);
  }

  it('Given a negative number after --hours, --older-than or --expires-minutes, Then the range sentence, as with "="', async () => {
    const { dir, laptop } = await council();
    const relay = ['allow-relay', '--device', laptop, '--session', SESSION];
    const hours = '--hours must be a whole number of hours from 1 to 168 (a week).';
    await refused(dir, [...relay, '--hours', '-1'], hours);
    await refused(dir, [...relay, '--hours=-1'], hours);
    await refused(dir, ['allow-relay', '--device', 'X', '--hours', '-1'], hours);
    const days = '--older-than must be a whole number of days from 1 to 36500.';
    await refused(dir, ['erase-answers', '--older-than', '-1'], days);
    await refused(dir, ['erase-answers', '--older-than=-1'], days);
    await refused(
      dir,
      ['enrol', '--role', 'facilitator', '--name', 'T3', '--expires-minutes', '-5'],
      '--expires-minutes must be a whole number of minutes from 1 to 10080 (a week).',
    );
    await refused(
      dir,
      ['erase-answers', '--older-than', '-1', '--lang', 'cy'],
      'Rhaid i --older-than fod yn rhif cyfan o ddyddiau, o 1 i 36500.',
    );
  });

  it('Given an unknown option or a missing value, Then one line and where to look, not the whole usage', async () => {
    const { dir } = await council();
    const help = 'See "npm run admin -- help" for every command and its options.';
    await refused(dir, ['devices', '--bogus'], `Unknown option '--bogus'. ${help}`);
    await refused(dir, ['allow-relay', '--hours'], `The option --hours needs a value after it. ${help}`);
    await refused(
      dir,
      ['enrol', '--bogus', '--lang', 'cy'],
      'Nid yw \'--bogus\' yn opsiwn. Gweler "npm run admin -- help" am bob gorchymyn a’i opsiynau.',
    );
    // The pointer leads somewhere: help is a command.
    expect((await admin(dir, 'help')).out).toContain('Usage: npm run admin -- <command> [options]');
  });

  it('Given end-relay with nothing after it, Then the sentence shows end-relay, not allow-relay', async () => {
    const { dir } = await council();
    await refused(
      dir,
      ['end-relay'],
      'Say which officer device and which session: end-relay --device <deviceId> --session <sessionId> (whole ids, see "devices").',
    );
  });

  it('Given --device to a command that takes the device id on its own, Then it says so and revokes or assigns nothing', async () => {
    const { dir, tablet } = await council();
    await refused(
      dir,
      ['revoke', '--device', tablet],
      '"revoke" takes the device id on its own, not after --device: revoke <deviceId>.',
    );
    await refused(
      dir,
      ['revoke', '--device', 'nonexistent'],
      '"revoke" takes the device id on its own, not after --device: revoke <deviceId>.',
    );
    for (const command of ['assign', 'unassign']) {
      await refused(
        dir,
        [command, '--device', tablet, SESSION],
        `"${command}" takes the device id on its own, not after --device: ${command} <deviceId> <sessionId>, or ${command} <deviceId> --neighbourhood "Ashfield North".`,
      );
    }
    await refused(
      dir,
      ['assignments', '--device', tablet],
      '"assignments" takes the device id on its own, not after --device: assignments [<deviceId>].',
    );
  });

  it('Given an option the command does not take, Then it is refused in one sentence naming it', async () => {
    const { dir, laptop } = await council();
    const help = 'See "npm run admin -- help" for every command and its options.';
    await refused(
      dir,
      ['end-relay', '--device', laptop, '--session', SESSION, '--hours', '2'],
      `"end-relay" does not take the option --hours. ${help}`,
    );
    await refused(
      dir,
      ['backup', join(dir, 'copy.sqlite'), '--json'],
      `"backup" does not take the option --json. ${help}`,
    );
    expect(existsSync(join(dir, 'copy.sqlite'))).toBe(false);
  });

  it('Given assignments --session, Then it is refused (a device may have a session through its neighbourhood), not ignored', async () => {
    const { dir } = await council();
    await refused(
      dir,
      ['assignments', '--session', 'nope'],
      '"assignments" lists by device, not by session (a device may have a session through its neighbourhood): run "assignments" for every device, or "assignments <deviceId>" for one.',
    );
    await refused(
      dir,
      ['assignments', '--session', SESSION],
      '"assignments" lists by device, not by session (a device may have a session through its neighbourhood): run "assignments" for every device, or "assignments <deviceId>" for one.',
    );
  });
});
