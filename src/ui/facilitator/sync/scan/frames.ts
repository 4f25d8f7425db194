/**
 * Pictures for the QR reader: a camera frame or a photo drawn on a canvas, scaled down first (a phone photo can be
 * 4000 px wide; reading that would take seconds and gain nothing).
 */

/** Longest side of the picture handed to the reader: enough for a QR code filling part of the view, and quick. */
export const MAX_SIDE = 1024;

/** Draws a video frame or a photo onto the canvas, scaled down so that its longest side is at most MAX_SIDE. */
export function drawScaled(
  canvas: HTMLCanvasElement,
  source: CanvasImageSource,
  width: number,
  height: number,
): boolean {
  if (width === 0 || height === 0) return false;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return true;
}
