/**
 * Property: whatever happens to a session file's bytes on the way (bits flipped, bytes overwritten, inserted,
 * cut off or added), importing it either is refused with a SessionFileError and leaves the facilitator's
 * document byte for byte unchanged, or is accepted and gives exactly what the undamaged file gives. Never a
 * crash, never half an import. Also: any bytes at all, with or without the magic line, are refused cleanly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyImport,
  isSessionFileError,
  prepareImport,
  readSessionFile,
} from '../../../src/sync/sessionFile';
import { checkDocShape } from '../../../src/doc/recordShapes';
import { gzip, writeEnvelope } from '../../../src/sync/envelope';
import { canonicalRecords, replicaOf } from '../helpers/session';
import { exportFrom, parsedFrom, stateOf, tabletsApart, type Tablet } from './workshop';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const [facilitator, tablet] = tabletsApart(2, 4) as [Tablet, Tablet];
const file = await exportFrom(tablet);
const merged = replicaOf(facilitator.doc);
applyImport(merged, prepareImport(merged, await parsedFrom(tablet)));
const expected = canonicalRecords(merged);
const MAGIC_LINE = new TextEncoder().encode('neighbourhood-codesign-session 1\n');
/** Where the header and checksum lines end: mutations aim there half of the time. */
const headEnd = file.indexOf(0x0a, file.indexOf(0x0a, MAGIC_LINE.length) + 1) + 1;

type Damage =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'remove'; at: number; length: number }
  | { kind: 'cut'; at: number }
  | { kind: 'append'; bytes: Uint8Array };

const position = fc.oneof(fc.nat(headEnd), fc.nat(file.length));
const bytes = fc.uint8Array({ minLength: 1, maxLength: 40 });
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.nat(255) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes }),
  fc.record({ kind: fc.constant('remove' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({ kind: fc.constant('append' as const), bytes }),
);

function apply(input: Uint8Array, d: Damage): Uint8Array {
  const at = 'at' in d ? d.at % Math.max(1, input.length) : 0;
  const join = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
    return out;
  };
  switch (d.kind) {
    case 'flip':
      return input.map((b, i) => (i === at ? b ^ (1 << d.bit) : b));
    case 'set':
      return input.map((b, i) => (i === at ? d.value : b));
    case 'insert':
      return join(input.subarray(0, at), d.bytes, input.subarray(at));
    case 'remove':
      return join(input.subarray(0, at), input.subarray(at + d.length));
    case 'cut':
      return input.subarray(0, at);
    case 'append':
      return join(input, d.bytes);
  }
}

/** Reads, prepares and applies; returns the error if refused. Throws anything that is not a SessionFileError. */
async function importInto(
  target: typeof facilitator.doc,
  bytes: Uint8Array,
): Promise<'accepted' | 'refused'> {
  try {
    const parsed = await readSessionFile(bytes);
    applyImport(target, prepareImport(target, parsed));
    return 'accepted';
  } catch (e) {
    if (isSessionFileError(e)) return 'refused';
    throw e;
  }
}

describe('a damaged session file', () => {
  it(
    'is refused with nothing changed, or accepted with exactly the undamaged content',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
          const target = replicaOf(facilitator.doc);
          const before = stateOf(target);
          const damaged = damages.reduce(apply, file);
          const outcome = await importInto(target, damaged);
          if (outcome === 'refused') expect(stateOf(target)).toEqual(before);
          else expect(canonicalRecords(target)).toBe(expected);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'a damaged update inside an intact envelope (what a forger could send) is refused, or merges only well-formed records',
    async () => {
      const parsed = await parsedFrom(tablet);
      const updateDamage = damage.map((d) => ('at' in d ? { ...d, at: d.at % parsed.update.length } : d));
      await fc.assert(
        fc.asyncProperty(fc.array(updateDamage, { minLength: 1, maxLength: 3 }), async (damages) => {
          const update = damages.reduce(apply, parsed.update);
          const payload = await gzip(update);
          const header = { ...parsed.header, payloadBytes: payload.length, updateBytes: update.length };
          const target = replicaOf(facilitator.doc);
          const before = stateOf(target);
          const outcome = await importInto(target, await writeEnvelope(JSON.stringify(header), payload));
          if (outcome === 'refused') expect(stateOf(target)).toEqual(before);
          else expect(checkDocShape(target)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'any bytes at all, with or without the magic line, are refused with a SessionFileError',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.uint8Array({ maxLength: 600 }), async (withMagic, tail) => {
          const bytes = withMagic ? new Uint8Array([...MAGIC_LINE, ...tail]) : tail;
          const target = replicaOf(facilitator.doc);
          const before = stateOf(target);
          expect(await importInto(target, bytes)).toBe('refused');
          expect(stateOf(target)).toEqual(before);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
