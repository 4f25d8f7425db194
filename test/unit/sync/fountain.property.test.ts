/**
 * The camera transfer's fountain code (src/sync/fountain.ts): a message cut into k blocks comes back whole from
 * any k + a few distinct parts, whichever were lost, in any order, with repeats; never from fewer than k.
 * Budget: each property runs a fixed number of cases (NUM_RUNS) of messages up to 6 kB; the whole file takes
 * about a second here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockCount,
  encodePart,
  FountainDecoder,
  MAX_BLOCKS,
  PART_OUTCOMES,
  partBlocks,
  type FountainParams,
} from '../../../src/sync/fountain';

const NUM_RUNS = 150;

const transferArb = fc.record({
  message: fc.uint8Array({ minLength: 0, maxLength: 6000 }),
  blockSize: fc.integer({ min: 1, max: 500 }),
  seed: fc.nat({ max: 0xffffffff }),
});

function paramsOf(t: { message: Uint8Array; blockSize: number; seed: number }): FountainParams {
  return { length: t.message.length, blockSize: t.blockSize, seed: t.seed };
}

/** A little generator of our own, so a case is reproducible from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  return a !== null && a.length === b.length && a.every((v, i) => v === b[i]);
}

describe('fountain code', () => {
  it('Given a stream of parts with 30% lost, when any 70% of them arrive in any order with repeats, then the message comes back whole', () => {
    fc.assert(
      fc.property(
        transferArb.filter((t) => Math.ceil(t.message.length / t.blockSize) <= 120),
        fc.nat(),
        (t, shuffleSeed) => {
          const params = paramsOf(t);
          const k = blockCount(params);
          // Enough parts on screen that 70% of them are k + 30: the chance that those do not yet determine the
          // message is below 2^-30, whichever 30% were lost.
          const shown = Math.ceil((k + 30) / 0.7);
          const rand = random(shuffleSeed);
          const seqs = Array.from({ length: shown }, (_, i) => i);
          for (let i = seqs.length - 1; i > 0; i--) {
            const j = Math.floor(rand() * (i + 1));
            [seqs[i], seqs[j]] = [seqs[j]!, seqs[i]!];
          }
          const caught = seqs.slice(0, Math.ceil(shown * 0.7));
          // Repeats: a camera reads the same frame several times while it is on screen.
          const arriving = caught.flatMap((s) => (rand() < 0.3 ? [s, s] : [s]));
          const decoder = new FountainDecoder(params);
          for (const seq of arriving) decoder.add(seq, encodePart(t.message, params, seq));
          expect(decoder.isComplete).toBe(true);
          expect(decoder.message()).toEqual(t.message);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('Given fewer distinct parts than blocks, when they arrive, then the message is never whole', () => {
    fc.assert(
      fc.property(
        transferArb.filter((t) => Math.ceil(t.message.length / t.blockSize) >= 2),
        fc.array(fc.nat({ max: 10_000 }), { maxLength: 400 }),
        (t, picks) => {
          const params = paramsOf(t);
          const k = blockCount(params);
          const distinct = [...new Set(picks)].slice(0, k - 1);
          const decoder = new FountainDecoder(params);
          for (const seq of [...distinct, ...distinct]) decoder.add(seq, encodePart(t.message, params, seq));
          expect(decoder.isComplete).toBe(false);
          expect(decoder.message()).toBeNull();
          expect(decoder.rank).toBeLessThanOrEqual(distinct.length);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('Given the first k parts (each a block), when they arrive in any order, then they alone give the message', () => {
    fc.assert(
      fc.property(transferArb, fc.nat(), (t, shuffleSeed) => {
        const params = paramsOf(t);
        const k = blockCount(params);
        const rand = random(shuffleSeed);
        const seqs = Array.from({ length: k }, (_, i) => i).sort(() => rand() - 0.5);
        const decoder = new FountainDecoder(params);
        const outcomes = seqs.map((seq) => decoder.add(seq, encodePart(t.message, params, seq)));
        expect(outcomes.every((o) => o === PART_OUTCOMES.new)).toBe(true);
        expect(decoder.message()).toEqual(t.message);
        expect(decoder.add(k, encodePart(t.message, params, k))).toBe(PART_OUTCOMES.done);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('Given part numbers, then each names a non-empty set of blocks, the same every time, and the first k name one block each', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_BLOCKS }),
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 1_000_000 }),
        (k, seed, seq) => {
          const blocks = partBlocks(seq, k, seed);
          const members = [...Array(k).keys()].filter((i) => (blocks[i >>> 5]! >>> (i & 31)) & 1);
          expect(members.length).toBeGreaterThan(0);
          expect(blocks.length * 32 - k).toBeLessThan(32);
          if (seq < k) expect(members).toEqual([seq]);
          expect(partBlocks(seq, k, seed)).toEqual(blocks);
        },
      ),
      { numRuns: NUM_RUNS * 4 },
    );
  });

  it('Given a morning-sized delta (13 blocks) and a camera that catches each frame with probability 0.7, then on average it needs fewer than k + 2 distinct parts', () => {
    // Fixed seeds: this measures the code's overhead, it is not a timing.
    const message = new Uint8Array(5_000).map((_, i) => (i * 31) & 0xff);
    const runs = 300;
    let extra = 0;
    for (let run = 0; run < runs; run++) {
      const params = { length: message.length, blockSize: 400, seed: run * 7919 };
      const k = blockCount(params);
      const rand = random(run);
      const decoder = new FountainDecoder(params);
      for (let seq = 0; !decoder.isComplete; seq++) {
        if (rand() < 0.7) decoder.add(seq, encodePart(message, params, seq));
      }
      if (!sameBytes(decoder.message(), message)) throw new Error(`run ${run}: wrong message`);
      extra += decoder.received - k;
    }
    expect(extra / runs).toBeLessThan(2);
  });

  it('Given a message of more than MAX_BLOCKS blocks, then the decoder refuses to start', () => {
    expect(() => new FountainDecoder({ length: (MAX_BLOCKS + 1) * 10, blockSize: 10, seed: 1 })).toThrow(
      RangeError,
    );
  });
});
