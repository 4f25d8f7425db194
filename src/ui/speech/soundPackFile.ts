/**
 * Language sound packs: the kiosk's fixed prompts recorded once in one language (where tablets have no voice for
 * it, often Welsh and Urdu), carried to every tablet as one JSON file, like a session file.
 *
 * ```json
 * { "format": "neighbourhood-codesign-sound-pack", "version": 1, "language": "cy",
 *   "recordedAt": "2026-05-10T14:02:00.000Z",
 *   "clips": [{ "prompt": "hub", "text": "Beth hoffech chi ei wneud?", "mimeType": "audio/webm",
 *               "durationMs": 2100, "audio": "<base64>" }] }
 * ```
 * `text` is the catalogue text the clip was recorded from: a clip plays only while it still equals the screen's
 * text (prompts.ts). Reading a file checks everything before anything is stored; every refusal is a
 * SoundPackError whose code the facilitator's screen words.
 */
import { PROMPT_IDS } from './prompts';

export const SOUND_PACK_FORMAT = 'neighbourhood-codesign-sound-pack';
export const SOUND_PACK_VERSION = 1;
export const SOUND_PACK_MEDIA_TYPE = 'application/json';

export const PACK_LIMITS = {
  /** The whole file: far more than the app's 14 prompts need (a 10 s clip is about 80 kB). */
  maxFileBytes: 20 * 1024 * 1024,
  /** One clip's audio. */
  maxClipBytes: 1024 * 1024,
  /** One clip's length. */
  maxClipMs: 60_000,
  /** One clip's catalogue text. */
  maxTextLength: 2000,
} as const;

export interface PackClip {
  /** A prompt id of prompts.ts. */
  prompt: string;
  /** The catalogue text, in the pack's language, the clip was recorded from. */
  text: string;
  /** e.g. audio/webm, audio/mp4 (what the recording tablet's MediaRecorder made). */
  mimeType: string;
  durationMs: number;
  bytes: Uint8Array;
}

export interface SoundPack {
  language: string;
  /** When it was recorded (ISO 8601). */
  recordedAt: string;
  clips: PackClip[];
}

export const PACK_PROBLEMS = {
  tooLarge: 'tooLarge',
  notJson: 'notJson',
  wrongFormat: 'wrongFormat',
  newerVersion: 'newerVersion',
  wrongVersion: 'wrongVersion',
  unknownLanguage: 'unknownLanguage',
  noClips: 'noClips',
  badClip: 'badClip',
  unknownPrompt: 'unknownPrompt',
  twoClips: 'twoClips',
  clipTooLarge: 'clipTooLarge',
  clipTooLong: 'clipTooLong',
} as const;
export type PackProblem = (typeof PACK_PROBLEMS)[keyof typeof PACK_PROBLEMS];

/** A refused sound pack file: nothing of it is stored. `params` fill the words for `code`. */
export class SoundPackError extends Error {
  constructor(
    readonly code: PackProblem,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`sound pack refused: ${code} ${JSON.stringify(params)}`);
    this.name = 'SoundPackError';
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** How many bytes a base64 text decodes to, without decoding it. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readClip(raw: unknown, n: number, seen: Set<string>): PackClip {
  const bad = (field: string): SoundPackError => new SoundPackError(PACK_PROBLEMS.badClip, { n, field });
  if (!isRecord(raw)) throw bad('clip');
  const { prompt, text, mimeType, durationMs, audio } = raw;
  if (typeof prompt !== 'string') throw bad('prompt');
  if (!PROMPT_IDS.has(prompt)) throw new SoundPackError(PACK_PROBLEMS.unknownPrompt, { n, prompt });
  if (seen.has(prompt)) throw new SoundPackError(PACK_PROBLEMS.twoClips, { prompt });
  seen.add(prompt);
  if (typeof text !== 'string' || text.trim() === '' || text.length > PACK_LIMITS.maxTextLength) {
    throw bad('text');
  }
  if (typeof mimeType !== 'string' || !/^audio\/[\w.+-]+(;.{0,80})?$/.test(mimeType)) throw bad('mimeType');
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs <= 0) {
    throw bad('durationMs');
  }
  if (durationMs > PACK_LIMITS.maxClipMs) {
    throw new SoundPackError(PACK_PROBLEMS.clipTooLong, {
      n,
      prompt,
      seconds: Math.ceil(durationMs / 1000),
      maxSeconds: PACK_LIMITS.maxClipMs / 1000,
    });
  }
  if (typeof audio !== 'string' || audio.length === 0 || audio.length % 4 !== 0 || !BASE64.test(audio)) {
    throw bad('audio');
  }
  const size = base64Bytes(audio);
  if (size > PACK_LIMITS.maxClipBytes) {
    throw new SoundPackError(PACK_PROBLEMS.clipTooLarge, {
      n,
      prompt,
      bytes: size,
      maxBytes: PACK_LIMITS.maxClipBytes,
    });
  }
  return { prompt, text, mimeType, durationMs, bytes: fromBase64(audio) };
}

/** Refuses a file larger than a pack can be, before its bytes are read into memory. */
export function checkPackSize(byteLength: number): void {
  if (byteLength > PACK_LIMITS.maxFileBytes) {
    throw new SoundPackError(PACK_PROBLEMS.tooLarge, {
      bytes: byteLength,
      maxBytes: PACK_LIMITS.maxFileBytes,
    });
  }
}

/**
 * Checks a sound pack file's text (`byteLength`: the file's size, compared before anything else) against the
 * format, the limits and the languages this app has. Returns the pack, or throws a SoundPackError.
 */
export function readSoundPack(
  text: string,
  byteLength: number,
  knownLanguages: readonly string[],
): SoundPack {
  checkPackSize(byteLength);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SoundPackError(PACK_PROBLEMS.notJson);
  }
  if (!isRecord(raw) || raw.format !== SOUND_PACK_FORMAT) throw new SoundPackError(PACK_PROBLEMS.wrongFormat);
  if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > SOUND_PACK_VERSION) {
    throw new SoundPackError(PACK_PROBLEMS.newerVersion, { version: raw.version });
  }
  if (raw.version !== SOUND_PACK_VERSION) {
    throw new SoundPackError(PACK_PROBLEMS.wrongVersion, { version: String(raw.version) });
  }
  const { language, recordedAt, clips } = raw;
  if (typeof language !== 'string' || !knownLanguages.includes(language)) {
    throw new SoundPackError(PACK_PROBLEMS.unknownLanguage, { language: String(language).slice(0, 20) });
  }
  if (!Array.isArray(clips) || clips.length === 0) throw new SoundPackError(PACK_PROBLEMS.noClips);
  const seen = new Set<string>();
  const read = clips.map((clip: unknown, i) => readClip(clip, i + 1, seen));
  const when = typeof recordedAt === 'string' && !Number.isNaN(Date.parse(recordedAt)) ? recordedAt : '';
  return { language, recordedAt: when, clips: read };
}

/** The file's text for a pack. */
export function encodeSoundPack(pack: SoundPack): string {
  return JSON.stringify({
    format: SOUND_PACK_FORMAT,
    version: SOUND_PACK_VERSION,
    language: pack.language,
    recordedAt: pack.recordedAt,
    clips: pack.clips.map((c) => ({
      prompt: c.prompt,
      text: c.text,
      mimeType: c.mimeType,
      durationMs: Math.round(c.durationMs),
      audio: toBase64(c.bytes),
    })),
  });
}

/** "sound-pack-cy-2026-05-10.json" */
export function soundPackFileName(language: string, when: Date): string {
  return `sound-pack-${language}-${when.toISOString().slice(0, 10)}.json`;
}
