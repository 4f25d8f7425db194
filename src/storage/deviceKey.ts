/**
 * This device's signing key (src/domain/recordSigning.ts): an ECDSA P-256 key pair made once with WebCrypto, the
 * private key non-extractable, kept in the device's own database (AppDb `deviceKeys`) beside its identity. It
 * signs the records a later write may replace (a resident's participant record and ballot), so only this device
 * can replace them, whoever relays them.
 *
 * Losing the database loses the key: records signed with it stay valid and counted, but no device can replace
 * them any more (a resident's turn then ends, as it does when the database is cleared anyway).
 *
 * WebCrypto's `crypto.subtle` exists only in a secure context (https, or localhost): served over plain http the
 * app cannot sign, and a resident's turn cannot start (the command fails and the screen says it could not save).
 * The app needs a secure context for its service worker and offline use anyway.
 */
import type { AsyncRecordSigner } from '../domain/recordSigning';
import { compressPoint, toBase64 } from '../domain/recordSigning';
import type { AppDb, DeviceKeyEntry } from './appDb';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

function subtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('WebCrypto is not available (the page is not in a secure context)');
  return subtle;
}

/** A new key pair, the private key non-extractable. */
export async function newKeyPair(): Promise<Pick<DeviceKeyEntry, 'privateKey' | 'publicKey'>> {
  const subtle = subtleCrypto();
  const pair = await subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  const publicKey = toBase64(compressPoint(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))));
  return { privateKey: pair.privateKey, publicKey };
}

/** The device's key pair: the stored one, or a new one made and stored now (one, even when asked at once). */
export async function deviceKey(db: AppDb): Promise<DeviceKeyEntry> {
  const existing = await db.deviceKeys.get('self');
  if (existing) return existing;
  // Made outside the transaction: awaiting WebCrypto inside one would let IndexedDB commit it early.
  const made: DeviceKeyEntry = { key: 'self', ...(await newKeyPair()), createdAt: Date.now() };
  return db.transaction('rw', db.deviceKeys, async () => {
    const first = await db.deviceKeys.get('self');
    if (first) return first;
    await db.deviceKeys.add(made);
    return made;
  });
}

/** Signs with the key `load` gives, loading it at the first signature (and again if loading failed). */
export function keySigner(
  load: () => Promise<Pick<DeviceKeyEntry, 'privateKey' | 'publicKey'>>,
): AsyncRecordSigner {
  let loading: ReturnType<typeof load> | null = null;
  const key = (): ReturnType<typeof load> => {
    loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };
  return {
    isAsync: true,
    publicKey: async () => (await key()).publicKey,
    sign: async (message) => {
      const { privateKey } = await key();
      return new Uint8Array(await subtleCrypto().sign(SIGN, privateKey, new Uint8Array(message)));
    },
  };
}

/** Signs with the device's own key (made at the first signature if the device has none yet). */
export function deviceSigner(db: AppDb): AsyncRecordSigner {
  return keySigner(() => deviceKey(db));
}
