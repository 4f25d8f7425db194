/**
 * The sound packs this tablet holds, and adding one from a file (like a session file): the file is checked
 * whole before anything is stored, and a refused file says why in words and changes nothing.
 */
import { useId } from 'preact/hooks';
import type { SoundPackEntry } from '../../storage/appDb';
import { removeSoundPack, saveSoundPack } from '../../storage/soundPacks';
import { useInWords } from '../errors';
import { sessionDate } from '../format/dates';
import { LOCALES, useT } from '../i18n';
import { useServices } from '../services';
import { languageName, maxPackSize, refusalInWords, storeFailedInWords } from './packWords';
import { checkPackSize, readSoundPack, SOUND_PACK_MEDIA_TYPE, SoundPackError } from './soundPackFile';

interface SoundPacksProps {
  packs: readonly SoundPackEntry[];
  onChanged: () => void;
}

export function SoundPacks({ packs, onChanged }: SoundPacksProps) {
  const t = useT();
  const services = useServices();
  const id = useId();
  // Put into words as the panel renders, so they follow the staff language switch.
  const [done, setDone] = useInWords();
  const [problem, setProblem] = useInWords();

  const add = async (file: File): Promise<void> => {
    setDone(null);
    setProblem(null);
    let pack;
    try {
      checkPackSize(file.size);
      pack = readSoundPack(await file.text(), file.size, Object.keys(LOCALES));
    } catch (e) {
      const refusal = e instanceof SoundPackError ? e : null;
      setProblem((t) => refusalInWords(t, refusal, file.name));
      return;
    }
    try {
      await saveSoundPack(services.db, pack, file.name, Date.now());
    } catch (e) {
      setProblem((t) => storeFailedInWords(t, e));
      return;
    }
    const added = pack;
    setDone((t) =>
      t('speech.packs.added', { language: languageName(t, added.language), count: added.clips.length }),
    );
    onChanged();
  };

  const remove = async (language: string): Promise<void> => {
    setDone(null);
    setProblem(null);
    try {
      await removeSoundPack(services.db, language);
      setDone((t) => t('speech.packs.removed', { language: languageName(t, language) }));
      onChanged();
    } catch (e) {
      setProblem((t) => storeFailedInWords(t, e));
    }
  };

  return (
    <div class="speech-packs">
      <h3>{t('speech.packs.heading')}</h3>
      <p>{t('speech.packs.intro')}</p>
      {packs.length === 0 ? (
        <p>{t('speech.packs.none')}</p>
      ) : (
        <ul class="speech-packs__list">
          {packs.map((pack) => (
            <li key={pack.language}>
              <span>
                {t('speech.packs.item', {
                  language: languageName(t, pack.language),
                  count: pack.clipCount,
                  date: pack.recordedAt ? sessionDate(t, pack.recordedAt.slice(0, 10)) : '—',
                  fileName: pack.fileName,
                })}
              </span>{' '}
              <button type="button" class="btn" onClick={() => void remove(pack.language)}>
                {t('speech.packs.remove', { language: languageName(t, pack.language) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('speech.packs.addHeading')}</h4>
      <div class="field">
        <label class="field__label" for={`${id}-file`}>
          {t('speech.packs.addLabel')}
        </label>
        <p class="field__hint" id={`${id}-hint`}>
          {t('speech.packs.addHint', { maxSize: maxPackSize(t) })}
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept={`.json,${SOUND_PACK_MEDIA_TYPE}`}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (file) void add(file).finally(() => (input.value = ''));
          }}
        />
      </div>
      <p role="status" class="speech-packs__done">
        {done?.(t)}
      </p>
      {problem ? (
        <p class="alert" role="alert">
          {problem(t)}
        </p>
      ) : null}
    </div>
  );
}
