/**
 * Which of the tablet's voices may read a language. Only a voice installed on the tablet (`localService`) works
 * offline, and only a voice of the language itself will do: Android reads Welsh words with an English voice when
 * no Welsh one is installed, which helps nobody. So there is never a fallback to another language: no voice,
 * no Read aloud (unless a council recorded the screens, see soundPackFile.ts).
 */

/** What the app uses of a `SpeechSynthesisVoice` (tests pass plain objects). */
export interface VoiceLike {
  name: string;
  lang: string;
  localService: boolean;
  default?: boolean;
}

/** 'cy' of 'cy-GB', 'cy_GB' or 'CY'. */
export function primaryTag(lang: string): string {
  return lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** 'cy-GB' for 'cy_gb' (Android's older engines write an underscore). */
export function normaliseLang(lang: string): string {
  const [first = '', ...rest] = lang.trim().split(/[-_]/);
  return [first.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join(
    '-',
  );
}

function isLanguage(voice: VoiceLike, code: string): boolean {
  return primaryTag(voice.lang) === primaryTag(code) && primaryTag(code) !== '';
}

/**
 * The voice to read `code` with, offline: a local voice of that language, preferring the region the app
 * formats it in (`intl`, e.g. 'cy-GB', 'ur-PK'), then the tablet's default voice, then the first. Null when
 * the tablet has none.
 */
export function chooseVoice<V extends VoiceLike>(voices: readonly V[], code: string, intl = code): V | null {
  const local = voices.filter((v) => v.localService === true && isLanguage(v, code));
  const wanted = normaliseLang(intl).toLowerCase();
  return (
    local.find((v) => normaliseLang(v.lang).toLowerCase() === wanted) ??
    local.find((v) => v.default === true) ??
    local[0] ??
    null
  );
}

export const SUPPORT = {
  /** A voice on the tablet: reads aloud offline. */
  offline: 'offline',
  /** Only a voice that needs the internet: residents are not offered it. */
  online: 'online',
  /** No voice of the language at all. */
  none: 'none',
} as const;
export type SupportKind = (typeof SUPPORT)[keyof typeof SUPPORT];

export type VoiceSupport =
  | { kind: typeof SUPPORT.offline; voice: VoiceLike }
  | { kind: typeof SUPPORT.online; voice: VoiceLike }
  | { kind: typeof SUPPORT.none };

/** What this tablet's voices can do for a language, for the facilitator's "Read aloud on this tablet". */
export function voiceSupport(voices: readonly VoiceLike[], code: string, intl = code): VoiceSupport {
  const local = chooseVoice(voices, code, intl);
  if (local) return { kind: SUPPORT.offline, voice: local };
  const online = voices.find((v) => isLanguage(v, code));
  return online ? { kind: SUPPORT.online, voice: online } : { kind: SUPPORT.none };
}
