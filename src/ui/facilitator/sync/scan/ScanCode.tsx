import { useEffect, useRef, useState } from 'preact/hooks';
import type { InWords } from '../../../errors';
import { useT, type MessageKey } from '../../../i18n';
import { judgeScan } from './enrolCodeText';
import { drawScaled } from './frames';
import { qrReader, useCameraScan, type ScanProblem } from './useCameraScan';

/**
 * "Scan the code" and "Use a photo of the code", beside the enrolment code field. The camera view reads frames
 * until it finds an enrolment code, then turns the camera off and hands the code over; a still photo is read once.
 * What is happening is said in a polite live region; problems go to `onProblem` in words, and nothing typed is
 * touched. The camera is off whenever this view is closed, stopped, done, or unmounted. The QR decoder is loaded
 * (a dynamic import) only when one of the two buttons is pressed.
 */

const PROBLEM_WORDS: Record<ScanProblem, MessageKey> = {
  refused: 'sync.scan.refused',
  noCamera: 'sync.scan.noCamera',
  busy: 'sync.scan.busy',
  insecure: 'sync.scan.insecure',
  failed: 'sync.scan.failed',
  loadFailed: 'sync.scan.loadFailed',
};

/** Time between two looks at the camera picture. */
const FRAME_GAP_MS = 150;

export interface ScanCodeProps {
  /** An enrolment code was read (capitals, no spaces). */
  onCode: (code: string) => void;
  /** A problem to show (put into words when shown), or null to clear the last one. */
  onProblem: (problem: InWords | null) => void;
  /** While the form is enrolling, a press does nothing. */
  isBusy: boolean;
}

export function ScanCode({ onCode, onProblem, isBusy }: ScanCodeProps) {
  const t = useT();
  // What is happening, as a catalogue key put into words as the view renders (it follows the language switch).
  const [words, setWords] = useState<MessageKey | null>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const scanButton = useRef<HTMLButtonElement>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  // After Stop or a camera problem the Stop button goes away with the view: the focus goes back to "Scan the code".
  const refocusScan = useRef(false);

  const camera = useCameraScan({
    gapMs: FRAME_GAP_MS,
    onTexts: (texts) => {
      const outcome = judgeScan(texts);
      if (outcome.kind === 'code') {
        setWords('sync.scan.found');
        onCode(outcome.code);
        return true;
      }
      // Said until the right code is found: a live region that changed with every frame would chatter.
      if (outcome.kind === 'otherQr') setWords('sync.scan.otherQr');
      return false;
    },
  });
  const view = camera.view;

  useEffect(() => {
    if (view === 'starting') stopButton.current?.focus();
    if (view === 'closed' && refocusScan.current) {
      refocusScan.current = false;
      scanButton.current?.focus();
    }
  }, [view]);

  const startCamera = async (): Promise<void> => {
    if (isBusy || view !== 'closed') return;
    onProblem(null);
    setWords('sync.scan.starting');
    const problem = await camera.start();
    if (problem) {
      refocusScan.current = true;
      setWords(null);
      onProblem((t) => t(PROBLEM_WORDS[problem]));
      return;
    }
    setWords((now) => (now === 'sync.scan.starting' ? 'sync.scan.point' : now));
  };

  const stop = (): void => {
    refocusScan.current = true;
    camera.stop();
    setWords('sync.scan.stopped');
  };

  const readPhoto = async (file: File | undefined): Promise<void> => {
    if (!file || isBusy) return;
    onProblem(null);
    setWords('sync.scan.reading');
    let outcome: ReturnType<typeof judgeScan>;
    try {
      const reader = await qrReader();
      let bitmap: ImageBitmap;
      try {
        // Rejects when the file is not a picture this browser can read.
        bitmap = await createImageBitmap(file);
      } catch {
        setWords(null);
        onProblem((t) => t('sync.scan.photoUnreadable'));
        return;
      }
      const canvas = document.createElement('canvas');
      const drawn = drawScaled(canvas, bitmap, bitmap.width, bitmap.height);
      bitmap.close();
      outcome = judgeScan(drawn ? await reader(canvas).catch(() => []) : []);
    } catch {
      setWords(null);
      onProblem((t) => t('sync.scan.loadFailed'));
      return;
    }
    if (outcome.kind === 'code') {
      setWords('sync.scan.found');
      onCode(outcome.code);
      return;
    }
    setWords(null);
    const key = outcome.kind === 'otherQr' ? 'sync.scan.photoOtherQr' : 'sync.scan.photoNoCode';
    onProblem((t) => t(key));
  };

  const isOpen = view !== 'closed';
  return (
    <div class="sync-scan">
      {isOpen ? (
        <div class="sync-scan__view" role="group" aria-label={t('sync.scan.view')}>
          <div class="sync-scan__frame">
            <video ref={camera.video} class="sync-scan__video" muted playsInline aria-hidden="true" />
          </div>
          <button ref={stopButton} type="button" class="btn" onClick={stop}>
            {t('sync.scan.stop')}
          </button>
        </div>
      ) : (
        <div class="btn-row sync-scan__buttons">
          <button
            ref={scanButton}
            type="button"
            class="btn"
            aria-disabled={isBusy ? 'true' : undefined}
            onClick={() => void startCamera()}
          >
            {t('sync.scan.start')}
          </button>
          <button
            type="button"
            class="btn"
            aria-disabled={isBusy ? 'true' : undefined}
            onClick={() => {
              if (!isBusy) photoInput.current?.click();
            }}
          >
            {t('sync.scan.photo')}
          </button>
        </div>
      )}
      <input
        ref={photoInput}
        type="file"
        name="enrolCodePhoto"
        accept="image/*"
        capture="environment"
        hidden
        onChange={(e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          el.value = '';
          void readPhoto(file);
        }}
      />
      <p class="sync-scan__words" aria-live="polite">
        {words ? t(words) : ''}
      </p>
    </div>
  );
}
