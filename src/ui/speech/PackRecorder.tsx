/**
 * Recording a language sound pack: each kiosk prompt's words shown in the chosen language, with Record, Stop,
 * Play back and Record again; then the pack saved as a file (to add on every tablet) and, if wanted, kept on
 * this tablet too. Clips this tablet already holds for the language, whose words still match, are the start.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { saveSoundPack, soundClips } from '../../storage/soundPacks';
import { useInWords } from '../errors';
import { bytesInWords } from '../facilitator/format';
import { LOCALES, loadLanguage, makeTranslator, useT, type Translator } from '../i18n';
import { useServices } from '../services';
import { languageName, storeFailedInWords } from './packWords';
import { PROMPTS, promptText, sameWords } from './prompts';
import { canRecord, playBack, startRecording, type RecordedAudio } from './recorder';
import {
  encodeSoundPack,
  PACK_LIMITS,
  readSoundPack,
  SOUND_PACK_MEDIA_TYPE,
  soundPackFileName,
  type PackClip,
} from './soundPackFile';

interface PackRecorderProps {
  /** The session's languages, offered first in the list. */
  languages: readonly string[];
  onStored: () => void;
  onClose: () => void;
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: SOUND_PACK_MEDIA_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const MAX_SECONDS = PACK_LIMITS.maxClipMs / 1000;

export function PackRecorder({ languages, onStored, onClose }: PackRecorderProps) {
  const t = useT();
  const services = useServices();
  const id = useId();
  const codes = [...languages, ...Object.keys(LOCALES).filter((c) => !languages.includes(c))];
  const [code, setCode] = useState(codes[0] ?? 'en');
  const [spoken, setSpoken] = useState<Translator | null>(null);
  const [clips, setClips] = useState<ReadonlyMap<string, PackClip>>(new Map());
  const [recordingId, setRecordingId] = useState<string | null>(null);
  const [status, setStatus] = useInWords();
  // Put into words as the recorder renders, so a problem on screen follows the staff language switch.
  const [problem, setProblem] = useInWords();
  const stop = useRef<(() => void) | null>(null);

  // The language's words, and the clips this tablet already has for it that still match them.
  useEffect(() => {
    let isCurrent = true;
    setSpoken(null);
    setClips(new Map());
    const open = async (): Promise<void> => {
      await loadLanguage(code).catch(() => undefined);
      const words = makeTranslator(code);
      const held = await soundClips(services.db, code).catch(() => []);
      if (!isCurrent) return;
      const kept = new Map<string, PackClip>();
      for (const prompt of PROMPTS) {
        const clip = held.find((c) => c.prompt === prompt.id);
        if (clip && sameWords(clip.text, promptText(words, prompt))) kept.set(prompt.id, clip);
      }
      setSpoken(() => words);
      setClips(kept);
    };
    void open();
    return () => {
      isCurrent = false;
    };
  }, [code]);

  // Leaving the recorder lets go of the microphone.
  useEffect(() => () => stop.current?.(), []);

  const record = async (promptId: string, text: string): Promise<void> => {
    setProblem(null);
    if (!canRecord()) {
      setProblem((t) => t('speech.record.unsupported'));
      return;
    }
    const done = (audio: RecordedAudio): void => {
      stop.current = null;
      setRecordingId(null);
      if (audio.bytes.length === 0) {
        setProblem((t) => t('speech.record.empty'));
        return;
      }
      if (audio.bytes.length > PACK_LIMITS.maxClipBytes) {
        setProblem((t) =>
          t('speech.record.tooLarge', {
            size: bytesInWords(t, audio.bytes.length),
            maxSize: bytesInWords(t, PACK_LIMITS.maxClipBytes),
          }),
        );
        return;
      }
      setClips((now) => new Map(now).set(promptId, { prompt: promptId, text, ...audio }));
      setStatus((t) =>
        audio.wasCut
          ? t('speech.record.stoppedAtMax', { maxSeconds: MAX_SECONDS })
          : t('speech.record.done', { seconds: Math.max(1, Math.round(audio.durationMs / 1000)) }),
      );
    };
    const failed = (): void => {
      stop.current = null;
      setRecordingId(null);
      setProblem((t) => t('speech.record.noMic'));
    };
    try {
      stop.current = await startRecording(PACK_LIMITS.maxClipMs, done, failed);
      setRecordingId(promptId);
      setStatus((t) => t('speech.record.recording'));
    } catch {
      failed();
    }
  };

  const pack = () => ({
    language: code,
    recordedAt: new Date().toISOString(),
    clips: PROMPTS.flatMap((p) => {
      const clip = clips.get(p.id);
      return clip ? [clip] : [];
    }),
  });

  const save = (): void => {
    setProblem(null);
    if (clips.size === 0) {
      setProblem((t) => t('speech.record.nothing'));
      return;
    }
    const fileName = soundPackFileName(code, new Date());
    download(encodeSoundPack(pack()), fileName);
    setStatus((t) => t('speech.record.saved', { fileName }));
  };

  const useHere = async (): Promise<void> => {
    setProblem(null);
    if (clips.size === 0) {
      setProblem((t) => t('speech.record.nothing'));
      return;
    }
    const fileName = soundPackFileName(code, new Date());
    const text = encodeSoundPack(pack());
    try {
      // Through the same checks as a file another tablet adds.
      const checked = readSoundPack(text, new Blob([text]).size, Object.keys(LOCALES));
      await saveSoundPack(services.db, checked, fileName, Date.now());
      const count = checked.clips.length;
      setStatus((t) => t('speech.packs.added', { language: languageName(t, code), count }));
      onStored();
    } catch (e) {
      setProblem((t) => storeFailedInWords(t, e));
    }
  };

  const locale = LOCALES[code];
  return (
    <div class="speech-recorder" role="group" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('speech.record.heading')}</h3>
      <p>{t('speech.record.intro', { maxSeconds: MAX_SECONDS })}</p>
      <div class="field">
        <label for={`${id}-language`}>{t('speech.record.language')}</label>
        <select
          id={`${id}-language`}
          value={code}
          disabled={recordingId !== null}
          onChange={(e) => setCode(e.currentTarget.value)}
        >
          {codes.map((c) => (
            <option key={c} value={c} lang={c}>
              {LOCALES[c]?.name ?? c}
            </option>
          ))}
        </select>
      </div>
      {spoken ? (
        <ol class="speech-prompts">
          {PROMPTS.map((prompt, i) => {
            const text = promptText(spoken, prompt);
            const clip = clips.get(prompt.id);
            const isThis = recordingId === prompt.id;
            const rowId = `${id}-prompt-${prompt.id}`;
            return (
              <li key={prompt.id} class="speech-prompt">
                <div role="group" aria-labelledby={rowId}>
                  <h4 id={rowId}>{t('speech.record.prompt', { n: i + 1, total: PROMPTS.length })}</h4>
                  <p class="speech-prompt__text" lang={code} dir={locale?.dir}>
                    {text}
                  </p>
                  <p class="speech-prompt__state">
                    {isThis
                      ? t('speech.record.recording')
                      : clip
                        ? t('speech.record.done', {
                            seconds: Math.max(1, Math.round(clip.durationMs / 1000)),
                          })
                        : t('speech.record.notYet')}
                  </p>
                  <div class="btn-row">
                    {isThis ? (
                      <button type="button" class="btn btn--primary" onClick={() => stop.current?.()}>
                        {t('speech.record.stop')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        class="btn"
                        disabled={recordingId !== null}
                        onClick={() => void record(prompt.id, text)}
                      >
                        {clip ? t('speech.record.again') : t('speech.record.start')}
                      </button>
                    )}
                    {clip && !isThis ? (
                      <button type="button" class="btn" onClick={() => playBack(clip.bytes, clip.mimeType)}>
                        {t('speech.record.play')}
                      </button>
                    ) : null}
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <p>{t('common.loading')}</p>
      )}
      <p>{t('speech.record.count', { count: clips.size, total: PROMPTS.length })}</p>
      <div class="btn-row">
        <button type="button" class="btn btn--primary" disabled={recordingId !== null} onClick={save}>
          {t('speech.record.save')}
        </button>
        <button type="button" class="btn" disabled={recordingId !== null} onClick={() => void useHere()}>
          {t('speech.record.use')}
        </button>
        <button type="button" class="btn" disabled={recordingId !== null} onClick={onClose}>
          {t('speech.record.close')}
        </button>
      </div>
      <p role="status">{status?.(t) ?? ''}</p>
      {problem ? (
        <p class="alert" role="alert">
          {problem(t)}
        </p>
      ) : null}
    </div>
  );
}
