import { useRef, useState } from 'preact/hooks';
import type { SessionView } from '../../../doc/session';
import { sessionCounts } from '../../../domain/results/participation';
import {
  applyImport,
  encodeSessionFile,
  FILE_MEDIA_TYPE,
  fileName,
  prepareImport,
  type ImportPreview,
  type ParsedFile,
} from '../../../sync/sessionFile';
import { describeError, useInWords } from '../../errors';
import { useT } from '../../i18n';
import { useServices } from '../../services';
import type { SessionHandle } from '../../useSession';
import { ImportFiles, type ImportTarget } from './ImportFiles';
import { countsInWords } from './words';
import './messages';

/** Hands bytes to the browser as a download called `name`. */
function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: FILE_MEDIA_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the browser to start the download, even on a slow tablet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The dashboard's "Session files": save this tablet's copy of the session, add files from other tablets. */
export function SessionFilesPanel({ session, view }: { session: SessionHandle; view: SessionView }) {
  const t = useT();
  const services = useServices();
  // Put into words as the panel renders, so they follow the staff language switch.
  const [saved, setSaved] = useInWords();
  const [saveError, setSaveError] = useInWords();
  const [isSaving, setSaving] = useState(false);
  /** Files saved from this screen: a second save in the same minute gets another name. */
  const savedNames = useRef(new Set<string>());
  const sessionId = view.records.sessionId;
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const save = async (): Promise<void> => {
    const doc = session.doc;
    if (!doc) return;
    setSaving(true);
    setSaved(null);
    setSaveError(null);
    try {
      // The tablet's name in this session when a facilitator gave it one, the same name every screen shows.
      const deviceName = view.deviceNames.get(services.device.id) ?? services.device.name;
      const now = Date.now();
      const bytes = await encodeSessionFile(doc, { deviceId: services.device.id, deviceName, now });
      const name = fileName(view.settings, deviceName, new Date(now), savedNames.current);
      savedNames.current.add(name);
      download(bytes, name);
      const r = view.records;
      const counts = {
        proposals: r.proposals.length,
        comments: r.comments.length,
        ballots: r.ballots.length,
        // Residents taking part, as the dashboard counts them: a turn in which nothing was done is not one.
        participants: sessionCounts(view).residents,
      };
      setSaved((t) => {
        const what = countsInWords(t, counts);
        return what
          ? t('files.save.done', { fileName: name, what })
          : t('files.save.doneEmpty', { fileName: name });
      });
    } catch (e) {
      setSaveError((t) => t('files.save.failed', { reason: describeError(t, e) }));
    } finally {
      setSaving(false);
    }
  };

  const target: ImportTarget = {
    prepare: (files: readonly ParsedFile[]): ImportPreview => {
      const doc = sessionRef.current.doc;
      if (!doc) throw new Error('session not open');
      // A file for another session never gets here: ImportFiles refuses it alone (its `sessionId`).
      return prepareImport(doc, files);
    },
    apply: async (preview: ImportPreview): Promise<void> => {
      await sessionRef.current.run((doc) => applyImport(doc, preview));
    },
  };

  return (
    <section aria-labelledby="fac-files-heading" class="card fac-section files-panel">
      <h2 id="fac-files-heading">{t('files.heading')}</h2>
      <p>{t('files.intro')}</p>

      <h3>{t('files.save.heading')}</h3>
      <p>{t('files.save.text')}</p>
      <button
        type="button"
        class="btn"
        onClick={() => {
          if (!isSaving) void save();
        }}
        aria-disabled={isSaving ? 'true' : undefined}
        disabled={session.doc === null}
      >
        {isSaving ? t('files.save.busy') : t('files.save.button')}
      </button>
      <p role="status" class="files-status files-saved">
        {saved?.(t)}
      </p>
      {saveError ? (
        <p class="alert" role="alert">
          {saveError(t)}
        </p>
      ) : null}

      <h3>{t('files.import.heading')}</h3>
      <p>{t('files.import.text')}</p>
      <ImportFiles
        target={target}
        sessionId={sessionId}
        applyLabel={() => t('files.apply')}
        disabled={view.isReadOnly}
      />
    </section>
  );
}
