/**
 * The one thing reading aloud on the page: a screen's text spoken by a voice, or a recorded clip. Starting a
 * reading stops the one before; each Read aloud button asks whether the reading is its own, to show "Stop
 * reading". Everything here runs synchronously inside the tap that asked for it: Safari on iPad speaks only
 * when `speak()` is called from the tap itself, not after an await.
 */
import { splitSentences } from './sentences';
import { normaliseLang } from './voices';

interface Reading {
  /** The button (or screen) the reading belongs to. */
  owner: object;
  stop: () => void;
  queued?: readonly SpeechSynthesisUtterance[];
}

let current: Reading | null = null;
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of [...listeners]) listener();
}

/** Calls `listener` whenever a reading starts or ends. */
export function subscribeReading(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isReadingFor(owner: object): boolean {
  return current?.owner === owner;
}

/** Stops the reading (only `owner`'s, when given). */
export function stopReading(owner?: object): void {
  if (!current || (owner !== undefined && current.owner !== owner)) return;
  const reading = current;
  current = null;
  reading.stop();
  changed();
}

function finished(reading: Reading): void {
  if (current !== reading) return;
  current = null;
  changed();
}

/**
 * Speaks `text` with `voice`, one utterance per sentence, each with its language and voice set (a voice alone
 * is not enough on every engine). Queued all at once, inside the tap.
 */
export function speakText(
  owner: object,
  synth: SpeechSynthesis,
  voice: SpeechSynthesisVoice,
  text: string,
): void {
  stopReading();
  const pieces = splitSentences(text, voice.lang);
  if (pieces.length === 0) return;
  // Held until the reading ends: Chrome drops the end event of an utterance nothing refers to any more.
  const queued: SpeechSynthesisUtterance[] = [];
  const reading: Reading = { owner, stop: () => synth.cancel(), queued };
  // Something another page queued (or a reading cut short) would play first.
  if (synth.speaking || synth.pending) synth.cancel();
  current = reading;
  let left = pieces.length;
  for (const piece of pieces) {
    const utterance = new SpeechSynthesisUtterance(piece);
    utterance.lang = normaliseLang(voice.lang);
    utterance.voice = voice;
    // Chrome reports a cancelled queue as errors ('interrupted'): a stopped reading is no longer current.
    utterance.onend = utterance.onerror = () => {
      left -= 1;
      if (left === 0) finished(reading);
    };
    queued.push(utterance);
    synth.speak(utterance);
  }
  // Chrome on some tablets leaves the queue paused after the screen slept.
  if (synth.paused) synth.resume();
  changed();
}

/** Plays a recorded clip (a sound pack's) instead of a voice. */
export function playClip(owner: object, bytes: Uint8Array, mimeType: string): void {
  stopReading();
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const audio = new Audio(url);
  const reading: Reading = {
    owner,
    stop: () => {
      audio.pause();
      URL.revokeObjectURL(url);
    },
  };
  const end = (): void => {
    URL.revokeObjectURL(url);
    finished(reading);
  };
  audio.onended = end;
  audio.onerror = end;
  current = reading;
  audio.play().catch(end);
  changed();
}
