// `npm run admin -- council-key <file>`: the council's key pair for residents' about-you answers.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openAnswers,
  readPrivateKeyFile,
  readPublicKey,
  sealAnswers,
} from '../../../src/domain/answersCrypto';
import { adminOn, tempDir } from './support';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

const admin = adminOn;

function dirs(): { data: string; keys: string } {
  const t = tempDir('codesign-council-key-');
  cleanup.push(t.remove);
  return { data: join(t.dir, 'data'), keys: t.dir };
}

describe('admin council-key', () => {
  it('Given a new file name, when the admin runs council-key, then the public key is printed, the private key is in an owner-only file, and they seal and open answers together', async () => {
    const d = dirs();
    const file = join(d.keys, 'council-2026.key');
    const r = await admin(d.data, 'council-key', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const pasted = /^ncdck1\.\S+$/m.exec(r.out)?.[0] ?? '';
    const pub = await readPublicKey(pasted);
    const priv = await readPrivateKeyFile(readFileSync(file, 'utf8'));
    if (!pub.ok || !priv.ok) throw new Error('the key did not read back');
    expect(r.out).toContain(`Council key ${pub.key.kid} made.`);
    expect(priv.kid).toBe(pub.key.kid);
    expect(r.out).not.toContain((JSON.parse(readFileSync(file, 'utf8')) as { jwk: { d: string } }).jwk.d);
    const place = { sessionId: 's', participantId: 'p' };
    const envelope = await sealAnswers({ age: '25-34' }, pub.key, place);
    expect(await openAnswers(envelope, new Map([[priv.kid, priv.key]]), place)).toMatchObject({
      ok: true,
      answers: { age: '25-34' },
    });
    // The database is never opened: the private key has nothing to do with it.
    expect(existsSync(d.data)).toBe(false);
  });

  it('Given --json, when run twice, then each run makes a different key id (rotation) and --json prints no private key', async () => {
    const d = dirs();
    const a = await admin(d.data, 'council-key', join(d.keys, 'a.key'), '--json');
    const b = await admin(d.data, 'council-key', join(d.keys, 'b.key'), '--json');
    const ja = JSON.parse(a.out) as { kid: string; publicKey: string };
    const jb = JSON.parse(b.out) as { kid: string; publicKey: string };
    expect(Object.keys(ja).sort()).toEqual(['file', 'kid', 'publicKey']);
    expect(ja.kid).not.toBe(jb.kid);
  });

  it('Given an existing file, no file or two files, when run, then it refuses in words (English and Welsh) and the existing file is untouched', async () => {
    const d = dirs();
    const file = join(d.keys, 'old.key');
    writeFileSync(file, 'an older key');
    const exists = await admin(d.data, 'council-key', file);
    expect(exists.code).toBe(2);
    expect(exists.err).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe('an older key');
    const none = await admin(d.data, 'council-key');
    expect(none.code).toBe(2);
    expect(none.err).toContain('Say where to write the private key');
    const two = await admin(d.data, 'council-key', 'a', 'b');
    expect(two.err).toContain('Give one private key file.');
    const welsh = await admin(d.data, 'council-key', file, '--lang', 'cy');
    expect(welsh.err).toContain('yn bodoli’n barod');
  });
});
