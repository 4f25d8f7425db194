/**
 * Reads QR codes from a canvas. The browser's own BarcodeDetector when it has one that reads QR codes (Chrome on
 * Android, Safari, Chrome on macOS); otherwise the `qr` package's decoder (pure JavaScript, about 15 kB gzipped, no
 * WebAssembly or worker file to serve, so it works offline from the precache). Both are loaded only when someone
 * asks to scan: this module is imported dynamically by ScanCode, never by the kiosk or the app shell.
 */

/** The QR texts found in the picture on the canvas (none when there is no readable QR code). */
export type QrReader = (canvas: HTMLCanvasElement) => Promise<string[]>;

interface NativeDetector {
  detect(source: HTMLCanvasElement): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeReader(): Promise<QrReader | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (canvas) => (await detector.detect(canvas)).map((b) => b.rawValue);
  } catch {
    return null;
  }
}

async function libraryReader(): Promise<QrReader> {
  const { decodeQR } = await import('qr/decode.js');
  return (canvas) => {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context || canvas.width === 0 || canvas.height === 0) return Promise.resolve([]);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    try {
      // Throws when there is no readable QR code in the picture.
      const text = decodeQR({ width: image.width, height: image.height, data: image.data });
      return Promise.resolve(typeof text === 'string' ? [text] : []);
    } catch {
      return Promise.resolve([]);
    }
  };
}

/** The best reader this browser has. Rejects only when the decoder's chunk cannot be loaded. */
export async function loadQrReader(): Promise<QrReader> {
  return (await nativeReader()) ?? (await libraryReader());
}
