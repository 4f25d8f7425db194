/**
 * The facilitator dashboard's "Read aloud on this tablet": for each of the session's languages, whether this
 * tablet can read it aloud offline (and with which voice), only online, with a recorded sound pack, or not at
 * all, and what to install where it cannot. Below it, the tablet's sound packs and the recorder.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AppDb, SoundPackEntry } from '../../storage/appDb';
import { soundClips, soundPacks } from '../../storage/soundPacks';
import { addMessages, availableLanguages, loadLanguage, makeTranslator, useT } from '../i18n';
import { kioskEarlier } from '../i18n/en/kioskEarlier';
import { useServices } from '../services';
import { PackRecorder } from './PackRecorder';
import { languageName } from './packWords';
import { PROMPTS, promptText, sameWords } from './prompts';
import { SoundPacks } from './SoundPacks';
import { useVoices } from './useVoices';
import { pageSynth } from './voiceList';
import { SUPPORT, voiceSupport } from './voices';
import './staffMessages';
// Every screen's heading is a prompt; the steps after "I agree" have their English with their chunk otherwise.
import '../kiosk/laterMessages';
import './speech.css';

// The "earlier ideas" screen's heading is a prompt; its English loads with that screen otherwise.
addMessages('en', kioskEarlier);

/** Per language: how many of its pack's clips still match the screens' words, and how many do not. */
interface PackState {
  current: number;
  stale: number;
}

async function packStates(db: AppDb, languages: readonly string[]): Promise<Map<string, PackState>> {
  const states = new Map<string, PackState>();
  for (const code of languages) {
    const clips = await soundClips(db, code);
    if (clips.length === 0) continue;
    await loadLanguage(code).catch(() => undefined);
    const t = makeTranslator(code);
    const byId = new Map(PROMPTS.map((p) => [p.id, promptText(t, p)]));
    const current = clips.filter((c) => {
      const text = byId.get(c.prompt);
      return text !== undefined && sameWords(text, c.text);
    }).length;
    states.set(code, { current, stale: clips.length - current });
  }
  return states;
}

export function ReadAloudPanel({ languages }: { languages: readonly string[] }) {
  const t = useT();
  const services = useServices();
  const voices = useVoices();
  const codes = availableLanguages(languages);
  const [packs, setPacks] = useState<readonly SoundPackEntry[]>([]);
  const [states, setStates] = useState<Map<string, PackState>>(new Map());
  const [isRecording, setRecording] = useState(false);
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    const all = async (): Promise<void> => {
      const held = await soundPacks(services.db);
      const known = await packStates(
        services.db,
        held.map((p) => p.language),
      );
      if (!isCurrent) return;
      setPacks(held);
      setStates(known);
    };
    all().catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [changes, languages.join(',')]);

  const reload = (): void => setChanges((n) => n + 1);

  return (
    <section aria-labelledby="fac-speech-heading" class="card fac-section speech-panel">
      <h2 id="fac-speech-heading">{t('speech.heading')}</h2>
      <p>{t('speech.intro')}</p>
      <p class="field__hint">{pageSynth() ? t('speech.updates') : t('speech.noSynthesis')}</p>
      <ul class="speech-languages">
        {codes.map((code) => {
          const name = languageName(t, code);
          const support = voiceSupport(voices, code, makeTranslator(code).locale.intl);
          const pack = states.get(code);
          const isOffered = support.kind === SUPPORT.offline || (pack?.current ?? 0) > 0;
          return (
            <li key={code} class="speech-language" data-language={code}>
              <h3 id={`speech-${code}`}>{name}</h3>
              <p>
                {support.kind === SUPPORT.offline
                  ? t('speech.offline', { voice: support.voice.name })
                  : support.kind === SUPPORT.online
                    ? t('speech.online', { voice: support.voice.name })
                    : t('speech.none')}
              </p>
              {pack && pack.current > 0 ? <p>{t('speech.pack', { count: pack.current })}</p> : null}
              {pack && pack.stale > 0 ? (
                <p class="notice">{t('speech.packStale', { count: pack.stale })}</p>
              ) : null}
              {isOffered ? null : <p class="notice">{t('speech.notOffered')}</p>}
              {support.kind === SUPPORT.offline ? null : (
                <div class="speech-install">
                  <h4>{t('speech.install.heading', { language: name })}</h4>
                  <ul>
                    <li>{t('speech.install.android', { language: name })}</li>
                    <li>{t('speech.install.ipad', { language: name })}</li>
                    <li>{t('speech.install.windows', { language: name })}</li>
                  </ul>
                  <p>{t('speech.install.restart')}</p>
                  <p>{t('speech.install.noVoice', { language: name })}</p>
                </div>
              )}
            </li>
          );
        })}
      </ul>

      <SoundPacks packs={packs} onChanged={reload} />

      {isRecording ? (
        <PackRecorder languages={codes} onStored={reload} onClose={() => setRecording(false)} />
      ) : (
        <p>
          <button type="button" class="btn" onClick={() => setRecording(true)}>
            {t('speech.record.open')}
          </button>
        </p>
      )}
    </section>
  );
}
