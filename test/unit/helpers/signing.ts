/**
 * Signers for tests (src/domain/recordSigning.ts): synchronous, so the commands stay synchronous in tests, with
 * a key made from a seed (by default the device id), so two contexts for the same device sign with the same key
 * and a forger's device, whatever id it writes, never does. Signing is node:crypto's (native, fast), the public
 * key noble's (it derives it from the secret); the app signs with WebCrypto (src/storage/deviceKey.ts).
 */
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import {
  signRecordSync,
  toBase64,
  type SignedFields,
  type SyncRecordSigner,
} from '../../../src/domain/recordSigning';

const base64Url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

const signers = new Map<string, SyncRecordSigner>();

/** The signer of the device whose key is made from `seed` (the same seed, the same key). */
export function testSigner(seed: string): SyncRecordSigner {
  const known = signers.get(seed);
  if (known) return known;
  // A secret from the seed: SHA-256 is below the curve order but for a 2^-32 chance, and never zero here.
  const secret = new Uint8Array(createHash('sha256').update(`test-key:${seed}`).digest());
  const point = p256.getPublicKey(secret, false);
  const compressed = p256.getPublicKey(secret, true);
  const key: KeyObject = createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: base64Url(secret),
      x: base64Url(point.subarray(1, 33)),
      y: base64Url(point.subarray(33)),
    },
    format: 'jwk',
  });
  const signer: SyncRecordSigner = {
    publicKey: toBase64(compressed),
    sign: (message) => new Uint8Array(sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' })),
  };
  signers.set(seed, signer);
  return signer;
}

/** `record` of `map` in session `sessionId`, signed by the device of `seed` (records built by hand in tests). */
export function signedBy<T extends object>(
  seed: string,
  sessionId: string,
  map: 'participants' | 'ballots',
  record: T,
): T & SignedFields {
  return signRecordSync(testSigner(seed), sessionId, map, record);
}
