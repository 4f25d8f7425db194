/**
 * Signed records: what makes "only the device that wrote a resident's record may replace it" true.
 *
 * Each device has its own ECDSA P-256 key pair (src/storage/deviceKey.ts: WebCrypto, the private key
 * non-extractable). A record that may later be replaced (a participant, a ballot: `REPLACEABLE` in
 * src/sync/changeRules.ts) carries the writer's public key (`deviceKey`) and a signature (`signature`) over its
 * canonical bytes. A replacement is accepted only when it is signed by the same key as the record it replaces;
 * the `deviceId` inside a record is only a label, which any sender can copy.
 *
 * The canonical bytes of a record (docs/session-document.md, "Signed records"): the UTF-8 bytes of
 *
 *     codesign-record/1 LF <session id> LF <map name> LF <canonical JSON of the record without `signature`>
 *
 * where canonical JSON is JSON with no white space, object keys sorted by UTF-16 code units (JavaScript's default
 * sort), strings and numbers as JSON.stringify writes them. Only JSON values can be signed: a record holding
 * undefined, -0, NaN, an infinity, bytes or a nested shared type has no canonical form, so no signature can be
 * valid for it. The session id and map name bind a signature to its place: a resident's signed ballot cannot be
 * copied into another session or passed off as another kind of record.
 *
 * Signing is here (tiny, no library: the kiosk's path signs with WebCrypto). Verifying is in
 * src/sync/recordSignatures.ts, which only the server, file imports and council sync load.
 */

/**
 * The field holding the writer's public key: base64 of the compressed P-256 point (SEC 1, 33 bytes: 02 or 03 for
 * the parity of y, then x). Compressed, because every resident's record carries it: half the bytes of the
 * 65-byte form WebCrypto exports.
 */
export const KEY_FIELD = 'deviceKey';
/** The field holding the signature: base64 of the 64-byte IEEE P1363 form (r || s), as WebCrypto makes it. */
export const SIGNATURE_FIELD = 'signature';

/** The fields a signed record carries besides its own. */
export interface SignedFields {
  deviceKey: string;
  signature: string;
}

/**
 * Signs on this device, synchronously: tests, benchmarks and tools that hold a key in memory
 * (test/unit/helpers/signing.ts).
 */
export interface SyncRecordSigner {
  readonly isAsync?: false;
  /** base64 of the compressed public key (KEY_FIELD). */
  readonly publicKey: string;
  /** The 64-byte P1363 signature of ECDSA P-256 with SHA-256 over `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** Signs on this device with a key that only an asynchronous API can use (WebCrypto: the app). */
export interface AsyncRecordSigner {
  readonly isAsync: true;
  publicKey(): Promise<string>;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export type RecordSigner = SyncRecordSigner | AsyncRecordSigner;

/** A value with no canonical form (see the module comment). */
export class NotSignableError extends Error {
  override readonly name = 'NotSignableError';
}

const PREFIX = 'codesign-record/1';

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Canonical JSON of a value (see the module comment); throws NotSignableError for a value that has none. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value) || Object.is(value, -0)) throw new NotSignableError('number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        const items: string[] = [];
        // Indexes, not forEach: a hole in an array has no canonical form either.
        for (let i = 0; i < value.length; i++) {
          if (!Object.hasOwn(value, i)) throw new NotSignableError('hole');
          items.push(canonicalJson(value[i]));
        }
        return `[${items.join(',')}]`;
      }
      if (!isPlainObject(value)) throw new NotSignableError('object');
      const keys = Object.keys(value).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
    }
    default:
      throw new NotSignableError(typeof value);
  }
}

/** The bytes a record's signature is over: the record without its `signature`, in its session and map. */
export function signingBytes(sessionId: string, map: string, record: object): Uint8Array {
  const content: Record<string, unknown> = { ...record };
  delete content[SIGNATURE_FIELD];
  return new TextEncoder().encode(`${PREFIX}\n${sessionId}\n${map}\n${canonicalJson(content)}`);
}

/** The compressed form (33 bytes) of a raw uncompressed P-256 point (65 bytes: 04, x, y), as WebCrypto exports. */
export function compressPoint(raw: Uint8Array): Uint8Array {
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('not an uncompressed P-256 point');
  const out = new Uint8Array(33);
  out[0] = 2 + ((raw[64] ?? 0) & 1);
  out.set(raw.subarray(1, 33), 1);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * A copy of the record without the signature fields of an earlier version (a replacement is signed afresh).
 * Typed as the record: the records that are signed have them optional.
 */
export function unsigned<T extends object>(record: T): T {
  const rest: T & Partial<SignedFields> = { ...record };
  delete rest.deviceKey;
  delete rest.signature;
  return rest;
}

/** `record` with `publicKey` and its signature by `sign`. */
function withSignature<T extends object, R>(
  sessionId: string,
  map: string,
  record: T,
  publicKey: string,
  sign: (message: Uint8Array) => R,
): { signed: T & SignedFields; signature: R } {
  const keyed = { ...unsigned(record), [KEY_FIELD]: publicKey } as T & SignedFields;
  return { signed: keyed, signature: sign(signingBytes(sessionId, map, keyed)) };
}

/** The public key a signer signs with. */
export function signerKey(signer: RecordSigner): string | Promise<string> {
  return signer.isAsync ? signer.publicKey() : signer.publicKey;
}

/** `record` signed by a synchronous signer. */
export function signRecordSync<T extends object>(
  signer: SyncRecordSigner,
  sessionId: string,
  map: string,
  record: T,
): T & SignedFields {
  const { signed, signature } = withSignature(sessionId, map, record, signer.publicKey, (m) =>
    signer.sign(m),
  );
  return { ...signed, [SIGNATURE_FIELD]: toBase64(signature) };
}

/** `record` signed by an asynchronous signer. */
export async function signRecordAsync<T extends object>(
  signer: AsyncRecordSigner,
  sessionId: string,
  map: string,
  record: T,
): Promise<T & SignedFields> {
  const publicKey = await signer.publicKey();
  const { signed, signature } = withSignature(sessionId, map, record, publicKey, (m) => signer.sign(m));
  return { ...signed, [SIGNATURE_FIELD]: toBase64(await signature) };
}
