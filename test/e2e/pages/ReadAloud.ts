/**
 * Read aloud, seen from the test: a fake `speechSynthesis` installed in the page before the app runs (its voices
 * set by the test, `voiceschanged` fired only when the test says), recording every utterance queued and every
 * clip played; the kiosk's Read aloud buttons; the facilitator's "Read aloud on this tablet".
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';

export interface FakeVoice {
  name: string;
  lang: string;
  localService: boolean;
  default?: boolean;
}

export interface Spoken {
  text: string;
  lang: string;
  voice: string | null;
}

interface SpeechState {
  voices: FakeVoice[];
  spoken: Spoken[];
  reads: number;
  cancels: number;
  played: string[];
  fire: () => void;
}

/** Before the page loads: the fake speech synthesis, with `voices` there from the start (or none). */
export async function installFakeSpeech(context: BrowserContext, voices: FakeVoice[] = []): Promise<void> {
  await context.addInitScript((initial: FakeVoice[]) => {
    const events = new EventTarget();
    const state = {
      voices: initial,
      spoken: [] as { text: string; lang: string; voice: string | null }[],
      reads: 0,
      cancels: 0,
      played: [] as string[],
      fire: () => events.dispatchEvent(new Event('voiceschanged')),
    };
    (window as unknown as { fakeSpeech: typeof state }).fakeSpeech = state;
    class FakeUtterance {
      lang = '';
      voice: FakeVoice | null = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly text: string) {}
    }
    const synth = {
      speaking: false,
      pending: false,
      paused: false,
      getVoices: () => {
        state.reads += 1;
        return state.voices.slice();
      },
      speak: (u: FakeUtterance) => {
        state.spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
      },
      cancel: () => {
        state.cancels += 1;
      },
      pause: () => undefined,
      resume: () => undefined,
      addEventListener: (type: string, fn: EventListener) => events.addEventListener(type, fn),
      removeEventListener: (type: string, fn: EventListener) => events.removeEventListener(type, fn),
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
    HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
      state.played.push(this.src);
      return Promise.resolve();
    };
  }, voices);
}

export class Speech {
  constructor(readonly page: Page) {}

  /** Every utterance queued so far. */
  spoken(): Promise<Spoken[]> {
    return this.page.evaluate(() => (window as unknown as { fakeSpeech: SpeechState }).fakeSpeech.spoken);
  }

  /** How often the page asked for the voices. */
  reads(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { fakeSpeech: SpeechState }).fakeSpeech.reads);
  }

  cancels(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { fakeSpeech: SpeechState }).fakeSpeech.cancels);
  }

  /** The src of every audio element played. */
  played(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { fakeSpeech: SpeechState }).fakeSpeech.played);
  }

  /** The bytes behind a played src (a blob: URL made by the app). */
  bytesAt(src: string): Promise<number[]> {
    return this.page.evaluate(
      async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())],
      src,
    );
  }

  /**
   * Waits until a read of the sound clips made now has answered, and two frames have been drawn: a screen's
   * own look-up of its clip, made when it appeared, has answered by then too.
   */
  async settled(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('codesign-app');
          open.onerror = () => reject(open.error ?? new Error('open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const read = db.transaction('soundClips').objectStore('soundClips').getAll();
            read.onsuccess = () => {
              db.close();
              requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
            };
            read.onerror = () => reject(read.error ?? new Error('read failed'));
          };
        }),
    );
  }

  /** Changes the tablet's voices; `announce` fires voiceschanged, else only a read of the list finds them. */
  async setVoices(voices: FakeVoice[], { announce }: { announce: boolean }): Promise<void> {
    await this.page.evaluate(
      ([v, fire]) => {
        const s = (window as unknown as { fakeSpeech: SpeechState }).fakeSpeech;
        s.voices = v;
        if (fire) s.fire();
      },
      [voices, announce] as const,
    );
  }

  /** The Read aloud button of the screen (the first one in its <main>), in any language's words. */
  screenButton(name: string | RegExp = /^(Read aloud|Stop reading)$/): Locator {
    return this.page
      .getByRole('main')
      .getByRole('button', { name, exact: typeof name === 'string' })
      .first();
  }

  /** An idea card's button: "Read aloud: <title>", "Stop reading: <title>" while it reads. */
  ideaButton(title: string, words: 'Read aloud' | 'Stop reading' = 'Read aloud'): Locator {
    return this.page.getByRole('button', { name: `${words}: ${title}`, exact: true });
  }

  /** What the screen's own words are, as the test reads them from the page: heading, lead and instructions. */
  screenWords(): Promise<string[]> {
    return this.page
      .locator('main h1, main .kiosk-lead, main .kiosk-text')
      .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  }
}

/** The facilitator dashboard's "Read aloud on this tablet". */
export class VoicesPanel {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Read aloud on this tablet' });
  }

  /** One language's block, by its name in English ("Welsh"). */
  language(name: string): Locator {
    return this.region
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 3, name, exact: true }) });
  }

  get fileInput(): Locator {
    return this.region.getByLabel('Sound pack file', { exact: true });
  }

  async addPack(name: string, text: string): Promise<void> {
    await this.fileInput.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  get done(): Locator {
    return this.region.locator('.speech-packs [role=status]');
  }

  get refusal(): Locator {
    return this.region.getByRole('alert');
  }
}
