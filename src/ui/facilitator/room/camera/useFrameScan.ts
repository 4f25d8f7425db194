import { useRef, useState } from 'preact/hooks';
import { FrameCollector, TAKE_OUTCOMES, type CollectorExpects } from '../../../../sync/cameraTransfer';
import type { MessageKey } from '../../../i18n';
import { useCameraScan, type CameraScan } from '../../sync/scan/useCameraScan';

/** A look at the camera every so often: the reader takes most of the time, this leaves the screen time to draw. */
const LOOK_GAP_MS = 20;

export interface FrameScan {
  camera: CameraScan;
  /** 0..1 of the message read. */
  progress: number;
  /** Words for the last code the camera saw and ignored, or null. */
  notice: MessageKey | null;
  /** Forgets what was read and opens the camera (null: scanning). */
  start: (expects: CollectorExpects) => ReturnType<CameraScan['start']>;
}

/**
 * The camera read for one message of transfer frames (src/sync/cameraFrames.ts): the collector takes every QR
 * text; codes it refuses are said in words (otherKind in `otherKindWords`), and once the message is whole the
 * camera turns off and `onMessage` has it with the transfer's id.
 */
export function useFrameScan(
  otherKindWords: MessageKey,
  onMessage: (message: Uint8Array, transferId: number) => void,
): FrameScan {
  const collector = useRef<FrameCollector | null>(null);
  const [progress, setProgress] = useState(0);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const latest = useRef(onMessage);
  latest.current = onMessage;

  const camera = useCameraScan({
    gapMs: LOOK_GAP_MS,
    onTexts: (texts) => {
      const c = collector.current;
      if (!c) return true;
      for (const text of texts) {
        const outcome = c.take(text);
        if (outcome === TAKE_OUTCOMES.part) setProgress(c.progress);
        else if (outcome === TAKE_OUTCOMES.complete) {
          setProgress(1);
          const message = c.message();
          if (message) latest.current(message, c.transferId ?? 0);
          return true;
        } else if (outcome === TAKE_OUTCOMES.otherKind) setNotice(otherKindWords);
        else if (outcome !== TAKE_OUTCOMES.repeat) setNotice(`camera.frame.${outcome}`);
      }
      return false;
    },
  });

  const start = (expects: CollectorExpects): ReturnType<CameraScan['start']> => {
    collector.current = new FrameCollector(expects);
    setProgress(0);
    setNotice(null);
    return camera.start();
  };

  return { camera, progress, notice, start };
}
