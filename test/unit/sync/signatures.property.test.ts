/**
 * Signed records (src/domain/recordSigning.ts, src/sync/recordSignatures.ts): any change to a signed record's
 * content that is not signed again is refused, by the signature check and by the change rules of a file import;
 * and WebCrypto's signatures (IEEE P1363, s not normalised) verify with both implementations of the check.
 */
import { p256 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal, castBallot, setAnswers, startParticipant } from '../../../src/doc/commands';
import { maps } from '../../../src/doc/schema';
import { canonicalJson, compressPoint, signingBytes, toBase64 } from '../../../src/domain/recordSigning';
import { prepareImport } from '../../../src/sync/importSession';
import { isSessionFileError } from '../../../src/sync/errors';
import { fromBase64, nativeVerifier, nobleVerify, signatureState } from '../../../src/sync/recordSignatures';
import { createdSession, replicaOf, testContext } from '../helpers/session';

/** A session on tablet 1 whose resident answered and cast a first ballot; the council's copy of it. */
function workshop() {
  const first = createdSession(undefined, testContext('tablet-1'));
  const idea = addProposal(
    first.doc,
    { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
    null,
    first.ctx,
  );
  const resident = startParticipant(first.doc, { language: 'en', hasConsented: true }, first.ctx);
  setAnswers(first.doc, resident, { age: '18 to 64' }, first.ctx);
  castBallot(first.doc, resident, { kind: 'dots', dots: { [idea]: 1 } }, first.ctx);
  return { ...first, idea, resident, council: replicaOf(first.doc) };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value at `path` replaced by `value` (a copy); an empty path replaces the whole record. */
function setAt(record: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  const [head, ...rest] = path;
  if (head === undefined) return value ?? null;
  if (Array.isArray(record)) {
    const copy = [...record];
    const index = Number(head) % Math.max(1, copy.length);
    if (value === undefined && rest.length === 0) copy.splice(index, 1);
    else copy[index] = setAt(copy[index] ?? null, rest, value);
    return copy;
  }
  if (record === null || typeof record !== 'object') return value ?? null;
  const copy: { [key: string]: Json } = { ...record };
  if (value === undefined && rest.length === 0) delete copy[String(head)];
  else copy[String(head)] = setAt(copy[String(head)] ?? null, rest, value);
  return copy;
}

/** Every path in a record that a mutation may touch (the signature itself is the next property's). */
function pathsOf(record: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (record === null || typeof record !== 'object') return [prefix];
  const own = Array.isArray(record)
    ? record.flatMap((v, i) => pathsOf(v, [...prefix, i]))
    : Object.entries(record)
        .filter(([k]) => prefix.length > 0 || k !== 'signature')
        .flatMap(([k, v]) => pathsOf(v, [...prefix, k]));
  return [prefix, ...own];
}

const canonicalOrNull = (record: Json): string | null => {
  try {
    const rest: { [key: string]: Json } = { ...(record as { [key: string]: Json }) };
    delete rest.signature;
    return canonicalJson(rest);
  } catch {
    return null;
  }
};

describe('a signed record changed without signing it again', () => {
  const w = workshop();
  const ballot = maps(w.doc).ballots.get(w.resident) as unknown as Json;
  const participant = maps(w.doc).participants.get(w.resident) as unknown as Json;

  const mutation = (record: Json) =>
    fc.record({
      path: fc.constantFrom(...pathsOf(record).filter((p) => p.length > 0)),
      value: fc.option(fc.jsonValue() as fc.Arbitrary<Json>, { nil: undefined }),
    });

  it('Given any change to a ballot’s or an answers record’s content, Then its signature no longer holds and a file bringing it as a later revision is refused', () => {
    for (const [map, record] of [
      ['ballots', ballot],
      ['participants', participant],
    ] as const) {
      fc.assert(
        fc.property(mutation(record), ({ path, value }) => {
          const changed = setAt(record, path, value);
          // Only real changes of content: a value set to what it was already changes nothing.
          fc.pre(canonicalOrNull(changed) !== canonicalOrNull(record));
          expect(signatureState(w.sessionId, map, changed)).toBe('invalid');

          // As a later revision of the resident's record, in a file the council imports: refused.
          const forged = replicaOf(w.doc);
          const bumped =
            typeof changed === 'object' && changed !== null && !Array.isArray(changed)
              ? { ...changed, revision: 99 }
              : changed;
          forged.getMap(map).set(w.resident, bumped);
          const update = Y.encodeStateAsUpdate(forged, Y.encodeStateVector(w.council));
          const file = fileOf(update);
          let refused = false;
          try {
            prepareImport(w.council, file);
          } catch (e) {
            refused = isSessionFileError(e) && e.code === 'badContent';
          }
          expect(refused).toBe(true);
        }),
        // Each run merges a small session once: 150 runs per map stay within a few seconds.
        { numRuns: 150 },
      );
    }
  });

  it('Given any change to the signature itself, Then it no longer holds', () => {
    const signature = fromBase64((ballot as { signature: string }).signature, 64)!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bytes = signature.slice();
        bytes[at] = bytes[at]! ^ flip;
        const changed = { ...(ballot as object), signature: toBase64(bytes) };
        expect(signatureState(w.sessionId, 'ballots', changed)).toBe('invalid');
      }),
      { numRuns: 200 },
    );
  });

  it('Given a signed ballot, When it is read as the same record of another session or another map, Then it does not hold', () => {
    expect(signatureState(w.sessionId, 'ballots', ballot)).toBe('valid');
    expect(signatureState('another-session', 'ballots', ballot)).toBe('invalid');
    expect(signatureState(w.sessionId, 'participants', ballot)).toBe('invalid');
  });

  /** The file a device would send holding `update` (the council's import reads only these fields). */
  function fileOf(update: Uint8Array) {
    return {
      fileName: 'forged.codesign',
      fileBytes: update.byteLength,
      update,
      header: { sessionId: w.sessionId, deviceId: 'laptop', deviceName: 'Laptop', exportedAt: '' },
    } as unknown as Parameters<typeof prepareImport>[1];
  }
});

describe('WebCrypto’s signatures and the two checks', () => {
  it('Given 40 records signed with a non-extractable WebCrypto key, Then node:crypto and noble both accept each, high-S ones included', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const publicKey = compressPoint(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
    const native = nativeVerifier()!;
    let highS = 0;
    for (let i = 0; i < 40; i++) {
      const message = signingBytes('s', 'ballots', { participantId: `p${i}`, revision: 1 });
      const signature = new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          pair.privateKey,
          new Uint8Array(message),
        ),
      );
      expect(signature.length).toBe(64);
      expect(native(publicKey, message, signature)).toBe(true);
      expect(nobleVerify(publicKey, message, signature)).toBe(true);
      // noble's default (low-S only) would refuse about half of WebCrypto's signatures: hence `lowS: false`.
      if (!p256.verify(signature, message, publicKey)) highS++;
      expect(p256.verify(signature, message, publicKey, { lowS: false })).toBe(true);
      const other = signingBytes('s', 'ballots', { participantId: `p${i}`, revision: 2 });
      expect(native(publicKey, other, signature)).toBe(false);
      expect(nobleVerify(publicKey, other, signature)).toBe(false);
    }
    expect(highS).toBeGreaterThan(0);
  });
});
