import { useEffect, useRef, useState } from 'preact/hooks';
import { readMeta } from '../../../doc/schema';
import { viewSession } from '../../../doc/session';
import type { DocHandle } from '../../../storage/docStore';
import { applyImport, prepareImport, type ImportPreview, type ParsedFile } from '../../../sync/sessionFile';
import { useT } from '../../i18n';
import { navigate } from '../../router';
import { useServices } from '../../services';
import { upsertSessionEntry } from '../../sessionList';
import { ImportFiles, type ImportTarget } from './ImportFiles';
import { FileProblem } from './words';
import { isSharedLaunch, takeSharedFiles } from './sharedFiles';
import { logReceivedFiles } from '../room/logReceived';
import './messages';

/**
 * The home screen's "Import a session file": a session this tablet does not have yet is added and opened at
 * its PIN screen; a session it has gets what the files add, as on the dashboard.
 */
export function HomeImport() {
  const t = useT();
  const services = useServices();
  /** The stored session the preview was made against, held open until the import is applied or dropped. */
  const held = useRef<DocHandle | null>(null);
  /** The files the preview was made from. */
  const chosen = useRef<readonly ParsedFile[]>([]);

  // Files shared to the app from another app (the manifest's share target) are offered like chosen ones.
  const [shared, setShared] = useState<readonly File[] | undefined>(undefined);
  useEffect(() => {
    if (!isSharedLaunch()) return;
    history.replaceState(null, '', '#/');
    void takeSharedFiles().then((files) => files.length > 0 && setShared(files));
  }, []);

  const isGone = useRef(false);
  useEffect(
    () => () => {
      isGone.current = true;
    },
    [],
  );

  const release = (): void => {
    const h = held.current;
    held.current = null;
    if (h) void h.close();
  };

  const target: ImportTarget = {
    prepare: async (files: readonly ParsedFile[]): Promise<ImportPreview> => {
      release();
      chosen.current = files;
      const first = files[0];
      const mixed = files.find((f) => f.header.sessionId !== first?.header.sessionId);
      if (mixed) throw new FileProblem('files.mixedSessions', mixed.fileName);
      if (!first) throw new FileProblem('files.unreadable', '');
      const entry = await services.db.sessions.get(first.header.sessionId);
      if (!entry) return prepareImport(null, files);
      const handle = await services.docs.open(first.header.sessionId);
      held.current = handle;
      // The screen closed while the session was opening: let it go again.
      if (isGone.current) {
        release();
        throw new FileProblem('files.unreadable', first.fileName);
      }
      return prepareImport(readMeta(handle.doc) ? handle.doc : null, files);
    },
    apply: async (preview: ImportPreview): Promise<void> => {
      let handle = held.current;
      held.current = null;
      handle ??= await services.docs.open(preview.sessionId);
      try {
        // The preview was made without this session; if the stored copy turns out to have it after all (a
        // session missing from the list), check the files against what is there before adding anything.
        const checked =
          preview.isNewSession && readMeta(handle.doc) ? prepareImport(handle.doc, chosen.current) : preview;
        applyImport(handle.doc, checked);
        await handle.whenSaved();
        const view = viewSession(handle.doc);
        if (view) await upsertSessionEntry(services.db, view);
        // The room view's log of what each tablet sent (shared to the app, or chosen here), once it is stored.
        await logReceivedFiles(chosen.current, services.device.id, checked, shared ? 'share' : 'file');
      } finally {
        await handle.close();
      }
    },
    release,
  };

  return (
    <section class="card" aria-labelledby="home-import-heading">
      <h2 id="home-import-heading">{t('files.home.heading')}</h2>
      <p>{t('files.home.text')}</p>
      <ImportFiles
        target={target}
        initialFiles={shared}
        applyLabel={(p) => (p.isNewSession ? t('files.applyNew') : t('files.apply'))}
        context={(p) => (p.isNewSession ? null : t('files.preview.intoSession', { title: p.sessionTitle }))}
        onApplied={(p) => {
          if (p.isNewSession) navigate({ name: 'facilitator', sessionId: p.sessionId });
        }}
      />
    </section>
  );
}
