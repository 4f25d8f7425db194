/**
 * A fountain code for the camera transfer (docs/session-file.md, "Tablet to tablet by camera"): a message cut
 * into k blocks is sent as an endless stream of parts, and any k or a few more distinct parts, whichever they
 * are and in whatever order they come, give the message back. A camera that misses frames just waits for more.
 *
 * The code is a systematic random linear fountain (MacKay, "Fountain codes", IEE Proc. Communications 152(6),
 * 2005, section 2; Information Theory, Inference, and Learning Algorithms, ch. 50): part `seq` < k is block `seq`
 * itself; every later part is the XOR of a pseudo-random subset of the blocks, each block in it with
 * probability 1/2, drawn from a generator seeded by the transfer's seed and `seq`, so the receiver knows the
 * subset from the part's number alone. The receiver solves the parts by Gaussian elimination over GF(2) as they
 * come. Once it holds k + E distinct parts, the chance that they do not yet determine the message is below
 * 2^-E whatever parts were lost; on average it needs k + 1.5. A peeling LT decoder (robust soliton degrees)
 * cannot promise that at the few dozen blocks a workshop's delta makes: it typically needs tens of percent
 * more. Elimination costs up to k^2 * blockSize / 2 byte operations: about a millisecond for a morning's delta
 * (k of a few dozen); MAX_BLOCKS bounds the worst case.
 *
 * Pure: no DOM, no clock, no randomness of its own.
 */

/** Most blocks a message may have: 1,000 of 400 bytes would take minutes in front of a camera. */
export const MAX_BLOCKS = 1000;

export interface FountainParams {
  /** Bytes in the message. */
  length: number;
  /** Bytes in each block and part; the last block is padded with zeros. */
  blockSize: number;
  /** The transfer's seed (an unsigned 32-bit number): which subsets the parts after the first k hold. */
  seed: number;
}

/** k: how many blocks the message is cut into (at least one, so an empty message still has a part). */
export function blockCount({ length, blockSize }: Pick<FountainParams, 'length' | 'blockSize'>): number {
  return Math.max(1, Math.ceil(length / blockSize));
}

/** murmur3's finaliser: spreads every input bit over the output, so neighbouring seq numbers differ widely. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small, fast 32-bit generator; good enough to pick subsets, and easy to write in any language. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Which blocks part `seq` holds, as a bit set of k bits in 32-bit words (bit i of word i >> 5 is block i).
 * seq < k: block seq alone. Otherwise word w is the generator's w-th output, seeded by
 * fmix32(seed ^ fmix32(seq + 0x9e3779b9)), with the bits past k cleared; an empty subset becomes block seq mod k.
 */
export function partBlocks(seq: number, k: number, seed: number): Uint32Array {
  const words = new Uint32Array(Math.ceil(k / 32));
  if (seq < k) {
    words[seq >>> 5] = 1 << (seq & 31);
    return words;
  }
  const next = mulberry32(fmix32(seed ^ fmix32((seq + 0x9e3779b9) >>> 0)));
  for (let w = 0; w < words.length; w++) words[w] = next();
  const spare = k & 31;
  if (spare !== 0) words[words.length - 1]! &= (1 << spare) - 1;
  if (words.every((w) => w === 0)) words[(seq % k) >>> 5] = 1 << ((seq % k) & 31);
  return words;
}

function xorInto(target: Uint8Array, source: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i]! ^= source[i]!;
}

/** Part `seq` of the message: blockSize bytes, the XOR of the blocks partBlocks names. */
export function encodePart(message: Uint8Array, params: FountainParams, seq: number): Uint8Array {
  const { blockSize, seed } = params;
  const k = blockCount(params);
  const part = new Uint8Array(blockSize);
  const blocks = partBlocks(seq, k, seed);
  for (let i = 0; i < k; i++) {
    if ((blocks[i >>> 5]! >>> (i & 31)) & 1) {
      const block = message.subarray(i * blockSize, Math.min(message.length, (i + 1) * blockSize));
      xorInto(part.subarray(0, block.length), block);
    }
  }
  return part;
}

/** What one part did to the decoder. */
export const PART_OUTCOMES = {
  /** It told the decoder something new. */
  new: 'new',
  /** A part with this number came before. */
  duplicate: 'duplicate',
  /** A different number, but nothing new: it is a mix of parts already held. */
  redundant: 'redundant',
  /** The message is already whole. */
  done: 'done',
} as const;
export type PartOutcome = (typeof PART_OUTCOMES)[keyof typeof PART_OUTCOMES];

interface Row {
  blocks: Uint32Array;
  data: Uint8Array;
}

/** Lowest set bit's index in the bit set, or -1. */
function lowestBit(words: Uint32Array): number {
  for (let w = 0; w < words.length; w++) {
    const v = words[w]!;
    if (v !== 0) return (w << 5) + (31 - Math.clz32(v & -v));
  }
  return -1;
}

/**
 * Gathers parts of one message. `add` takes each part as it comes (duplicates and useless parts are harmless);
 * `message()` is the message once `isComplete`. Parts must come from one transfer (same params): the frame
 * format (cameraFrames.ts) makes sure of that before a part gets here.
 */
export class FountainDecoder {
  readonly k: number;
  private readonly rows: (Row | undefined)[];
  private readonly seen = new Set<number>();
  private solved: Uint8Array | null = null;
  /** How many blocks the parts so far determine: the progress towards k. */
  rank = 0;

  constructor(readonly params: FountainParams) {
    this.k = blockCount(params);
    if (this.k > MAX_BLOCKS) throw new RangeError(`more than ${MAX_BLOCKS} blocks`);
    this.rows = new Array<Row | undefined>(this.k);
  }

  get isComplete(): boolean {
    return this.rank === this.k;
  }

  /** Distinct part numbers received. */
  get received(): number {
    return this.seen.size;
  }

  add(seq: number, data: Uint8Array): PartOutcome {
    if (this.isComplete) return PART_OUTCOMES.done;
    if (this.seen.has(seq)) return PART_OUTCOMES.duplicate;
    if (data.length !== this.params.blockSize) throw new RangeError('part of the wrong size');
    this.seen.add(seq);
    const blocks = partBlocks(seq, this.k, this.params.seed);
    const own = data.slice();
    // Reduce by the rows held, lowest block first: each row's lowest bit is its own index, so every XOR clears
    // the bit it aims at and touches only higher ones.
    for (let bit = lowestBit(blocks); bit >= 0; bit = lowestBit(blocks)) {
      const row = this.rows[bit];
      if (!row) {
        this.rows[bit] = { blocks, data: own };
        this.rank++;
        return PART_OUTCOMES.new;
      }
      for (let w = 0; w < blocks.length; w++) blocks[w]! ^= row.blocks[w]!;
      xorInto(own, row.data);
    }
    return PART_OUTCOMES.redundant;
  }

  /** The message, once complete; null before. */
  message(): Uint8Array | null {
    if (!this.isComplete) return null;
    if (this.solved) return this.solved;
    const { blockSize, length } = this.params;
    // Back substitution, highest block first: row i's other bits are all above i, already solved.
    for (let i = this.k - 1; i >= 0; i--) {
      const row = this.rows[i]!;
      for (let j = i + 1; j < this.k; j++) {
        if ((row.blocks[j >>> 5]! >>> (j & 31)) & 1) xorInto(row.data, this.rows[j]!.data);
      }
    }
    const out = new Uint8Array(this.k * blockSize);
    for (let i = 0; i < this.k; i++) out.set(this.rows[i]!.data, i * blockSize);
    this.solved = out.subarray(0, length);
    return this.solved;
  }
}
