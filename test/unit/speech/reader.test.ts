import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isReadingFor, speakText, stopReading, subscribeReading } from '../../../src/ui/speech/reader';

/** An utterance as the browser keeps it; the test ends it as the engine would. */
class FakeUtterance {
  lang = '';
  voice: unknown = null;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

class FakeSynth {
  queue: FakeUtterance[] = [];
  cancels = 0;
  speaking = false;
  pending = false;
  paused = false;
  speak(u: FakeUtterance): void {
    this.queue.push(u);
  }
  cancel(): void {
    this.cancels += 1;
    // As Chrome does: every utterance still queued ends with an error.
    const dropped = this.queue;
    this.queue = [];
    for (const u of dropped) u.onerror?.();
  }
  resume(): void {}
  /** The engine reads the next piece to its end. */
  finishOne(): void {
    this.queue.shift()?.onend?.();
  }
}

const WELSH = { name: 'Gwyneth', lang: 'cy_GB', localService: true, default: false, voiceURI: 'gwyneth' };

let synth: FakeSynth;
beforeEach(() => {
  synth = new FakeSynth();
  (globalThis as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance = FakeUtterance;
});
afterEach(() => {
  stopReading();
  delete (globalThis as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance;
});

const speak = (owner: object, text: string): void =>
  speakText(owner, synth as unknown as SpeechSynthesis, WELSH, text);

describe('reading a screen aloud', () => {
  it('Given a heading and two sentences, When read, Then three utterances are queued at once, each with the voice and its language', () => {
    const button = {};
    speak(button, 'Croeso\nHelpwch ni. Mae’n cymryd 10 munud.');
    expect(synth.queue.map((u) => [u.text, u.lang, u.voice])).toEqual([
      ['Croeso', 'cy-GB', WELSH],
      ['Helpwch ni.', 'cy-GB', WELSH],
      ['Mae’n cymryd 10 munud.', 'cy-GB', WELSH],
    ]);
    expect(isReadingFor(button)).toBe(true);
  });

  it('Given a reading, When the engine has read every piece, Then it is no longer reading and listeners hear it', () => {
    const button = {};
    let changes = 0;
    const unsubscribe = subscribeReading(() => (changes += 1));
    speak(button, 'Un. Dau.');
    synth.finishOne();
    expect(isReadingFor(button)).toBe(true);
    synth.finishOne();
    expect(isReadingFor(button)).toBe(false);
    expect(changes).toBe(2);
    unsubscribe();
  });

  it('Given a reading, When another button reads, Then the first stops (its cancelled pieces do not end the second)', () => {
    const first = {};
    const second = {};
    speak(first, 'Un. Dau. Tri.');
    speak(second, 'Pedwar.');
    expect(synth.cancels).toBe(1);
    expect(isReadingFor(first)).toBe(false);
    expect(isReadingFor(second)).toBe(true);
    expect(synth.queue.map((u) => u.text)).toEqual(['Pedwar.']);
  });

  it('Given a reading, When stopped for another owner, Then nothing changes; stopped for its own, Then the engine is cancelled', () => {
    const button = {};
    speak(button, 'Un.');
    stopReading({});
    expect(isReadingFor(button)).toBe(true);
    stopReading(button);
    expect(isReadingFor(button)).toBe(false);
    expect(synth.cancels).toBe(1);
  });
});
