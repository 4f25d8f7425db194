import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as Y from 'yjs';
import {
  encodeRequest,
  FRAME_KINDS,
  frameSource,
  mergeableFile,
  newRequestId,
  senderStateVectorOf,
} from '../../../../sync/cameraTransfer';
import { heldSheets } from '../../../../sync/deltaCounts';
import {
  applyImport,
  prepareImport,
  readSessionFile,
  SessionFileError,
  type ImportPreview,
  type ParsedFile,
} from '../../../../sync/sessionFile';
import { SaveStatus } from '../../../components/SaveStatus';
import { useInWords } from '../../../errors';
import { useT } from '../../../i18n';
import { useServices } from '../../../services';
import { doneInWords, previewInWords } from '../../files/words';
import { bytesInWords } from '../../format';
import type { TransferStepProps } from '../transfer';
import { CameraView } from './CameraView';
import { QrFrames } from './QrFrames';
import { useFrameScan } from './useFrameScan';
import { refusalInWords, SCAN_PROBLEM_WORDS } from './words';
import './messages';
import '../../sync/sync.css';
import './camera.css';

/** The receiving tablet's steps, as named states. */
const PHASES = {
  /** Showing its request: what it has. */
  asking: 'asking',
  /** Its camera reads the sending tablet's frames. */
  reading: 'reading',
  /** Read whole: the session-file checks and the preview. */
  checking: 'checking',
  /** The preview, waiting for "Add". */
  preview: 'preview',
  /** Adding, until IndexedDB has committed it. */
  applying: 'applying',
  /** Added and stored. */
  done: 'done',
} as const;
type Phase = (typeof PHASES)[keyof typeof PHASES];

/**
 * The requests this tablet made, per session, while the app stays open: the sending screen may still show the
 * answer to one when the facilitator comes back to the room and shows a new code (FrameCollector reads both).
 */
const requestsMade = new Map<string, number[]>();
/** Enough for a morning of false starts; the oldest are forgotten first. */
const MAX_REQUESTS_KEPT = 20;

function rememberRequest(sessionId: string, requestId: number): void {
  const ids = [...(requestsMade.get(sessionId) ?? []), requestId];
  requestsMade.set(sessionId, ids.slice(-MAX_REQUESTS_KEPT));
}

interface Read {
  preview: ImportPreview;
  parsed: ParsedFile;
  bytes: number;
}

/**
 * "Receive by camera": this tablet shows a code of what it has (its state vector, id and name), then reads the
 * sending tablet's moving codes with a progress bar, then checks and previews what they bring exactly as a
 * session file is (readSessionFile, prepareImport) and adds it only when the facilitator says so. A refused or
 * unfinished transfer adds nothing. `onDone` is called once IndexedDB has committed the merge.
 */
export function CameraReceive({ sessionId, session, onDone, onCancel }: TransferStepProps) {
  const t = useT();
  const services = useServices();
  const [phase, setPhase] = useState<Phase>(PHASES.asking);
  const [round, setRound] = useState(0);
  // Put into words as the step renders, so a problem on screen follows the staff language switch.
  const [problem, setProblem] = useInWords();
  const [read, setRead] = useState<Read | null>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const view = session.view;
  const deviceName = view?.deviceNames.get(services.device.id) ?? services.device.name;
  const hasDoc = session.doc !== null;

  // A new request (and id) each time this tablet shows its code: its state may have changed since the last.
  const request = useMemo(() => {
    const doc = sessionRef.current.doc;
    if (!doc) return null;
    const requestId = newRequestId();
    rememberRequest(sessionId, requestId);
    const message = encodeRequest({
      sessionId,
      deviceId: services.device.id,
      deviceName,
      stateVector: Y.encodeStateVector(doc),
      // The sheets it counts, so the sender does not count one this tablet typed apart as new.
      sheets: heldSheets(doc),
    });
    return {
      requestId,
      source: frameSource(message, FRAME_KINDS.request, { sessionId, transferId: requestId, requestId }),
    };
    // `round` asks for a new one; the document's later changes do not (the code would change under the camera).
  }, [round, hasDoc, sessionId]);

  const received = async (message: Uint8Array): Promise<void> => {
    setPhase(PHASES.checking);
    try {
      const doc = sessionRef.current.doc;
      if (!doc) throw new Error('session not open');
      const parsed = await readSessionFile(message);
      if (parsed.header.sessionId !== sessionId) {
        throw new SessionFileError('wrongSession', { expected: sessionId, found: parsed.header.sessionId });
      }
      const preview = prepareImport(doc, mergeableFile(doc, parsed));
      setRead({ preview, parsed, bytes: message.byteLength });
      setPhase(PHASES.preview);
    } catch (e) {
      setProblem((t) => refusalInWords(t, e));
      setPhase(PHASES.reading);
    }
  };

  const scan = useFrameScan('camera.frame.otherKindReceive', (message) => void received(message));

  const startReading = async (): Promise<void> => {
    if (!request) return;
    setProblem(null);
    setRead(null);
    setPhase(PHASES.reading);
    const failed = await scan.start({
      kind: FRAME_KINDS.delta,
      sessionId,
      requestId: request.requestId,
      earlierRequestIds: (requestsMade.get(sessionId) ?? []).filter((id) => id !== request.requestId),
    });
    if (failed) setProblem((t) => t(SCAN_PROBLEM_WORDS[failed]));
  };

  const apply = async (): Promise<void> => {
    if (!read) return;
    setPhase(PHASES.applying);
    try {
      await sessionRef.current.run((doc) => applyImport(doc, read.preview));
    } catch (e) {
      if (e instanceof SessionFileError) {
        setProblem((t) => refusalInWords(t, e));
        setRead(null);
        setPhase(PHASES.reading);
      } else {
        // A storage failure: SaveStatus says so, and the preview stays to try again.
        setPhase(PHASES.preview);
      }
      return;
    }
    setPhase(PHASES.done);
    finish(read);
  };

  /** Tells the room what arrived (nothing new is news too: this tablet is up to date with the sender). */
  const finish = ({ preview, parsed, bytes }: Read): void => {
    const source = parsed.header;
    onDone(
      {
        direction: 'received',
        way: 'camera',
        peerDeviceId: source.deviceId,
        peerName: source.deviceName,
        bytes,
        recordsAdded: preview.hasChanges ? Object.values(preview.adds).reduce((n, v) => n + v, 0) : 0,
        at: Date.now(),
      },
      senderStateVectorOf(source),
    );
  };

  useEffect(() => {
    if (phase === PHASES.asking) nextButton.current?.focus();
    if (phase === PHASES.preview) (addButton.current ?? startButton.current)?.focus();
  }, [phase]);

  const isScanning = scan.camera.view !== 'closed';
  const quarter = Math.floor(scan.progress * 4) * 25;

  return (
    <section class="camera-step" aria-labelledby="camera-receive-heading">
      <h4 id="camera-receive-heading">{t('camera.receive.heading')}</h4>

      {phase === PHASES.asking ? (
        <>
          <p>{t('camera.receive.askIntro')}</p>
          {request ? <QrFrames source={request.source} label={t('camera.receive.askCode')} /> : null}
          <div class="btn-row">
            <button
              ref={nextButton}
              type="button"
              class="btn btn--primary"
              disabled={!request}
              onClick={() => void startReading()}
            >
              {t('camera.receive.next')}
            </button>
            <button type="button" class="btn" onClick={onCancel}>
              {t('camera.cancel')}
            </button>
          </div>
        </>
      ) : null}

      {phase === PHASES.reading || phase === PHASES.checking ? (
        <>
          <p>{t('camera.receive.readIntro')}</p>
          <CameraView scan={scan} onStop={() => scan.camera.stop()} />
          <div class="camera-progress">
            <label for="camera-receive-progress">{t('camera.receive.progress')}</label>
            <progress id="camera-receive-progress" max={1} value={scan.progress} />
          </div>
          <p class="camera-words" aria-live="polite">
            {phase === PHASES.checking
              ? t('camera.receive.checking')
              : isScanning
                ? t('camera.receive.progressWords', { percent: quarter })
                : ''}
          </p>
          <p class="camera-notice" aria-live="polite">
            {scan.notice && isScanning ? t(scan.notice) : ''}
          </p>
          {problem ? (
            <p class="alert" role="alert">
              {problem(t)}
            </p>
          ) : null}
          {!isScanning && phase === PHASES.reading ? (
            <div class="btn-row">
              <button
                ref={startButton}
                type="button"
                class="btn btn--primary"
                onClick={() => void startReading()}
              >
                {t('camera.receive.again')}
              </button>
              <button
                type="button"
                class="btn"
                onClick={() => {
                  setProblem(null);
                  setRound((r) => r + 1);
                  setPhase(PHASES.asking);
                }}
              >
                {t('camera.receive.back')}
              </button>
              <button type="button" class="btn" onClick={onCancel}>
                {t('camera.cancel')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}

      <div role="status" class="camera-status">
        {read && (phase === PHASES.preview || phase === PHASES.applying) ? (
          <div class="files-preview">
            <h5 class="files-preview__heading">{t('camera.receive.previewHeading')}</h5>
            <p>
              {t('camera.receive.from', {
                device: read.parsed.header.deviceName || read.parsed.header.deviceId,
                size: bytesInWords(t, read.bytes),
              })}
            </p>
            {previewInWords(t, read.preview).map((line) => (
              <p key={line} class="files-preview__main">
                {line}
              </p>
            ))}
          </div>
        ) : null}
        {read && phase === PHASES.done ? <p class="files-done">{doneInWords(t, read.preview)}</p> : null}
      </div>

      {read && (phase === PHASES.preview || phase === PHASES.applying) ? (
        <div class="btn-row">
          {read.preview.hasChanges ? (
            <button
              ref={addButton}
              type="button"
              class="btn btn--primary"
              disabled={phase === PHASES.applying}
              onClick={() => void apply()}
            >
              {phase === PHASES.applying ? t('camera.receive.adding') : t('camera.receive.add')}
            </button>
          ) : null}
          <button
            type="button"
            class="btn"
            disabled={phase === PHASES.applying}
            onClick={read.preview.hasChanges ? onCancel : () => finish(read)}
          >
            {read.preview.hasChanges ? t('camera.cancel') : t('camera.close')}
          </button>
        </div>
      ) : null}
      {phase === PHASES.done ? (
        <button type="button" class="btn" onClick={onCancel}>
          {t('camera.close')}
        </button>
      ) : null}
      <SaveStatus state={session.saveState} error={session.saveError} />
    </section>
  );
}
