/**
 * Pictures of QR codes for the scanning tests, made here from real text with `uqr` (the admin CLI's QR library):
 * a PNG photo (8-bit greyscale, written by hand with node:zlib) and a Y4M video that Chromium plays as its fake
 * camera. Also a Chromium launch whose camera is that video and whose camera prompt answers "allow".
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { encode } from 'uqr';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';

/** A picture in one channel of grey, one byte per pixel, row after row. */
export interface GreyPicture {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * A white picture with the QR code of `text` in its middle, `scale` pixels a module (no code when text is null).
 * `white` and `black` are the grey levels (video uses 16..235, not 0..255).
 */
export function qrPicture(
  text: string | null,
  {
    width,
    height,
    scale,
    white = 255,
    black = 0,
  }: { width: number; height: number; scale: number; white?: number; black?: number },
): GreyPicture {
  const pixels = new Uint8Array(width * height).fill(white);
  if (text !== null) {
    const { data, size } = encode(text, { border: 0 });
    const side = size * scale;
    if (side > width || side > height)
      throw new Error(`A QR code of ${side} px does not fit ${width}x${height}.`);
    const left = Math.floor((width - side) / 2);
    const top = Math.floor((height - side) / 2);
    for (let y = 0; y < side; y++) {
      const row = data[Math.floor(y / scale)]!;
      for (let x = 0; x < side; x++) {
        if (row[Math.floor(x / scale)]) pixels[(top + y) * width + left + x] = black;
      }
    }
  }
  return { width, height, pixels };
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** The picture as a PNG file's bytes (colour type 0: greyscale, 8 bits). */
export function pngBytes({ width, height, pixels }: GreyPicture): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  // Each row starts with its filter type, 0 (none).
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes a Y4M video (4:2:0, grey: chroma at 128) showing the picture in each of `frames` frames. */
export function writeY4m(file: string, { width, height, pixels }: GreyPicture, frames = 10): void {
  if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs an even width and height.');
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'latin1'), pixels, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'latin1');
  writeFileSync(file, Buffer.concat([header, ...Array<Buffer>(frames).fill(frame)]));
}

/** A video of the QR code of `text` (or of nothing), as a tablet's camera held in front of the admin's screen. */
export function writeQrVideo(file: string, text: string | null): void {
  writeY4m(file, qrPicture(text, { width: 640, height: 480, scale: 10, white: 235, black: 16 }));
}

/** A photo (PNG) of the QR code of `text`, or of a blank page. */
export function qrPng(text: string | null): Buffer {
  return pngBytes(qrPicture(text, { width: 600, height: 800, scale: 12 }));
}

/**
 * Chromium whose camera plays `video` (Y4M) and whose camera prompt is answered for the person: "allow", or with
 * `refuse`, "block". Chromium's fake camera and prompt flags.
 */
export function launchWithCamera(video: string, { refuse = false } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
      ...(refuse ? ['--deny-permission-prompts'] : ['--use-fake-ui-for-media-stream']),
    ],
  });
}
