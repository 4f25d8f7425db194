/**
 * The camera, read for QR codes: shared by the enrolment-code scanner (./ScanCode.tsx) and the room's camera
 * transfer (src/ui/facilitator/room/camera/). Opens the camera and the QR reader (loaded only when asked),
 * shows the picture in the screen's <video>, and hands every look's QR texts to `onTexts` until it says stop.
 * The camera is off whenever the scan is stopped, fails, finishes, or the screen goes away; late answers from an
 * earlier opening are dropped (each opening has its own number).
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CameraProblem, openCamera, stopCamera, type CameraProblemCode } from './camera';
import { drawScaled } from './frames';
import type { QrReader } from './qrReader';

/** Why a scan could not start: the camera's reason, or the QR reader's code could not be loaded. */
export type ScanProblem = CameraProblemCode | 'loadFailed';

let readerPromise: Promise<QrReader> | null = null;

/** The QR reader, loaded once. A failed load is forgotten, so the next press tries again. */
export function qrReader(): Promise<QrReader> {
  readerPromise ??= import('./qrReader').then((m) => m.loadQrReader());
  readerPromise.catch(() => {
    readerPromise = null;
  });
  return readerPromise;
}

/** The camera scan's states. */
export const SCAN_VIEWS = {
  /** Camera off. */
  closed: 'closed',
  /** Loading the reader and asking for the camera. */
  starting: 'starting',
  /** The camera is on and being read. */
  scanning: 'scanning',
} as const;
export type ScanView = (typeof SCAN_VIEWS)[keyof typeof SCAN_VIEWS];

export interface CameraScanOptions {
  /** The QR texts of one look at the picture (often none). Return true to stop: the camera turns off. */
  onTexts: (texts: string[]) => boolean;
  /** Time between the end of one look and the next. */
  gapMs: number;
}

export interface CameraScan {
  view: ScanView;
  /** For the <video> showing what the camera sees. */
  video: RefObject<HTMLVideoElement | null>;
  /**
   * Loads the reader and opens the camera. Resolves null once scanning (or stopped meanwhile), or why the
   * camera or the reader could not be had (the scan is then closed).
   */
  start: () => Promise<ScanProblem | null>;
  /** Turns the camera off. */
  stop: () => void;
}

export function useCameraScan(options: CameraScanOptions): CameraScan {
  const [view, setView] = useState<ScanView>(SCAN_VIEWS.closed);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const generation = useRef(0);
  const latest = useRef(options);
  latest.current = options;

  const stop = (): void => {
    generation.current++;
    window.clearTimeout(timer.current);
    stopCamera(stream.current);
    stream.current = null;
    if (video.current) video.current.srcObject = null;
    setView(SCAN_VIEWS.closed);
  };

  useEffect(() => () => stop(), []);

  const look = async (reader: QrReader, canvas: HTMLCanvasElement, mine: number): Promise<void> => {
    if (mine !== generation.current) return;
    const el = video.current;
    if (
      el &&
      el.readyState >= el.HAVE_CURRENT_DATA &&
      drawScaled(canvas, el, el.videoWidth, el.videoHeight)
    ) {
      const texts = await reader(canvas).catch(() => []);
      if (mine !== generation.current) return;
      if (latest.current.onTexts(texts)) {
        stop();
        return;
      }
    }
    timer.current = window.setTimeout(() => void look(reader, canvas, mine), latest.current.gapMs);
  };

  const start = async (): Promise<ScanProblem | null> => {
    const mine = ++generation.current;
    setView(SCAN_VIEWS.starting);
    let reader: QrReader;
    let opened: MediaStream;
    try {
      reader = await qrReader();
      opened = await openCamera();
    } catch (e) {
      if (mine !== generation.current) return null;
      stop();
      return e instanceof CameraProblem ? e.code : 'loadFailed';
    }
    if (mine !== generation.current) {
      stopCamera(opened);
      return null;
    }
    stream.current = opened;
    if (video.current) {
      video.current.srcObject = opened;
      video.current.play().catch(() => undefined);
    }
    setView(SCAN_VIEWS.scanning);
    void look(reader, document.createElement('canvas'), mine);
    return null;
  };

  return { view, video, start, stop };
}
