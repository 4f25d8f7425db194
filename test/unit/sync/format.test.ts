/**
 * The session file's bytes: what an export looks like, its name, and every way reading a file is refused before
 * any document is touched.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ValidationError } from '../../../src/domain/errors';
import { gzip, writeEnvelope } from '../../../src/sync/envelope';
import {
  encodeSessionFile,
  fileName,
  FORMAT_NAME,
  readSessionFile,
  type SessionFileErrorCode,
  type SessionFileHeader,
} from '../../../src/sync/sessionFile';
import { exportFrom, expectRefusal, tabletsApart, type Tablet } from './workshop';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The three lines of a file and where its payload starts. */
function layout(file: Uint8Array): { lines: string[]; payloadStart: number } {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < 3; i++) {
    const end = file.indexOf(0x0a, start);
    lines.push(text(file.subarray(start, end)));
    start = end + 1;
  }
  return { lines, payloadStart: start };
}

const [tablet] = tabletsApart(1, 6) as [Tablet];
const file = await exportFrom(tablet);
const { lines, payloadStart } = layout(file);
const header = JSON.parse(lines[1]!) as SessionFileHeader;
const payload = file.subarray(payloadStart);

/** A file with a valid checksum whose header says what the test wants: what a forger could make. */
function forged(
  patch: Partial<SessionFileHeader> | Record<string, unknown>,
  body = payload,
): Promise<Uint8Array> {
  return writeEnvelope(JSON.stringify({ ...header, ...patch }), body);
}

describe('an exported session file', () => {
  it('Given a session, When it is exported, Then the file is a magic line, a JSON header, a checksum line and the gzip’d update', () => {
    expect(lines[0]).toBe(`${FORMAT_NAME} 1`);
    expect(header).toEqual({
      format: 'neighbourhood-codesign-session',
      version: 1,
      schemaVersion: 1,
      sessionId: 'session-1',
      sessionTitle: 'Ashfield North spring workshop',
      deviceId: 'device-a',
      deviceName: 'Tablet 1',
      exportedAt: new Date(tablet.clock.now()).toISOString(),
      counts: { proposals: 3, comments: 6, participants: 6, ballots: 6, moderation: 1, statuses: 0 },
      compression: 'gzip',
      payloadBytes: payload.length,
      updateBytes: expect.any(Number) as number,
    });
    expect(lines[2]).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    expect([payload[0], payload[1]]).toEqual([0x1f, 0x8b]);
  });

  it('Given a document with no session in it, When it is exported, Then it is refused', async () => {
    await expect(encodeSessionFile(new Y.Doc(), { deviceId: 'd', deviceName: 'D', now: 0 })).rejects.toThrow(
      ValidationError,
    );
  });

  it('Given a file, When it is read, Then the header and the update come back and progress reaches 1', async () => {
    const seen: number[] = [];
    const parsed = await readSessionFile(file, { fileName: 'a.codesign', onProgress: (f) => seen.push(f) });
    expect(parsed.header).toEqual(header);
    expect(parsed.update.byteLength).toBe(header.updateBytes);
    expect(parsed).toMatchObject({ fileName: 'a.codesign', fileBytes: file.length });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it.each([
    ['Ashfield', 'Tablet 3', 'ashfield-2026-11-20-1630-tablet-3.codesign'],
    [
      'Ashfield North',
      'Facilitator’s laptop',
      'ashfield-north-2026-11-20-1630-facilitator-s-laptop.codesign',
    ],
    ['Ynys Môn', 'Llechen 2', 'ynys-mon-2026-11-20-1630-llechen-2.codesign'],
    ['  ', 'جهاز ٣', 'session-2026-11-20-1630-device.codesign'],
  ])('names the file for %s on %s: %s', (neighbourhood, device, expected) => {
    expect(fileName({ neighbourhood }, device, new Date(2026, 10, 20, 16, 30))).toBe(expected);
  });

  it('Given two saves from one tablet on one day, When named, Then the names differ', () => {
    const settings = { neighbourhood: 'Ashfield' };
    const morning = fileName(settings, 'Tablet 3', new Date(2026, 10, 20, 9, 5));
    const afternoon = fileName(settings, 'Tablet 3', new Date(2026, 10, 20, 16, 30));
    expect(morning).toBe('ashfield-2026-11-20-0905-tablet-3.codesign');
    expect(afternoon).not.toBe(morning);
  });

  it('Given a save in the same minute as one already saved here, When named, Then it gets the next counter', () => {
    const settings = { neighbourhood: 'Ashfield' };
    const at = new Date(2026, 10, 20, 16, 30);
    const first = fileName(settings, 'Tablet 3', at);
    const second = fileName(settings, 'Tablet 3', at, new Set([first]));
    const third = fileName(settings, 'Tablet 3', at, new Set([first, second]));
    expect([first, second, third]).toEqual([
      'ashfield-2026-11-20-1630-tablet-3.codesign',
      'ashfield-2026-11-20-1630-tablet-3-2.codesign',
      'ashfield-2026-11-20-1630-tablet-3-3.codesign',
    ]);
  });
});

describe('reading refuses what is not a sound session file', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const cases: [string, () => Uint8Array | Promise<Uint8Array>, SessionFileErrorCode][] = [
    ['an empty file', () => new Uint8Array(0), 'notASessionFile'],
    ['a PNG', () => PNG, 'notASessionFile'],
    ['a text file', () => bytesOf('Shopping list\nmilk\n'), 'notASessionFile'],
    ['random bytes', () => new Uint8Array(4096).map((_, i) => (i * 7919) % 251), 'notASessionFile'],
    ['a file cut inside the magic line', () => file.subarray(0, 10), 'truncated'],
    ['a file cut inside the header', () => file.subarray(0, lines[0]!.length + 40), 'truncated'],
    ['a file cut inside the checksum line', () => file.subarray(0, payloadStart - 10), 'truncated'],
    ['a file cut inside the payload', () => file.subarray(0, file.length - 100), 'truncated'],
    ['a file cut at the end of the checksum line', () => file.subarray(0, payloadStart), 'truncated'],
    [
      'a newer format version',
      () => concat(bytesOf(`${FORMAT_NAME} 2\n`), bytesOf('{"anything":"new"}\n')),
      'newerVersion',
    ],
    [
      'a version that is not a number',
      () => concat(bytesOf(`${FORMAT_NAME} one\n`), file.subarray(lines[0]!.length + 1)),
      'corrupt',
    ],
    [
      'a header with no end',
      () => concat(bytesOf(`${FORMAT_NAME} 1\n`), new Uint8Array(20_000).fill(0x7b)),
      'corrupt',
    ],
    [
      'a changed payload byte',
      () => file.map((b, i) => (i === file.length - 30 ? b ^ 0x01 : b)),
      'checksumMismatch',
    ],
    ['a changed device name', () => bytesOf(text(file).replace('Tablet 1', 'Tablet 9')), 'checksumMismatch'],
    ['bytes added at the end', () => concat(file, bytesOf('extra')), 'checksumMismatch'],
    [
      'a checksum line that is not one',
      () => bytesOf(text(file.subarray(0, payloadStart)).replace('sha256-', 'md5----')),
      'corrupt',
    ],
    ['a header that is not JSON (checksum valid)', () => writeEnvelope('{not json', payload), 'corrupt'],
    ['a header missing a field', () => forged({ sessionId: undefined }), 'corrupt'],
    [
      'a header with a 5,000-character device name',
      () => forged({ deviceName: 'x'.repeat(5000) }),
      'corrupt',
    ],
    ['a header naming another compression', () => forged({ compression: 'brotli' }), 'corrupt'],
    ['a header naming another format', () => forged({ format: 'spreadsheet' }), 'corrupt'],
    ['a header whose payloadBytes is wrong', () => forged({ payloadBytes: payload.length - 1 }), 'corrupt'],
    ['a header whose updateBytes is too small', () => forged({ updateBytes: 10 }), 'corrupt'],
    [
      'a header whose updateBytes is too large',
      () => forged({ updateBytes: header.updateBytes + 1 }),
      'corrupt',
    ],
    ['a header with a newer session schema', () => forged({ schemaVersion: 2 }), 'newerVersion'],
    ['a payload that is not gzip', () => forged({ payloadBytes: 5 }, bytesOf('plain')), 'corrupt'],
  ];

  it.each(cases)('Given %s, When it is read, Then it is refused', async (_name, make, code) => {
    const bytes = await make();
    await expectRefusal(() => readSessionFile(bytes), code);
  });

  it('Given a file cut inside its payload, When it is read, Then the error says how long it should have been', async () => {
    const error = await expectRefusal(
      () => readSessionFile(file.subarray(0, file.length - 100)),
      'truncated',
    );
    expect(error.params).toEqual({ bytes: file.length - 100, expectedBytes: file.length });
  });

  it('Given a file bigger than the limit, When it is read, Then it is refused as too large before anything else', async () => {
    const error = await expectRefusal(() => readSessionFile(file, { maxBytes: file.length - 1 }), 'tooLarge');
    expect(error.params).toEqual({ maxBytes: file.length - 1, bytes: file.length });
  });

  it('Given a small file that would unpack to more than the limit, When it is read, Then it is refused unopened', async () => {
    const zeros = await gzip(new Uint8Array(8 * 1024 * 1024));
    const bomb = await forged({ payloadBytes: zeros.length, updateBytes: 8 * 1024 * 1024 }, zeros);
    expect(bomb.length).toBeLessThan(20_000);
    await expectRefusal(() => readSessionFile(bomb, { maxUpdateBytes: 1024 * 1024 }), 'tooLarge');
  });

  it('Given a zip bomb whose header claims a small update, When it is read, Then unpacking stops at the claimed size', async () => {
    const zeros = await gzip(new Uint8Array(32 * 1024 * 1024));
    const bomb = await forged({ payloadBytes: zeros.length, updateBytes: 1000 }, zeros);
    const error = await expectRefusal(() => readSessionFile(bomb), 'corrupt');
    expect(error.params).toEqual({ reason: 'updateBytes' });
  });
});
