/**
 * The resident's large "Read aloud" button, on every kiosk screen and every idea. It is only offered where it
 * would speak the resident's language: a voice of that language installed on the tablet (offline), or a council's
 * recording of the screen (a sound pack clip whose words are still the screen's). A second tap stops; so does
 * leaving the screen (the button goes away) or changing language.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SoundClipEntry } from '../../storage/appDb';
import { soundClip } from '../../storage/soundPacks';
import { addMessages, useT } from '../i18n';
import { readAloud } from '../i18n/en/readAloud';
import { useServices } from '../services';
import { promptForTitle, promptText, sameWords } from './prompts';
import { isReadingFor, playClip, speakText, stopReading, subscribeReading } from './reader';
import { useVoices } from './useVoices';
import { pageSynth } from './voiceList';
import { chooseVoice } from './voices';
import './readAloud.css';

addMessages('en', readAloud);

export interface ReadAloudProps {
  /** The screen to read (the kiosk page's <main>): its words are taken at the tap, as shown. */
  root?: RefObject<HTMLElement | null>;
  /** Or the words themselves: an idea's title and description. */
  text?: string;
  /** The screen's heading, to find its recorded prompt; absent where residents' own words are read. */
  screenTitle?: string;
  /** Added to the button's accessible name, so each idea's button says which idea it reads. */
  about?: string;
}

/** What a screen reads: its heading, lead, instructions and consent text, and anything marked data-read-aloud. */
const READ = 'h1, .kiosk-lead, .kiosk-text, .kiosk-consent, [data-read-aloud]';

/**
 * The words of `root` a resident hears, one line per part, in the screen's order. A part in another language than
 * the screen's (a session's own words not given in this language, shown as typed) is left out: the voice is the
 * resident's language's, and never reads another language.
 */
export function screenText(root: HTMLElement): string {
  const screenLang = root.ownerDocument.documentElement.lang;
  return [...root.querySelectorAll<HTMLElement>(READ)]
    .filter((el) => !el.parentElement?.closest(READ) && !el.closest('[hidden]'))
    .filter((el) => (el.closest('[lang]')?.getAttribute('lang') ?? screenLang) === screenLang)
    .map((el) => (el.textContent ?? '').trim())
    .filter((words) => words !== '')
    .join('\n');
}

export function ReadAloudButton({ root, text, screenTitle, about }: ReadAloudProps) {
  const t = useT();
  const services = useServices();
  const code = t.locale.code;
  const owner = useRef({}).current;
  const [isReading, setReading] = useState(false);
  const [clip, setClip] = useState<SoundClipEntry | null>(null);
  const voice = chooseVoice(useVoices(), code, t.locale.intl);

  useEffect(() => {
    const unsubscribe = subscribeReading(() => setReading(isReadingFor(owner)));
    return () => {
      unsubscribe();
      stopReading(owner);
    };
  }, []);

  // The screen's recorded prompt in the resident's language, when its words are still the catalogue's.
  useEffect(() => {
    stopReading(owner);
    setClip(null);
    const prompt = screenTitle === undefined ? undefined : promptForTitle(t, screenTitle);
    if (!prompt) return;
    let isCurrent = true;
    soundClip(services.db, code, prompt.id).then(
      (found) => {
        if (isCurrent && found && sameWords(found.text, promptText(t, prompt))) setClip(found);
      },
      () => undefined, // Storage unreadable: the voice, if any, still reads.
    );
    return () => {
      isCurrent = false;
    };
  }, [code, screenTitle, t]);

  const synth = pageSynth();
  const canSpeak = voice !== null && synth !== null;
  if (!canSpeak && !clip) return null;

  // Runs inside the tap with nothing awaited before speak() or play(): Safari on iPad speaks only then.
  const toggle = (): void => {
    if (isReadingFor(owner)) {
      stopReading(owner);
      return;
    }
    const words = text ?? (root?.current ? screenText(root.current) : '');
    // A recording plays instead of the voice when it says all the screen says, or when there is no voice.
    if (clip && (!canSpeak || sameWords(clip.text, words))) playClip(owner, clip.bytes, clip.mimeType);
    else if (voice && synth) speakText(owner, synth, voice, words);
  };

  const label = isReading ? t('readAloud.stop') : t('readAloud.read');
  return (
    <button
      type="button"
      class="btn read-aloud"
      aria-pressed={isReading}
      // On an idea card the name says which idea, and starts with the words shown.
      aria-label={about ? `${label}: ${about}` : undefined}
      onClick={toggle}
    >
      <svg class="icon read-aloud__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 9v6h4l5 4V5L7 9z" fill="currentColor" />
        <path
          d={isReading ? 'M16 9l6 6M22 9l-6 6' : 'M16 8.5a5 5 0 0 1 0 7M19 5.5a9 9 0 0 1 0 13'}
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
        />
      </svg>
      {label}
    </button>
  );
}
