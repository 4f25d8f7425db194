import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ImportPreview, ParsedFile } from '../../../sync/sessionFile';
import {
  FILE_EXTENSION,
  FILE_MEDIA_TYPE,
  isSessionFileError,
  SessionFileError,
} from '../../../sync/sessionFile';
import { SaveStatus } from '../../components/SaveStatus';
import type { InWords } from '../../errors';
import { useT } from '../../i18n';
import type { SaveState } from '../../useSession';
import { readFiles, type ReadProgress } from './readFiles';
import {
  describeFileError,
  doneInWords,
  listInWords,
  previewInWords,
  whenInWords,
  type FileNames,
} from './words';
import './files.css';

/** Where an import goes: the session on the dashboard, or a session chosen by the files on the home screen. */
export interface ImportTarget {
  /** Checks the files against the session and says what they would add. Changes nothing. */
  prepare: (files: readonly ParsedFile[]) => ImportPreview | Promise<ImportPreview>;
  /** Adds what the preview found; resolves only once storage committed it. */
  apply: (preview: ImportPreview) => Promise<void>;
  /** The preview was dropped (other files chosen, or the screen closed) without applying it. */
  release?: () => void;
}

interface Props {
  target: ImportTarget;
  /**
   * The session the files go into, when there is one (the dashboard, the room). A file for another session is
   * refused on its own: the files chosen with it for this session are still previewed and added.
   */
  sessionId?: string;
  /** The apply button's words for this preview. */
  applyLabel: (preview: ImportPreview) => string;
  /** A line above the preview, e.g. which session on this tablet it goes into. */
  context?: (preview: ImportPreview) => string | null;
  /** After a successful apply (the status says what was added unless the screen moves on). */
  onApplied?: (preview: ImportPreview) => void;
  disabled?: boolean;
  /** Files handed over from outside (a share), read as if chosen. */
  initialFiles?: readonly File[];
}

type Phase =
  | { name: 'idle' }
  | { name: 'reading'; count: number }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'applying'; preview: ImportPreview }
  | { name: 'done'; preview: ImportPreview };

/**
 * Choosing session files (a picker, or dropping them on the drop zone), reading them with a progress bar for
 * large ones, a preview in words, then adding them. Errors name the file; nothing changes until "Add". Of
 * several files chosen together, each one refused is named with why, and the others are previewed and added.
 */
export function ImportFiles({
  target,
  sessionId,
  applyLabel,
  context,
  onApplied,
  disabled = false,
  initialFiles,
}: Props) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const applyButton = useRef<HTMLButtonElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [progress, setProgress] = useState<ReadProgress | null>(null);
  // Put into words as the screen renders, so they follow the staff language switch.
  const [errors, setErrors] = useState<InWords[]>([]);
  /** Files refused while others chosen with them go on: named again once those are added. */
  const [leftOut, setLeftOut] = useState<readonly string[]>([]);
  const [isDragging, setDragging] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const targetRef = useRef(target);
  targetRef.current = target;

  // A preview not applied is let go when the screen closes.
  useEffect(() => () => targetRef.current.release?.(), []);

  // A file dropped just beside the drop zone must not make the browser leave the app to open it.
  useEffect(() => {
    const keep = (e: DragEvent): void => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);

  const isBusy = phase.name === 'reading' || phase.name === 'applying';

  const choose = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0 || isBusy) return;
    target.release?.();
    setErrors([]);
    setLeftOut([]);
    setSaveState('idle');
    setPhase({ name: 'reading', count: files.length });
    const names: FileNames = { names: files.map((f) => f.name) };
    const read = await readFiles(files, setProgress);
    names.titles = new Map(read.parsed.map((p) => [p.fileName, p.header.sessionTitle]));
    const isOther = (f: ParsedFile): boolean => sessionId !== undefined && f.header.sessionId !== sessionId;
    const parsed = read.parsed.filter((f) => !isOther(f));
    const refused: unknown[] = [
      ...read.errors,
      ...read.parsed.filter(isOther).map(
        (f) =>
          new SessionFileError('wrongSession', {
            expected: sessionId ?? '',
            found: f.header.sessionId,
            fileName: f.fileName,
            title: f.header.sessionTitle,
          }),
      ),
    ];
    // Each refused file is named with why; the good ones chosen with them are still read and previewed.
    const refusals: InWords[] = refused.map((e) => (t) => describeFileError(t, e, names));
    if (parsed.length === 0) {
      // One file: its sentence says it all. Several: say first that none of them can be added.
      const all: InWords = (t) => t('files.refusedAll', { count: files.length });
      setErrors(files.length > 1 ? [all, ...refusals] : refusals);
      setPhase({ name: 'idle' });
      return;
    }
    const lead: InWords[] =
      refusals.length > 0 ? [(t) => t('files.someRefused', { count: refusals.length })] : [];
    setErrors([...lead, ...refusals]);
    const added = new Set(parsed.map((f) => f.fileName));
    setLeftOut(names.names.filter((n) => !added.has(n)));
    try {
      const preview = await target.prepare(parsed);
      setPhase({ name: 'preview', preview });
      setTimeout(() => (applyButton.current ?? chooseButton.current)?.focus(), 0);
    } catch (e) {
      target.release?.();
      setErrors([...refusals, (t) => describeFileError(t, e, names)]);
      setLeftOut([]);
      setPhase({ name: 'idle' });
    }
  };

  const chooseRef = useRef(choose);
  chooseRef.current = choose;
  useEffect(() => {
    if (initialFiles && initialFiles.length > 0) void chooseRef.current(initialFiles);
  }, [initialFiles]);

  const apply = async (preview: ImportPreview): Promise<void> => {
    setPhase({ name: 'applying', preview });
    setSaveState('saving');
    setSaveError(null);
    try {
      await target.apply(preview);
    } catch (e) {
      if (isSessionFileError(e)) {
        setSaveState('idle');
        const names = { names: preview.sources.map((s) => s.fileName) };
        setErrors([(t) => describeFileError(t, e, names)]);
      } else {
        // A storage failure: SaveStatus says so; the preview stays so it can be tried again.
        setSaveState('failed');
        setSaveError(e);
        setPhase({ name: 'preview', preview });
        setTimeout(() => applyButton.current?.focus(), 0);
        return;
      }
      target.release?.();
      setPhase({ name: 'idle' });
      return;
    }
    setSaveState('saved');
    // The lead said the others "can be added below": now say which were added and which were not.
    if (leftOut.length > 0) {
      const addedNames = preview.sources.map((s) => s.fileName);
      setErrors((shown) => [
        (t) =>
          t('files.addedNotOthers', {
            added: listInWords(
              t,
              addedNames.map((n) => `“${n}”`),
            ),
            notAdded: listInWords(
              t,
              leftOut.map((n) => `“${n}”`),
            ),
            count: leftOut.length,
          }),
        ...shown.slice(1),
      ]);
    }
    setPhase({ name: 'done', preview });
    setTimeout(() => chooseButton.current?.focus(), 0);
    onApplied?.(preview);
  };

  const cancel = (): void => {
    target.release?.();
    setPhase({ name: 'idle' });
    setTimeout(() => chooseButton.current?.focus(), 0);
  };

  const shown = phase.name === 'preview' || phase.name === 'applying' ? phase.preview : null;

  return (
    <div class="files-import">
      <div
        class={`files-drop${isDragging ? ' files-drop--active' : ''}`}
        role="group"
        aria-labelledby={`${id}-drop`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!disabled) void choose([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <p id={`${id}-drop`} class="files-drop__text">
          {isDragging ? t('files.dropHere') : t('files.dropZone')}
        </p>
        <button
          ref={chooseButton}
          type="button"
          class="btn btn--primary"
          // Not disabled while busy: a disabled button would drop the keyboard focus. Clicks wait instead.
          onClick={() => {
            if (!isBusy) input.current?.click();
          }}
          aria-disabled={isBusy ? 'true' : undefined}
          disabled={disabled}
        >
          {t('files.choose')}
        </button>
        <input
          ref={input}
          id={`${id}-input`}
          type="file"
          // .txt: the form Chromium's share sheet sends a session file in (src/ui/facilitator/room/shareFile.ts).
          accept={`${FILE_EXTENSION},${FILE_MEDIA_TYPE},.txt,text/plain`}
          multiple
          hidden
          onChange={(e) => {
            const el = e.currentTarget;
            const files = [...(el.files ?? [])];
            el.value = '';
            void choose(files);
          }}
        />
      </div>

      {phase.name === 'reading' ? (
        progress ? (
          <div class="files-progress">
            <label for={`${id}-progress`}>{t('files.progress', { fileName: progress.fileName })}</label>
            <progress id={`${id}-progress`} max={1} value={progress.fraction} />
          </div>
        ) : (
          <p>{t('files.reading', { count: phase.count })}</p>
        )
      ) : null}

      {errors.length > 0 ? (
        <div class="alert files-errors" role="alert">
          {errors.map((problem, i) => (
            <p key={i}>{problem(t)}</p>
          ))}
        </div>
      ) : null}

      <div role="status" class="files-status">
        {shown ? (
          <div class="files-preview">
            <h3 class="files-preview__heading">{t('files.preview.heading')}</h3>
            {context?.(shown) ? <p>{context(shown)}</p> : null}
            {previewInWords(t, shown).map((line) => (
              <p key={line} class="files-preview__main">
                {line}
              </p>
            ))}
            <ul class="files-preview__sources">
              {shown.sources.map((s) => (
                <li key={s.fileName}>
                  {t('files.preview.source', {
                    fileName: s.fileName,
                    device: s.deviceName || s.deviceId,
                    when: whenInWords(t, s.exportedAt),
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : phase.name === 'done' ? (
          <p class="files-done">{doneInWords(t, phase.preview)}</p>
        ) : null}
      </div>

      {shown ? (
        <div class="btn-row">
          {shown.hasChanges || shown.isNewSession ? (
            <button
              ref={applyButton}
              type="button"
              class="btn btn--primary"
              onClick={() => void apply(shown)}
              disabled={phase.name === 'applying'}
            >
              {phase.name === 'applying' ? t('files.applying') : applyLabel(shown)}
            </button>
          ) : null}
          <button type="button" class="btn" onClick={cancel} disabled={phase.name === 'applying'}>
            {shown.hasChanges || shown.isNewSession ? t('common.cancel') : t('common.close')}
          </button>
        </div>
      ) : null}
      <SaveStatus state={saveState} error={saveError} />
    </div>
  );
}
