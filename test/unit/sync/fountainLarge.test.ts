/**
 * Review of issue 13: a delta larger than MAX_BLOCKS blocks of BLOCK_SIZE bytes (400,000 bytes: a big session
 * handed back to a tablet that holds little of it). The receiver refuses any frame that announces more than
 * MAX_BLOCKS blocks, so the sender must never make one: before this test, every frame of such a delta was refused
 * as "misread or changed" and the transfer could never finish.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_SIZE, readFrame } from '../../../src/sync/cameraFrames';
import {
  BLOCK_SIZE,
  FrameCollector,
  frameSource,
  TAKE_OUTCOMES,
  TooLargeForCamera,
} from '../../../src/sync/cameraTransfer';
import { MAX_BLOCKS } from '../../../src/sync/fountain';

const sessionId = 'session-1';
const ids = { sessionId, transferId: 7, requestId: 42 };

/** Bytes that do not repeat in a way that could hide a wrong block. */
function message(length: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (i * 31 + (i >>> 8)) & 0xff);
}

describe('a delta too large for MAX_BLOCKS blocks of BLOCK_SIZE', () => {
  it('Given a delta of MAX_BLOCKS × BLOCK_SIZE + 1 bytes, when its frames are read, then none is refused and the message comes back whole', () => {
    const bytes = message(MAX_BLOCKS * BLOCK_SIZE + 1);
    const source = frameSource(bytes, 'D', ids);
    expect(source.blocks).toBeLessThanOrEqual(MAX_BLOCKS);
    const first = readFrame(source.frame(0));
    expect(first.ok).toBe(true);

    const collector = new FrameCollector({ kind: 'D', sessionId, requestId: 42 });
    let last: string = TAKE_OUTCOMES.part;
    // The first k frames are the blocks themselves: they alone give the message.
    for (let seq = 0; seq < source.blocks; seq++) {
      last = collector.take(source.frame(seq));
      expect(last === TAKE_OUTCOMES.part || last === TAKE_OUTCOMES.complete).toBe(true);
    }
    expect(last).toBe(TAKE_OUTCOMES.complete);
    expect(collector.message()).toEqual(bytes);
  });

  it('Given a delta at or under MAX_BLOCKS × BLOCK_SIZE bytes, then its frames keep BLOCK_SIZE (the QR version the benchmark measured)', () => {
    const source = frameSource(message(MAX_BLOCKS * BLOCK_SIZE), 'D', ids);
    expect(source.blocks).toBe(MAX_BLOCKS);
    const read = readFrame(source.frame(0));
    expect(read.ok && read.frame.blockSize).toBe(BLOCK_SIZE);
  });

  it('Given a delta beyond what MAX_BLOCKS frames of the largest block can carry, then no frames are made: the sender says it cannot', () => {
    // Its own kind of error, which the sending screen says in the catalogue's words (camera.send.tooLarge).
    expect(() => frameSource(message(MAX_BLOCKS * MAX_BLOCK_SIZE + 1), 'D', ids)).toThrow(TooLargeForCamera);
  });
});
