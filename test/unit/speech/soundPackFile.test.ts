import { describe, expect, it } from 'vitest';
import {
  encodeSoundPack,
  PACK_LIMITS,
  PACK_PROBLEMS,
  readSoundPack,
  SOUND_PACK_FORMAT,
  SOUND_PACK_VERSION,
  SoundPackError,
  toBase64,
  type PackProblem,
  type SoundPack,
} from '../../../src/ui/speech/soundPackFile';

const LANGUAGES = ['en', 'cy', 'pl', 'ur', 'ar'];
const AUDIO = new Uint8Array([82, 73, 70, 70, 1, 2, 3, 4, 5]);

function pack(overrides: Partial<SoundPack> = {}): SoundPack {
  return {
    language: 'cy',
    recordedAt: '2026-05-10T14:02:00.000Z',
    clips: [
      {
        prompt: 'hub',
        text: 'Beth hoffech chi ei wneud?',
        mimeType: 'audio/wav',
        durationMs: 2100,
        bytes: AUDIO,
      },
      {
        prompt: 'consent',
        text: 'Cyn i chi ddechrau\nDarllenwch sut rydyn ni’n defnyddio’r hyn rydych chi’n ei ddweud wrthym.',
        mimeType: 'audio/webm;codecs=opus',
        durationMs: 5400,
        bytes: AUDIO,
      },
    ],
    ...overrides,
  };
}

/** A file's raw object, to break one thing at a time. */
function raw(): Record<string, unknown> & { clips: Record<string, unknown>[] } {
  return JSON.parse(encodeSoundPack(pack())) as Record<string, unknown> & {
    clips: Record<string, unknown>[];
  };
}

function read(value: unknown, size?: number): SoundPack {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return readSoundPack(text, size ?? text.length, LANGUAGES);
}

function refusal(fn: () => unknown): { code: PackProblem; params: Record<string, string | number> } {
  try {
    fn();
  } catch (e) {
    if (e instanceof SoundPackError) return { code: e.code, params: e.params };
    throw e;
  }
  throw new Error('not refused');
}

describe('a sound pack file', () => {
  it('Given a pack, When saved to a file and read back, Then every clip comes back with its words, type, length and sound', () => {
    const text = encodeSoundPack(pack());
    const parsed = JSON.parse(text) as { format: string; version: number };
    expect(parsed.format).toBe(SOUND_PACK_FORMAT);
    expect(parsed.version).toBe(SOUND_PACK_VERSION);
    expect(read(text)).toEqual(pack());
  });

  it('Given a clip of 100 kB, Then base64 carries it exactly', () => {
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const back = read(encodeSoundPack(pack({ clips: [{ ...pack().clips[0]!, bytes: big }] })));
    expect(back.clips[0]?.bytes).toEqual(big);
    expect(toBase64(big).length).toBe(Math.ceil(big.length / 3) * 4);
  });
});

describe('refused sound pack files (nothing of them is kept)', () => {
  it('Given a file over 20 MB, Then it is refused by its size before anything is read', () => {
    const r = refusal(() => readSoundPack('not even looked at', PACK_LIMITS.maxFileBytes + 1, LANGUAGES));
    expect(r).toEqual({
      code: PACK_PROBLEMS.tooLarge,
      params: { bytes: PACK_LIMITS.maxFileBytes + 1, maxBytes: 20 * 1024 * 1024 },
    });
  });

  it('Given text that is not JSON, Then it is refused as not a sound pack', () => {
    expect(refusal(() => read('RIFF....WAVEfmt')).code).toBe(PACK_PROBLEMS.notJson);
  });

  it('Given JSON of another kind (a session export, an array), Then it is refused as the wrong format', () => {
    expect(refusal(() => read({ ...raw(), format: 'neighbourhood-codesign' })).code).toBe(
      PACK_PROBLEMS.wrongFormat,
    );
    expect(refusal(() => read([raw()])).code).toBe(PACK_PROBLEMS.wrongFormat);
  });

  it('Given a newer version, Then it is refused saying so; an unknown version is refused as wrong', () => {
    expect(refusal(() => read({ ...raw(), version: 2 }))).toEqual({
      code: PACK_PROBLEMS.newerVersion,
      params: { version: 2 },
    });
    expect(refusal(() => read({ ...raw(), version: '1' })).code).toBe(PACK_PROBLEMS.wrongVersion);
    expect(refusal(() => read({ ...raw(), version: 0 })).code).toBe(PACK_PROBLEMS.wrongVersion);
  });

  it('Given a language this app does not have, Then it is refused naming it', () => {
    expect(refusal(() => read({ ...raw(), language: 'so' }))).toEqual({
      code: PACK_PROBLEMS.unknownLanguage,
      params: { language: 'so' },
    });
  });

  it('Given no clips, Then it is refused', () => {
    expect(refusal(() => read({ ...raw(), clips: [] })).code).toBe(PACK_PROBLEMS.noClips);
    expect(refusal(() => read({ ...raw(), clips: undefined })).code).toBe(PACK_PROBLEMS.noClips);
  });

  it('Given a clip with a field missing or wrong, Then it is refused naming the clip and the field', () => {
    const broken = (
      field: string,
      value: unknown,
    ): { code: PackProblem; params: Record<string, string | number> } => {
      const file = raw();
      file.clips[1] = { ...file.clips[1], [field]: value };
      return refusal(() => read(file));
    };
    expect(broken('text', '')).toEqual({ code: PACK_PROBLEMS.badClip, params: { n: 2, field: 'text' } });
    expect(broken('mimeType', 'text/html')).toEqual({
      code: PACK_PROBLEMS.badClip,
      params: { n: 2, field: 'mimeType' },
    });
    expect(broken('durationMs', -1)).toEqual({
      code: PACK_PROBLEMS.badClip,
      params: { n: 2, field: 'durationMs' },
    });
    expect(broken('audio', 'not base64!')).toEqual({
      code: PACK_PROBLEMS.badClip,
      params: { n: 2, field: 'audio' },
    });
    expect(broken('prompt', 7)).toEqual({ code: PACK_PROBLEMS.badClip, params: { n: 2, field: 'prompt' } });
  });

  it('Given a clip for a screen the app does not have, or two clips for one screen, Then it is refused', () => {
    const file = raw();
    file.clips[0] = { ...file.clips[0], prompt: 'secretScreen' };
    expect(refusal(() => read(file))).toEqual({
      code: PACK_PROBLEMS.unknownPrompt,
      params: { n: 1, prompt: 'secretScreen' },
    });
    const twice = raw();
    twice.clips[1] = { ...twice.clips[1], prompt: 'hub' };
    expect(refusal(() => read(twice))).toEqual({ code: PACK_PROBLEMS.twoClips, params: { prompt: 'hub' } });
  });

  it('Given a clip over 1 MB, Then it is refused by its size (counted without decoding it)', () => {
    const file = raw();
    file.clips[0] = { ...file.clips[0], audio: toBase64(new Uint8Array(PACK_LIMITS.maxClipBytes + 1)) };
    expect(refusal(() => read(file))).toEqual({
      code: PACK_PROBLEMS.clipTooLarge,
      params: { n: 1, prompt: 'hub', bytes: PACK_LIMITS.maxClipBytes + 1, maxBytes: 1024 * 1024 },
    });
    const justRight = raw();
    justRight.clips[0] = { ...justRight.clips[0], audio: toBase64(new Uint8Array(PACK_LIMITS.maxClipBytes)) };
    expect(read(justRight).clips[0]?.bytes.length).toBe(PACK_LIMITS.maxClipBytes);
  });

  it('Given a clip over 60 seconds, Then it is refused saying how long it is', () => {
    const file = raw();
    file.clips[1] = { ...file.clips[1], durationMs: 61_500 };
    expect(refusal(() => read(file))).toEqual({
      code: PACK_PROBLEMS.clipTooLong,
      params: { n: 2, prompt: 'consent', seconds: 62, maxSeconds: 60 },
    });
  });
});
