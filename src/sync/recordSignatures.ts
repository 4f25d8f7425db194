/**
 * Checks a signed record's signature (src/domain/recordSigning.ts), synchronously: the change rules
 * (changeRules.ts) are synchronous and shared by the council server and the browser, so the check is too.
 *
 * Two implementations of the same ECDSA P-256 / SHA-256 check over a 64-byte IEEE P1363 signature (r || s, as
 * WebCrypto makes it; WebCrypto does not normalise s, so a "high-S" signature is valid here):
 * - on Node (the server, tests, the CLIs): node:crypto's native verify, reached through
 *   `process.getBuiltinModule` (Node >= 20.16) so this module has no static Node import and still bundles for
 *   the browser. About 0.1-0.5 ms a record.
 * - in the browser: @noble/curves' p256 (audited, no dependencies but @noble/hashes), with `lowS: false` to
 *   accept WebCrypto's high-S signatures and `prehash: true` (SHA-256 of the message, as WebCrypto does). About
 *   ten times slower than native, acceptable for a file import or a council sync on a facilitator's or officer's
 *   device. WebCrypto's own verify is asynchronous, which the rules cannot await.
 * Only the chunks that check changes load this module (file import, council sync); a resident's kiosk does not.
 */
import { p256 } from '@noble/curves/nist.js';
import { KEY_FIELD, NotSignableError, SIGNATURE_FIELD, signingBytes } from '../domain/recordSigning';

/** True when `signature` is `publicKey`'s ECDSA P-256 / SHA-256 signature (P1363) of `message`. */
export type P256Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

/** What a record's signature fields say. */
export type SignatureState =
  /** Neither field: a record written before records were signed (or not signed at all). */
  | 'unsigned'
  /** The key and the signature are there and the signature is the key's, over the record as it is. */
  | 'valid'
  /** Anything else: one field without the other, a malformed key or signature, or a signature that fails. */
  | 'invalid';

const PUBLIC_KEY_BYTES = 33;
/** Imported public keys kept by the native check: far more devices than one council has. */
const MAX_CACHED_KEYS = 1_000;
/** DER of a P-256 SubjectPublicKeyInfo up to its 33-byte compressed point (what node:crypto imports). */
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
  0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00,
]);
const SIGNATURE_BYTES = 64;

/** Decodes strict base64 of exactly `length` bytes; null otherwise. */
export function fromBase64(text: unknown, length: number): Uint8Array | null {
  if (typeof text !== 'string' || text.length !== 4 * Math.ceil(length / 3)) return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length !== length) return null;
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export const nobleVerify: P256Verify = (publicKey, message, signature) => {
  try {
    return p256.verify(signature, message, publicKey, { lowS: false, prehash: true, format: 'compact' });
  } catch {
    return false;
  }
};

interface NodeCrypto {
  createPublicKey(input: { key: Uint8Array; format: 'der'; type: 'spki' }): unknown;
  verify(
    algorithm: string,
    data: Uint8Array,
    key: { key: unknown; dsaEncoding: 'ieee-p1363' },
    signature: Uint8Array,
  ): boolean;
}

function nodeCrypto(): NodeCrypto | null {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const module = process?.getBuiltinModule?.('node:crypto');
  return module ? (module as NodeCrypto) : null;
}

/** node:crypto's verify, or null where there is no Node. */
export function nativeVerifier(): P256Verify | null {
  const crypto = nodeCrypto();
  if (!crypto) return null;
  // A session's records come from a few devices: their imported keys are kept (importing costs about as much as
  // verifying). Bounded, so a flood of fresh keys cannot grow it: past the bound it starts again.
  const keys = new Map<string, unknown>();
  const keyOf = (publicKey: Uint8Array): unknown => {
    const id = String.fromCharCode(...publicKey);
    let key = keys.get(id);
    if (key === undefined) {
      const der = new Uint8Array(SPKI_PREFIX.length + publicKey.length);
      der.set(SPKI_PREFIX);
      der.set(publicKey, SPKI_PREFIX.length);
      key = crypto.createPublicKey({ key: der, format: 'der', type: 'spki' });
      if (keys.size >= MAX_CACHED_KEYS) keys.clear();
      keys.set(id, key);
    }
    return key;
  };
  return (publicKey, message, signature) => {
    if (publicKey.length !== PUBLIC_KEY_BYTES) return false;
    try {
      return crypto.verify(
        'sha256',
        message,
        { key: keyOf(publicKey), dsaEncoding: 'ieee-p1363' },
        signature,
      );
    } catch {
      return false;
    }
  };
}

const defaultVerify: P256Verify = nativeVerifier() ?? nobleVerify;

/**
 * The state of `record`'s signature, stored in `map` of session `sessionId` (see SignatureState). `verify` is for
 * tests that compare the two implementations.
 */
export function signatureState(
  sessionId: string,
  map: string,
  record: unknown,
  verify: P256Verify = defaultVerify,
): SignatureState {
  if (typeof record !== 'object' || record === null) return 'invalid';
  const fields = record as Record<string, unknown>;
  const hasKey = Object.hasOwn(fields, KEY_FIELD);
  const hasSignature = Object.hasOwn(fields, SIGNATURE_FIELD);
  if (!hasKey && !hasSignature) return 'unsigned';
  const publicKey = fromBase64(fields[KEY_FIELD], PUBLIC_KEY_BYTES);
  const signature = fromBase64(fields[SIGNATURE_FIELD], SIGNATURE_BYTES);
  // A compressed point starts 02 or 03.
  if (!publicKey || !signature || (publicKey[0] !== 2 && publicKey[0] !== 3)) return 'invalid';
  let message: Uint8Array;
  try {
    message = signingBytes(sessionId, map, fields);
  } catch (e) {
    if (e instanceof NotSignableError) return 'invalid';
    throw e;
  }
  return verify(publicKey, message, signature) ? 'valid' : 'invalid';
}
