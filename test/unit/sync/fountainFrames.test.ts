/**
 * The camera transfer's frames (src/sync/cameraFrames.ts) and their collector (src/sync/cameraTransfer.ts): the
 * QR text round-trips, any changed character is refused as damaged, and frames of another session, transfer,
 * tablet or kind are refused by name without touching what was gathered. Property budgets: NUM_RUNS cases each.
 */
import fc from 'fast-check';
import { encodeQR } from 'qr';
import { describe, expect, it } from 'vitest';
import {
  base45Decode,
  base45Encode,
  crc32,
  FRAME_KINDS,
  FRAME_OVERHEAD,
  frameText,
  readFrame,
  sessionTag,
  type Frame,
} from '../../../src/sync/cameraFrames';
import { MAX_BLOCKS } from '../../../src/sync/fountain';
import { BLOCK_SIZE, FrameCollector, frameSource, TAKE_OUTCOMES } from '../../../src/sync/cameraTransfer';

const NUM_RUNS = 200;
const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const frameArb: fc.Arbitrary<Frame> = fc
  .record({
    kind: fc.constantFrom(FRAME_KINDS.request, FRAME_KINDS.delta),
    sessionTag: fc.nat({ max: 0xffffffff }),
    transferId: fc.nat({ max: 0xffffffff }),
    requestId: fc.nat({ max: 0xffffffff }),
    length: fc.nat({ max: 100_000 }),
    seq: fc.nat({ max: 0xffffffff }),
    part: fc.uint8Array({ minLength: 1, maxLength: 500 }),
  })
  // A frame may announce at most MAX_BLOCKS blocks.
  .map((f) => ({ ...f, blockSize: f.part.length, length: Math.min(f.length, f.part.length * MAX_BLOCKS) }));

describe('Base45 (RFC 9285)', () => {
  it('Given the RFC examples, then they encode and decode as the RFC says', () => {
    const examples: [string, string][] = [
      ['AB', 'BB8'],
      ['Hello!!', '%69 VD92EX0'],
      ['base-45', 'UJCLQE7W581'],
      ['ietf!', 'QED8WEX0'],
    ];
    for (const [text, encoded] of examples) {
      expect(base45Encode(new TextEncoder().encode(text))).toBe(encoded);
      expect(new TextDecoder().decode(base45Decode(encoded)!)).toBe(text);
    }
    // RFC 9285 section 4.2: out of range or outside the alphabet is an error.
    expect(base45Decode('GGW')).toBeNull();
    expect(base45Decode('ZZZ')).toBeNull();
    expect(base45Decode('ab')).toBeNull();
    expect(base45Decode('A')).toBeNull();
  });

  it('Given any bytes, then they round-trip, in the QR alphanumeric alphabet only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = base45Encode(bytes);
        expect([...text].every((c) => B45.includes(c))).toBe(true);
        expect(base45Decode(text)).toEqual(bytes);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('frame format', () => {
  it('Given the check value of "123456789", then CRC-32 gives the standard cbf43926', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });

  it('Given any frame, when written and read back, then it is the same frame', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const text = frameText(frame);
        expect(text.startsWith(`NC${frame.kind}1:`)).toBe(true);
        expect(readFrame(text)).toEqual({ ok: true, frame });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('Given any frame, when one character of its text is changed, then it is refused and never read as a frame', () => {
    fc.assert(
      fc.property(frameArb, fc.nat(), fc.constantFrom(...B45), (frame, at, replacement) => {
        const text = frameText(frame);
        const i = at % text.length;
        fc.pre(text[i] !== replacement);
        const changed = text.slice(0, i) + replacement + text.slice(i + 1);
        const read = readFrame(changed);
        expect(read.ok).toBe(false);
      }),
      { numRuns: NUM_RUNS * 5 },
    );
  });

  it('Given a frame cut short, lengthened, or from a newer version, then it is refused with the reason', () => {
    const text = frameText({
      kind: 'D',
      sessionTag: 1,
      transferId: 2,
      requestId: 3,
      length: 10,
      blockSize: 10,
      seq: 0,
      part: new Uint8Array(10).fill(7),
    });
    expect(readFrame(text.slice(0, -3))).toEqual({ ok: false, problem: 'damaged' });
    expect(readFrame(`${text}000`)).toEqual({ ok: false, problem: 'damaged' });
    expect(readFrame(text.replace('NCD1:', 'NCD2:'))).toEqual({ ok: false, problem: 'newerVersion' });
    expect(readFrame(text.replace('NCD1:', 'NCX1:'))).toEqual({ ok: false, problem: 'notAFrame' });
    expect(readFrame('https://council.example/consultation')).toEqual({ ok: false, problem: 'notAFrame' });
    expect(readFrame('7K2M9QXR4T')).toEqual({ ok: false, problem: 'notAFrame' });
  });

  it('Given a full frame, then its text fits a version 16 QR code at error correction M in alphanumeric mode', () => {
    const source = frameSource(new Uint8Array(5000).fill(9), 'D', {
      sessionId: 'session-1',
      transferId: 1,
      requestId: 2,
    });
    const text = source.frame(20);
    expect(text.length).toBe(5 + Math.ceil(((FRAME_OVERHEAD + BLOCK_SIZE) * 3) / 2));
    expect(() =>
      encodeQR(text, 'raw', { ecc: 'medium', version: 16, encoding: 'alphanumeric' }),
    ).not.toThrow();
  });
});

describe('collecting frames', () => {
  const sessionId = 'session-1';
  const message = new Uint8Array(2_000).map((_, i) => (i * 7) & 0xff);
  const ours = frameSource(message, 'D', { sessionId, transferId: 11, requestId: 42 });

  it('Given frames of this transfer with others mixed in, when they are read, then the others are refused by name and the message comes back whole', () => {
    const collector = new FrameCollector({ kind: 'D', sessionId, requestId: 42 });
    const foreign = {
      otherSession: frameSource(message, 'D', { sessionId: 'session-2', transferId: 11, requestId: 42 }),
      otherTablet: frameSource(message, 'D', { sessionId, transferId: 11, requestId: 43 }),
      otherTransfer: frameSource(message, 'D', { sessionId, transferId: 12, requestId: 42 }),
      otherKind: frameSource(message, 'R', { sessionId, transferId: 11, requestId: 42 }),
    };
    expect(collector.take(ours.frame(0))).toBe(TAKE_OUTCOMES.part);
    expect(collector.take(ours.frame(0))).toBe(TAKE_OUTCOMES.repeat);
    for (const [outcome, source] of Object.entries(foreign)) {
      expect(collector.take(source.frame(1))).toBe(outcome);
      expect(collector.useful).toBe(1);
    }
    const damaged = ours.frame(1).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(collector.take(damaged)).toBe(TAKE_OUTCOMES.damaged);
    expect(collector.take('WIFI:S:hall;T:WPA;P:secret;;')).toBe(TAKE_OUTCOMES.notAFrame);
    expect(collector.useful).toBe(1);
    expect(collector.message()).toBeNull();

    let last: string = TAKE_OUTCOMES.part;
    for (let seq = 1; last !== TAKE_OUTCOMES.complete && seq < 100; seq++) {
      if (seq % 10 < 3) continue; // 30% of the frames never seen
      last = collector.take(ours.frame(seq));
    }
    expect(last).toBe(TAKE_OUTCOMES.complete);
    expect(collector.progress).toBe(1);
    expect(collector.message()).toEqual(message);
  });

  it('Given the first frame seen is of another transfer, then that transfer is the one read and ours is refused', () => {
    const collector = new FrameCollector({ kind: 'D', sessionId });
    const other = frameSource(message, 'D', { sessionId, transferId: 99, requestId: 1 });
    expect(collector.take(other.frame(3))).toBe(TAKE_OUTCOMES.part);
    expect(collector.transferId).toBe(99);
    expect(collector.take(ours.frame(0))).toBe(TAKE_OUTCOMES.otherTransfer);
  });

  it('Given session ids, then their tags differ and are stable', () => {
    expect(sessionTag('session-1')).toBe(sessionTag('session-1'));
    expect(sessionTag('session-1')).not.toBe(sessionTag('session-2'));
  });
});
