/**
 * Residents' about-you answers, sealed to the council's public key (issue 12 §8).
 *
 * Age, disability and ethnicity are special category data (UK GDPR). The tablet seals a participant's answers
 * BEFORE they reach the Y.Doc, so neither a lost tablet (y-indexeddb keeps old updates until it compacts) nor a
 * session file nor the council server's archive holds them in the clear. Only a device holding the council's
 * private key file (the officer view) opens them.
 *
 * Scheme: ECIES on P-256 with WebCrypto only (runtime-neutral: globalThis.crypto.subtle in Node 20 and browsers).
 * ECDH P-256 rather than RSA-OAEP because the public key is small enough to paste or scan into the session form
 * (65 bytes, 87 characters of base64url, against ~400 for an RSA-2048 SPKI), generating a key pair is instant, and
 * each envelope uses a fresh ephemeral key, so two envelopes never share an AES key.
 *
 *   1. ephemeral ECDH P-256 key pair (e); shared = ECDH(e, council public key), 256 bits
 *   2. aesKey = HKDF-SHA-256(shared, salt = raw(epk), info = "codesign-answers/1 " + kid), AES-256-GCM
 *   3. ct = AES-GCM(aesKey, iv 12 random bytes, plaintext, additional data = "codesign-answers/1 LF session LF
 *      participant LF kid"): the additional data binds the envelope to its record, so an envelope copied into
 *      another participant's record (or another session) does not open.
 *   4. plaintext = the canonical JSON of the answers padded with spaces to a multiple of PAD bytes, so the length
 *      of the envelope does not tell which options were chosen.
 *
 * The envelope is stored as ONE string (JSON of {v, kid, epk, iv, ct}, base64url fields): opaque to the document,
 * replaced whole, never edited in place.
 *
 * The council public key as the facilitator pastes it: "ncdck1.<kid>.<base64url of the 65-byte raw point>". The
 * key id is the first 9 bytes of SHA-256 of the raw point (base64url, 12 characters), so a key id that does not
 * match its key is caught on paste, and rotation is by key id: the officer may hold several private keys.
 */

import { ValidationError } from './errors';

export const ENVELOPE_VERSION = 1;
/** Plaintext is padded to a multiple of this many bytes. */
export const PAD = 256;
/** The longest envelope string a record may hold (also the record shape's limit). */
export const ENVELOPE_MAX_LENGTH = 8_000;
/** The longest council public key text a session's settings may hold (a key is 107 characters). */
export const COUNCIL_KEY_LENGTH = 200;
const PUBLIC_PREFIX = 'ncdck1';
const PRIVATE_KIND = 'codesign-council-private-key';
const INFO = 'codesign-answers/1';

/** Bytes WebCrypto accepts (TypeScript's lib tells ArrayBuffer from SharedArrayBuffer views). */
type Bytes = Uint8Array<ArrayBuffer>;

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export function toB64u(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null for anything that is not base64url. */
export function fromB64u(text: string): Bytes | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

/** The council's public key, as carried in a session's settings. */
export interface CouncilPublicKey {
  kid: string;
  /** 65-byte uncompressed P-256 point. */
  raw: Bytes;
}

/** The envelope as stored (every bytes field base64url). */
export interface AnswersEnvelope {
  v: number;
  kid: string;
  epk: string;
  iv: string;
  ct: string;
}

/** Where an envelope belongs: it opens only in this record. */
export interface EnvelopePlace {
  sessionId: string;
  participantId: string;
}

async function keyIdOf(raw: Bytes): Promise<string> {
  const hash = new Uint8Array(await subtle().digest('SHA-256', raw));
  return toB64u(hash.slice(0, 9));
}

/** The text a facilitator pastes into the session form. */
export function publicKeyText(key: CouncilPublicKey): string {
  return `${PUBLIC_PREFIX}.${key.kid}.${toB64u(key.raw)}`;
}

/**
 * The pasted text with white space taken out when it has the form of a council public key, else null. Synchronous
 * (the settings check): whether the key id matches and the point is on the curve is readPublicKey's job.
 */
export function councilKeyForm(text: string): string | null {
  const clean = text.replace(/\s+/g, '');
  return /^ncdck1\.[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{87}$/.test(clean) ? clean : null;
}

/**
 * The session form's check on saving: a key pasted into the form must read as a council key (key id matching the
 * key, a point on the curve), or a resident's answers could not be sealed at the tablet. '' and absent pass.
 */
export async function checkCouncilKey(text: string | undefined): Promise<void> {
  if (!text) return;
  if (!(await readPublicKey(text)).ok) throw new ValidationError('notACouncilKey', 'councilKey');
}

export type PublicKeyProblem = 'notACouncilKey' | 'keyIdMismatch' | 'notOnCurve';

/**
 * Reads a pasted council public key; says what is wrong with it. White space anywhere is ignored (a key split
 * over lines by an email program still reads).
 */
export async function readPublicKey(
  text: string,
): Promise<{ ok: true; key: CouncilPublicKey } | { ok: false; problem: PublicKeyProblem }> {
  const parts = text.replace(/\s+/g, '').split('.');
  if (parts.length !== 3 || parts[0] !== PUBLIC_PREFIX) return { ok: false, problem: 'notACouncilKey' };
  const raw = fromB64u(parts[2] ?? '');
  if (raw === null || raw.length !== 65 || raw[0] !== 4) return { ok: false, problem: 'notACouncilKey' };
  if ((await keyIdOf(raw)) !== parts[1]) return { ok: false, problem: 'keyIdMismatch' };
  try {
    await importPublic(raw);
  } catch {
    return { ok: false, problem: 'notOnCurve' };
  }
  return { ok: true, key: { kid: parts[1], raw } };
}

function importPublic(raw: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
}

/** A new council key pair: the public key's text, and the private key file's contents (JSON, keep it secret). */
export async function generateCouncilKey(
  createdAt: string,
): Promise<{ kid: string; publicText: string; privateFile: string }> {
  const pair = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  const kid = await keyIdOf(raw);
  const jwk = await subtle().exportKey('jwk', pair.privateKey);
  const privateFile = JSON.stringify({ kind: PRIVATE_KIND, kid, createdAt, jwk }, null, 2) + '\n';
  return { kid, publicText: publicKeyText({ kid, raw }), privateFile };
}

/** The officer's private keys by key id (several while keys are rotated). Held in memory only. */
export type CouncilKeyring = ReadonlyMap<string, CryptoKey>;

export type PrivateKeyProblem = 'notAKeyFile' | 'keyIdMismatch';

/**
 * Reads a private key file written by `npm run admin -- council-key`. The key is imported non-extractable: once
 * read, the page can use it but never write it out again.
 */
export async function readPrivateKeyFile(
  text: string,
): Promise<{ ok: true; kid: string; key: CryptoKey } | { ok: false; problem: PrivateKeyProblem }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notAKeyFile' };
  }
  const file = parsed as { kind?: unknown; kid?: unknown; jwk?: JsonWebKey } | null;
  if (file?.kind !== PRIVATE_KIND || typeof file.kid !== 'string' || typeof file.jwk !== 'object') {
    return { ok: false, problem: 'notAKeyFile' };
  }
  const { jwk } = file;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || !jwk.d) {
    return { ok: false, problem: 'notAKeyFile' };
  }
  const x = fromB64u(jwk.x);
  const y = fromB64u(jwk.y);
  if (x === null || y === null || x.length !== 32 || y.length !== 32)
    return { ok: false, problem: 'notAKeyFile' };
  const raw = new Uint8Array(65);
  raw[0] = 4;
  raw.set(x, 1);
  raw.set(y, 33);
  if ((await keyIdOf(raw)) !== file.kid) return { ok: false, problem: 'keyIdMismatch' };
  try {
    const key = await subtle().importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d },
      { name: 'ECDH', namedCurve: 'P-256' },
      false,
      ['deriveBits'],
    );
    return { ok: true, kid: file.kid, key };
  } catch {
    return { ok: false, problem: 'notAKeyFile' };
  }
}

function additionalData(place: EnvelopePlace, kid: string): Bytes {
  return utf8.encode(`${INFO}\n${place.sessionId}\n${place.participantId}\n${kid}`);
}

async function aesKey(shared: ArrayBuffer, epkRaw: Bytes, kid: string, use: KeyUsage): Promise<CryptoKey> {
  const ikm = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: epkRaw, info: utf8.encode(`${INFO} ${kid}`) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    [use],
  );
}

/** Canonical JSON of the answers (keys sorted), so the same answers always give the same plaintext. */
function canonical(answers: Readonly<Record<string, string>>): string {
  // fromEntries, not assignment: a question id "__proto__" stays an ordinary key.
  return JSON.stringify(
    Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

/** Seals a participant's answers to the council key. Returns the envelope string to store in the record. */
export async function sealAnswers(
  answers: Readonly<Record<string, string>>,
  council: CouncilPublicKey,
  place: EnvelopePlace,
): Promise<string> {
  const json = utf8.encode(canonical(answers));
  const padded = new Uint8Array(Math.ceil((json.length + 1) / PAD) * PAD).fill(0x20);
  padded.set(json);
  const eph = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const epkRaw = new Uint8Array(await subtle().exportKey('raw', eph.publicKey));
  const shared = await subtle().deriveBits(
    { name: 'ECDH', public: await importPublic(council.raw) },
    eph.privateKey,
    256,
  );
  const key = await aesKey(shared, epkRaw, council.kid, 'encrypt');
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(place, council.kid) },
      key,
      padded,
    ),
  );
  const envelope: AnswersEnvelope = {
    v: ENVELOPE_VERSION,
    kid: council.kid,
    epk: toB64u(epkRaw),
    iv: toB64u(iv),
    ct: toB64u(ct),
  };
  return JSON.stringify(envelope);
}

/**
 * Seals answers to the key a session's settings carry (the kiosk's path). Throws when the key is not a council
 * key: the session form checks it before saving, so this is a session written by something else.
 */
export async function sealForSession(
  councilKeyText: string,
  answers: Readonly<Record<string, string>>,
  place: EnvelopePlace,
): Promise<string> {
  const key = await readPublicKey(councilKeyText);
  if (!key.ok) throw new Error(`the session's council key cannot be used: ${key.problem}`);
  return sealAnswers(answers, key.key, place);
}

/**
 * Why an envelope did not open:
 * - unreadable: not an envelope at all (or one of a later version this app does not know);
 * - unknownKey: sealed to a key id the officer has not loaded (`kid` says which: load that key file);
 * - tampered: the key is right but the envelope was changed, or copied from another record (AES-GCM refused it).
 */
export type OpenProblem = 'unreadable' | 'unknownKey' | 'tampered';

export type Opened =
  | { ok: true; kid: string; answers: Record<string, string> }
  | { ok: false; problem: OpenProblem; kid: string | null };

/** Reads an envelope's key id without opening it (null when it is not an envelope). */
export function envelopeKeyId(envelope: string): string | null {
  const e = parseEnvelope(envelope);
  return e === null ? null : e.kid;
}

function parseEnvelope(text: string): AnswersEnvelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const e = parsed as Partial<AnswersEnvelope> | null;
  if (e === null || typeof e !== 'object' || e.v !== ENVELOPE_VERSION) return null;
  if (typeof e.kid !== 'string' || typeof e.epk !== 'string') return null;
  if (typeof e.iv !== 'string' || typeof e.ct !== 'string') return null;
  return e as AnswersEnvelope;
}

/** Opens an envelope with the officer's keys. Never throws: every failure is a reason. */
export async function openAnswers(
  envelope: string,
  keys: CouncilKeyring,
  place: EnvelopePlace,
): Promise<Opened> {
  const e = parseEnvelope(envelope);
  if (e === null) return { ok: false, problem: 'unreadable', kid: null };
  const priv = keys.get(e.kid);
  if (!priv) return { ok: false, problem: 'unknownKey', kid: e.kid };
  const epkRaw = fromB64u(e.epk);
  const iv = fromB64u(e.iv);
  const ct = fromB64u(e.ct);
  if (epkRaw === null || iv === null || ct === null || iv.length !== 12) {
    return { ok: false, problem: 'tampered', kid: e.kid };
  }
  let plain: Uint8Array;
  try {
    const shared = await subtle().deriveBits({ name: 'ECDH', public: await importPublic(epkRaw) }, priv, 256);
    const key = await aesKey(shared, epkRaw, e.kid, 'decrypt');
    plain = new Uint8Array(
      await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: additionalData(place, e.kid) }, key, ct),
    );
  } catch {
    return { ok: false, problem: 'tampered', kid: e.kid };
  }
  try {
    const answers = JSON.parse(fromUtf8.decode(plain)) as unknown;
    if (answers === null || typeof answers !== 'object' || Array.isArray(answers))
      throw new Error('not answers');
    const entries = Object.entries(answers);
    if (!entries.every(([, v]) => typeof v === 'string')) throw new Error('not answers');
    return { ok: true, kid: e.kid, answers: Object.fromEntries(entries) };
  } catch {
    // Authentic (AES-GCM accepted it) yet not answers: sealed by something other than this app.
    return { ok: false, problem: 'unreadable', kid: e.kid };
  }
}
