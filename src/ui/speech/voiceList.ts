/**
 * The tablet's voices, as they arrive. Browsers load them late: Chrome's `getVoices()` is empty at first and
 * fills in later with a `voiceschanged` event; some builds (Safari on iPad, Chrome on some Android tablets) fire
 * no event at all, so the list is also read again on a timer a few times. Each read that finds a different list
 * tells the listeners.
 */
import type { VoiceLike } from './voices';

/** What the app uses of `window.speechSynthesis` to find voices. */
export interface VoiceSource<V extends VoiceLike = VoiceLike> {
  getVoices(): readonly V[];
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
  removeEventListener?(type: 'voiceschanged', listener: () => void): void;
}

/** Waits between reads of the list after the first: about 15 s in all, then only `voiceschanged`. */
export const POLL_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000, 8000];

function listKey(voices: readonly VoiceLike[]): string {
  return voices.map((v) => `${v.name}\u0000${v.lang}\u0000${String(v.localService)}`).join('\u0001');
}

/**
 * Reads `source`'s voices now, on every `voiceschanged` and after each of `delays` (setTimeout, so tests drive it
 * with a fake clock); calls `onVoices` whenever the list differs from the last one seen (never for a list that
 * stays empty). Returns a function that stops watching.
 */
export function watchVoices<V extends VoiceLike>(
  source: VoiceSource<V>,
  onVoices: (voices: readonly V[]) => void,
  delays: readonly number[] = POLL_DELAYS_MS,
): () => void {
  let seen = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = (): void => {
    let voices: readonly V[];
    try {
      voices = source.getVoices();
    } catch {
      return;
    }
    const key = listKey(voices);
    if (key !== seen) {
      seen = key;
      onVoices([...voices]);
    }
  };
  const pollFrom = (i: number): void => {
    const delay = delays[i];
    if (delay === undefined) return;
    timer = setTimeout(() => {
      read();
      pollFrom(i + 1);
    }, delay);
  };
  read();
  source.addEventListener?.('voiceschanged', read);
  pollFrom(0);
  return () => {
    clearTimeout(timer);
    source.removeEventListener?.('voiceschanged', read);
  };
}

/** The page's speech synthesis, when the browser has one. */
export function pageSynth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && window.speechSynthesis
    ? window.speechSynthesis
    : null;
}

// One watcher for the whole page, started by the first screen that asks: the voices are the tablet's, not a
// screen's, and the timer's reads happen once.
let voicesNow: readonly SpeechSynthesisVoice[] = [];
const listeners = new Set<() => void>();
let isWatching = false;

/** The voices known so far (empty until they load, or when the browser has no speech synthesis). */
export function currentVoices(): readonly SpeechSynthesisVoice[] {
  return voicesNow;
}

/** Calls `listener` whenever the tablet's voices change; starts watching on the first call. */
export function subscribeVoices(listener: () => void): () => void {
  listeners.add(listener);
  const synth = pageSynth();
  if (!isWatching && synth) {
    isWatching = true;
    watchVoices(synth, (voices) => {
      voicesNow = voices;
      for (const l of [...listeners]) l();
    });
  }
  return () => listeners.delete(listener);
}
