import { useEffect, useRef, useState } from 'preact/hooks';
import * as Y from 'yjs';
import {
  decodeRequest,
  encodeDelta,
  FRAME_KINDS,
  frameSource,
  TooLargeForCamera,
  type DeltaFile,
  type FrameSource,
  type TransferRequest,
} from '../../../../sync/cameraTransfer';
import { lacks } from '../../../../sync/roomStatus';
import { describeError, useInWords } from '../../../errors';
import { useT } from '../../../i18n';
import { useServices } from '../../../services';
import { countsInWords } from '../../files/words';
import { bytesInWords } from '../../format';
import type { TransferStepProps } from '../transfer';
import { CameraView } from './CameraView';
import { QrFrames } from './QrFrames';
import { useFrameScan } from './useFrameScan';
import { SCAN_PROBLEM_WORDS } from './words';
import './messages';
import '../../sync/sync.css';
import './camera.css';

/** The sending tablet's steps, as named states. */
const PHASES = {
  /** Its camera reads the receiving tablet's code (or waits to be started). */
  scanning: 'scanning',
  /** Making the session file of what the receiver lacks. */
  making: 'making',
  /** Showing the moving codes. */
  showing: 'showing',
} as const;
type Phase = (typeof PHASES)[keyof typeof PHASES];

interface Answer {
  request: TransferRequest;
  delta: DeltaFile;
  source: FrameSource;
  /** The receiver holds everything this tablet holds: the codes carry nothing it lacks, only the file's frame. */
  isNothingNew: boolean;
}

/**
 * "Send by camera": this tablet's camera reads the receiving tablet's code (what it has), then shows only what
 * that tablet lacks, as a session file in moving QR codes (a fountain code: the receiver may miss any of them),
 * until the facilitator says the receiver has it all. Nothing here changes this tablet's session.
 */
export function CameraSend({ sessionId, session, onDone, onCancel }: TransferStepProps) {
  const t = useT();
  const services = useServices();
  const [phase, setPhase] = useState<Phase>(PHASES.scanning);
  // Put into words as the step renders, so a problem on screen follows the staff language switch.
  const [problem, setProblem] = useInWords();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [isPaused, setPaused] = useState(false);
  const [peer, setPeer] = useState('');
  const startButton = useRef<HTMLButtonElement>(null);
  const finishButton = useRef<HTMLButtonElement>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const requested = async (message: Uint8Array, requestId: number): Promise<void> => {
    const request = decodeRequest(message);
    if (!request || request.sessionId !== sessionId) {
      setProblem((t) => t('camera.send.requestUnreadable'));
      return;
    }
    setPeer(request.deviceName || request.deviceId);
    setPhase(PHASES.making);
    try {
      const doc = sessionRef.current.doc;
      const view = sessionRef.current.view;
      if (!doc || !view) throw new Error('session not open');
      const deviceName = view.deviceNames.get(services.device.id) ?? services.device.name;
      const delta = await encodeDelta(doc, request, {
        deviceId: services.device.id,
        deviceName,
        now: Date.now(),
      });
      const source = frameSource(delta.bytes, FRAME_KINDS.delta, {
        sessionId,
        transferId: delta.transferId,
        requestId,
      });
      const isNothingNew = !lacks(
        Y.decodeStateVector(request.stateVector),
        Y.decodeStateVector(Y.encodeStateVector(doc)),
      );
      setAnswer({ request, delta, source, isNothingNew });
      setPaused(false);
      setPhase(PHASES.showing);
    } catch (e) {
      setProblem((t) =>
        e instanceof TooLargeForCamera
          ? t('camera.send.tooLarge')
          : t('camera.send.failed', { reason: describeError(t, e) }),
      );
      setPhase(PHASES.scanning);
    }
  };

  const scan = useFrameScan('camera.frame.otherKindSend', (message, requestId) => {
    void requested(message, requestId);
  });

  const startCamera = async (): Promise<void> => {
    setProblem(null);
    const failed = await scan.start({ kind: FRAME_KINDS.request, sessionId });
    if (failed) setProblem((t) => t(SCAN_PROBLEM_WORDS[failed]));
  };

  useEffect(() => {
    if (phase === PHASES.showing) finishButton.current?.focus();
    if (phase === PHASES.scanning) startButton.current?.focus();
  }, [phase]);

  const isScanning = scan.camera.view !== 'closed';
  const device = answer ? answer.request.deviceName || answer.request.deviceId : '';

  return (
    <section class="camera-step" aria-labelledby="camera-send-heading">
      <h4 id="camera-send-heading">{t('camera.send.heading')}</h4>

      {phase === PHASES.scanning || phase === PHASES.making ? (
        <>
          <p>{t('camera.send.scanIntro')}</p>
          <CameraView scan={scan} onStop={() => scan.camera.stop()} />
          <p class="camera-words" aria-live="polite">
            {phase === PHASES.making
              ? t('camera.send.making', { device: peer })
              : isScanning
                ? t('camera.point')
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
          {!isScanning && phase === PHASES.scanning ? (
            <div class="btn-row">
              <button
                ref={startButton}
                type="button"
                class="btn btn--primary"
                disabled={session.doc === null}
                onClick={() => void startCamera()}
              >
                {t('camera.start')}
              </button>
              <button type="button" class="btn" onClick={onCancel}>
                {t('camera.cancel')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}

      {phase === PHASES.showing && answer ? (
        <>
          <p>{t('camera.send.showIntro', { device })}</p>
          <p role="status">
            {countsInWords(t, answer.delta.counts)
              ? t('camera.send.what', {
                  what: countsInWords(t, answer.delta.counts),
                  device,
                  size: bytesInWords(t, answer.delta.bytes.byteLength),
                })
              : t(answer.isNothingNew ? 'camera.send.nothingNew' : 'camera.send.otherChanges', {
                  device,
                  size: bytesInWords(t, answer.delta.bytes.byteLength),
                })}
          </p>
          <QrFrames source={answer.source} label={t('camera.send.codes', { device })} isPaused={isPaused} />
          <p class="camera-words" aria-live="polite">
            {isPaused ? t('camera.send.paused', { device }) : ''}
          </p>
          <div class="btn-row">
            <button
              ref={finishButton}
              type="button"
              class="btn btn--primary"
              onClick={() =>
                onDone({
                  direction: 'sent',
                  way: 'camera',
                  peerDeviceId: answer.request.deviceId,
                  peerName: answer.request.deviceName,
                  bytes: answer.delta.bytes.byteLength,
                  at: Date.now(),
                })
              }
            >
              {t('camera.send.finish', { device })}
            </button>
            <button type="button" class="btn" onClick={() => setPaused(!isPaused)}>
              {isPaused ? t('camera.send.resume') : t('camera.send.pause')}
            </button>
            {/* The receiving tablet showed a new code (it was closed, or the facilitator went back a step). */}
            <button
              type="button"
              class="btn"
              onClick={() => {
                setAnswer(null);
                setPhase(PHASES.scanning);
                void startCamera();
              }}
            >
              {t('camera.send.scanAgain')}
            </button>
            <button type="button" class="btn" onClick={onCancel}>
              {t('camera.cancel')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
