import { lazy, Suspense } from 'preact/compat';
import { useRef, useState } from 'preact/hooks';
import type { SessionView } from '../../../doc/session';
import { applyImport, prepareImport, type ImportPreview, type ParsedFile } from '../../../sync/sessionFile';
import { useT } from '../../i18n';
import { useServices } from '../../services';
import type { SessionHandle } from '../../useSession';
import { ImportFiles, type ImportTarget } from '../files/ImportFiles';
import { logReceivedFiles, recordsAddedPerFile } from './logReceived';
import { TRANSFER_WAY, type TransferDone } from './transfer';
import '../files/messages';

// The camera steps are a chunk of their own (QR drawing and reading), fetched only when a facilitator asks.
const CameraReceive = lazy(() => import('./camera/CameraReceive').then((m) => m.CameraReceive));

interface Props {
  heading: string;
  session: SessionHandle;
  view: SessionView;
  /**
   * Called once a camera transfer is stored, with the state vector of the sender's copy when its answer carried
   * one (an older app's does not).
   */
  onReceived: (done: TransferDone, stateVector: Uint8Array | undefined) => Promise<void>;
  /** Called after files received were logged, to read the log again. */
  onLogged: () => Promise<void>;
}

/**
 * "Receive": session files chosen or dropped (from Files or Downloads, where Quick Share and AirDrop put them)
 * merged exactly as on the dashboard, and the camera. Each file received is logged per sending tablet, with the
 * state vector of its copy, only once the merge is committed.
 */
export function ReceivePanel({ heading, session, view, onReceived, onLogged }: Props) {
  const t = useT();
  const services = useServices();
  const [isCamera, setCamera] = useState(false);
  const cameraButton = useRef<HTMLButtonElement>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  /** The files the preview was made from. */
  const chosen = useRef<readonly ParsedFile[]>([]);
  const sessionId = view.records.sessionId;

  const log = async (
    files: readonly ParsedFile[],
    preview: ImportPreview,
    perFile: readonly number[] | null = null,
  ): Promise<void> => {
    await logReceivedFiles(files, services.device.id, preview, TRANSFER_WAY.file, Date.now(), perFile);
    await onLogged();
  };

  const target: ImportTarget = {
    prepare: async (files: readonly ParsedFile[]): Promise<ImportPreview> => {
      const doc = sessionRef.current.doc;
      if (!doc) throw new Error('session not open');
      // A file for another session never gets here: ImportFiles refuses it alone (its `sessionId`).
      chosen.current = files;
      const preview = prepareImport(doc, files);
      // Nothing to add: this device already holds those copies, which says where those tablets are.
      if (!preview.hasChanges) await log(files, preview);
      return preview;
    },
    apply: async (preview: ImportPreview): Promise<void> => {
      const files = chosen.current;
      const before = sessionRef.current.doc;
      // Several files: what each adds, counted before they are added (a file alone's is the preview's).
      const perFile = files.length > 1 && before ? recordsAddedPerFile(before, files) : null;
      await sessionRef.current.run((doc) => applyImport(doc, preview));
      // Committed: now the log may say so.
      await log(files, preview, perFile);
    },
  };

  return (
    <section class="room-panel" aria-label={heading}>
      <h3>{heading}</h3>
      <p>{t('room.receive.where')}</p>
      <ImportFiles
        target={target}
        sessionId={sessionId}
        applyLabel={() => t('files.apply')}
        disabled={view.isReadOnly}
      />
      <div class="btn-row">
        <button
          ref={cameraButton}
          type="button"
          class="btn"
          aria-expanded={isCamera ? 'true' : 'false'}
          disabled={view.isReadOnly}
          onClick={() => setCamera(!isCamera)}
        >
          {t('room.receive.camera')}
        </button>
      </div>
      {isCamera ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <CameraReceive
            sessionId={sessionId}
            // The room's own open session: the merge shows here at once, not only after a reload.
            session={session}
            onDone={(done, stateVector) => {
              setCamera(false);
              // The camera carries only what this device lacked; its header says what the sender held.
              void onReceived(done, stateVector);
            }}
            onCancel={() => {
              setCamera(false);
              setTimeout(() => cameraButton.current?.focus(), 0);
            }}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
