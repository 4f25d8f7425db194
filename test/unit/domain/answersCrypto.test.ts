// Residents' about-you answers sealed to the council key (src/domain/answersCrypto.ts), with real WebCrypto.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  envelopeKeyId,
  fromB64u,
  generateCouncilKey,
  openAnswers,
  PAD,
  readPrivateKeyFile,
  readPublicKey,
  sealAnswers,
  toB64u,
  type CouncilKeyring,
  type CouncilPublicKey,
} from '../../../src/domain/answersCrypto';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const PLACE = { sessionId: 's-1', participantId: 'p-1' };
const ANSWERS = { age: '65-74', disability: 'Yes, limited a lot', ethnicity: 'Gypsy or Irish Traveller' };

async function councilKey(): Promise<{ pub: CouncilPublicKey; keys: CouncilKeyring; privateFile: string }> {
  const made = await generateCouncilKey('2026-12-06T08:00:00Z');
  const pub = await readPublicKey(made.publicText);
  const priv = await readPrivateKeyFile(made.privateFile);
  if (!pub.ok || !priv.ok) throw new Error('a fresh key did not read back');
  return { pub: pub.key, keys: new Map([[priv.kid, priv.key]]), privateFile: made.privateFile };
}

describe('sealing about-you answers to the council key', () => {
  it('Given a council key, when answers are sealed and opened with its private key, then the same answers come back and the envelope holds none of them', async () => {
    const { pub, keys } = await councilKey();
    const envelope = await sealAnswers(ANSWERS, pub, PLACE);
    // The envelope's only readable fields are its version and key id; the rest is base64url of random-looking bytes,
    // where a short word like 'age' turns up by chance (about 1 run in 150), so the check there is on the bytes of
    // the plaintext, long enough that chance cannot match it.
    const fields = JSON.parse(envelope) as Record<string, unknown>;
    expect(Object.keys(fields).sort()).toEqual(['ct', 'epk', 'iv', 'kid', 'v']);
    for (const value of [...Object.values(ANSWERS), ...Object.keys(ANSWERS)])
      expect(`${String(fields.v)} ${String(fields.kid)}`).not.toContain(value);
    for (const field of ['ct', 'epk', 'iv']) expect(fields[field]).toMatch(/^[A-Za-z0-9_-]+$/);
    const ct = Buffer.from(fromB64u(String(fields.ct)) ?? new Uint8Array());
    for (const plain of [JSON.stringify(ANSWERS), ...Object.values(ANSWERS).filter((v) => v.length >= 12)])
      expect(ct.includes(Buffer.from(plain, 'utf8'))).toBe(false);
    expect(envelopeKeyId(envelope)).toBe(pub.kid);
    expect(await openAnswers(envelope, keys, PLACE)).toEqual({ ok: true, kid: pub.kid, answers: ANSWERS });
  });

  it('Given answers of different lengths, when sealed, then the envelopes are the same length (padding)', async () => {
    const { pub } = await councilKey();
    const short = await sealAnswers({ age: '16-24' }, pub, PLACE);
    const long = await sealAnswers(ANSWERS, pub, PLACE);
    const ctLength = (e: string) => (JSON.parse(e) as { ct: string }).ct.length;
    expect(ctLength(short)).toBe(ctLength(long));
    expect(fromB64u((JSON.parse(short) as { ct: string }).ct)?.length).toBe(PAD + 16);
  });

  it('Given an envelope sealed to a rotated-out key, when the officer holds only the new key, then it says which key id is missing', async () => {
    const old = await councilKey();
    const current = await councilKey();
    const envelope = await sealAnswers(ANSWERS, old.pub, PLACE);
    expect(await openAnswers(envelope, current.keys, PLACE)).toEqual({
      ok: false,
      problem: 'unknownKey',
      kid: old.pub.kid,
    });
    const both: CouncilKeyring = new Map([...old.keys, ...current.keys]);
    expect(await openAnswers(envelope, both, PLACE)).toMatchObject({ ok: true, answers: ANSWERS });
  });

  it('Given an envelope, when any byte of its ciphertext, iv or ephemeral key is changed, then opening reports tampering', async () => {
    const { pub, keys } = await councilKey();
    const envelope = JSON.parse(await sealAnswers(ANSWERS, pub, PLACE)) as Record<string, string>;
    for (const field of ['ct', 'iv', 'epk']) {
      const bytes = fromB64u(envelope[field] as string) as Uint8Array;
      // epk: flip a bit of x (byte 1), which leaves the point off the curve or another point; others: the last byte
      const at = field === 'epk' ? 1 : bytes.length - 1;
      bytes[at] = (bytes[at] as number) ^ 1;
      const changed = JSON.stringify({ ...envelope, [field]: toB64u(bytes) });
      expect(await openAnswers(changed, keys, PLACE), field).toEqual({
        ok: false,
        problem: 'tampered',
        kid: pub.kid,
      });
    }
  });

  it('Given an envelope copied into another participant record, when opened there, then it is refused as tampered', async () => {
    const { pub, keys } = await councilKey();
    const envelope = await sealAnswers(ANSWERS, pub, PLACE);
    const elsewhere = { ...PLACE, participantId: 'p-2' };
    expect(await openAnswers(envelope, keys, elsewhere)).toMatchObject({ ok: false, problem: 'tampered' });
    expect(await openAnswers(envelope, keys, { ...PLACE, sessionId: 's-2' })).toMatchObject({
      ok: false,
      problem: 'tampered',
    });
  });

  it('Given text that is no envelope, when opened, then it is unreadable, not a crash', async () => {
    const { keys } = await councilKey();
    for (const bad of ['', 'plain', '{"v":2}', 'null', '{"v":1,"kid":1}']) {
      expect(await openAnswers(bad, keys, PLACE)).toEqual({ ok: false, problem: 'unreadable', kid: null });
    }
  });

  it('Given pasted public keys, when read, then a good one (even split over lines) reads and bad ones say what is wrong', async () => {
    const made = await generateCouncilKey('2026-12-06T08:00:00Z');
    const split = `${made.publicText.slice(0, 30)}\n  ${made.publicText.slice(30)}`;
    expect(await readPublicKey(split)).toMatchObject({ ok: true, key: { kid: made.kid } });
    expect(await readPublicKey('hello')).toEqual({ ok: false, problem: 'notACouncilKey' });
    const [prefix, , raw] = made.publicText.split('.');
    expect(await readPublicKey(`${prefix}.AAAAAAAAAAAA.${raw}`)).toEqual({
      ok: false,
      problem: 'keyIdMismatch',
    });
  });

  it('Given key files, when read, then a good one imports non-extractable and a wrong kid or junk says so', async () => {
    const made = await generateCouncilKey('2026-12-06T08:00:00Z');
    const good = await readPrivateKeyFile(made.privateFile);
    expect(good).toMatchObject({ ok: true, kid: made.kid });
    if (good.ok) expect(good.key.extractable).toBe(false);
    const file = JSON.parse(made.privateFile) as Record<string, unknown>;
    expect(await readPrivateKeyFile(JSON.stringify({ ...file, kid: 'AAAAAAAAAAAA' }))).toEqual({
      ok: false,
      problem: 'keyIdMismatch',
    });
    expect(await readPrivateKeyFile('not json')).toEqual({ ok: false, problem: 'notAKeyFile' });
    expect(await readPrivateKeyFile(made.publicText)).toEqual({ ok: false, problem: 'notAKeyFile' });
  });

  it('Given any answers, when sealed and opened, then they come back unchanged (property)', async () => {
    const { pub, keys } = await councilKey();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 200 }), {
          maxKeys: 12,
        }),
        fc.uuid(),
        async (answers, participantId) => {
          const place = { sessionId: 's-1', participantId };
          const opened = await openAnswers(await sealAnswers(answers, pub, place), keys, place);
          expect(opened).toEqual({ ok: true, kid: pub.kid, answers: { ...answers } });
        },
      ),
      { interruptAfterTimeLimit: PROPERTY_BUDGET_MS, numRuns: 100 },
    );
  });
});
