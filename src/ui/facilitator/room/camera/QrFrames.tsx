import { encodeQR } from 'qr';
import { useEffect, useRef, useState } from 'preact/hooks';
import { FRAME_MS, type FrameSource } from '../../../../sync/cameraTransfer';

/** Quiet zone around the code, in modules: the four the QR standard asks for. */
const QUIET_MODULES = 4;
/** Canvas pixels per module; the page scales the canvas to its box without smoothing. */
const PIXELS_PER_MODULE = 6;

/** Draws one QR text onto the canvas, black on white. */
function drawQr(canvas: HTMLCanvasElement, text: string): void {
  const modules = encodeQR(text, 'raw', { ecc: 'medium', encoding: 'alphanumeric', border: QUIET_MODULES });
  const side = modules.length * PIXELS_PER_MODULE;
  if (canvas.width !== side) {
    canvas.width = side;
    canvas.height = side;
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, side, side);
  context.fillStyle = '#000';
  modules.forEach((row, y) =>
    row.forEach((isDark, x) => {
      if (isDark) {
        context.fillRect(x * PIXELS_PER_MODULE, y * PIXELS_PER_MODULE, PIXELS_PER_MODULE, PIXELS_PER_MODULE);
      }
    }),
  );
}

interface Props {
  source: FrameSource;
  /** What the picture is, for screen readers. */
  label: string;
  isPaused?: boolean;
}

/**
 * A message's QR frames, one after another every FRAME_MS (5 a second: any one spot of the code changes from dark
 * to light and back at most 2.5 times a second, under WCAG's three flashes). A message of one frame is a still
 * code. The frame shown is in `data-seq`, for tests.
 */
export function QrFrames({ source, label, isPaused = false }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [seq, setSeq] = useState(0);
  const isStill = source.blocks === 1;

  useEffect(() => setSeq(0), [source]);

  useEffect(() => {
    if (canvas.current) drawQr(canvas.current, source.frame(seq));
  }, [source, seq]);

  useEffect(() => {
    if (isPaused || isStill) return;
    const timer = window.setInterval(() => setSeq((s) => s + 1), FRAME_MS);
    return () => window.clearInterval(timer);
  }, [source, isPaused, isStill]);

  return <canvas ref={canvas} class="camera-qr" role="img" aria-label={label} data-seq={seq} />;
}
