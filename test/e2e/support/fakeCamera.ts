/**
 * A camera the test draws on, for the camera transfer's e2e test (test/e2e/cameraTransfer.test.ts) and its
 * benchmark (test/bench/cameraTransfer.ts): getUserMedia is replaced in every page of a browser context by a
 * canvas stream, and `showOnCamera` draws a picture on that canvas, as a camera held in front of the other
 * tablet's screen would see it. `cameraLooks` counts the looks the app took at the camera's video, so that a test
 * can wait until the app has seen a picture instead of sleeping.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** What the fake camera offers the test, as `window.camera` in the page. */
interface PageCamera {
  /** Looks the app took at the camera's video (frames it drew from it). */
  looks: number;
  /** Draws the picture at `url` (a data: URL) in the middle of the camera's view, on white. */
  show: (url: string) => Promise<void>;
}

/** Runs in the page, before the app: the camera becomes a canvas, and every look at its video is counted. */
function installFakeCamera(): void {
  const canvas = document.createElement('canvas');
  canvas.width = 1280;
  canvas.height = 720;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const w = window as unknown as { camera: PageCamera };
  w.camera = {
    looks: 0,
    show: async (url: string) => {
      const picture = new Image();
      picture.src = url;
      await picture.decode();
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      const side = 640;
      context.drawImage(picture, (canvas.width - side) / 2, (canvas.height - side) / 2, side, side);
    },
  };
  // An edge probe: every look the app takes at the camera's video is counted, then drawn as before.
  const proto = CanvasRenderingContext2D.prototype;
  const draw = Object.getOwnPropertyDescriptor(proto, 'drawImage')!.value as (...a: unknown[]) => void;
  Object.defineProperty(proto, 'drawImage', {
    configurable: true,
    writable: true,
    value: function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (args[0] instanceof HTMLVideoElement) w.camera.looks += 1;
      draw.apply(this, args);
    },
  });
  navigator.mediaDevices.getUserMedia = () => Promise.resolve(canvas.captureStream(30));
}

/** Gives every page of `context` the fake camera, from its first script on. */
export async function fakeCamera(context: BrowserContext): Promise<void> {
  // tsx (the benchmark) names functions with a helper of its own (__name), which the page lacks: given here.
  await context.addInitScript({ content: `var __name = (f) => f; (${installFakeCamera.toString()})();` });
}

/** Looks the page's app has taken at its camera so far. */
export function cameraLooks(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { camera: PageCamera }).camera.looks);
}

/** Puts the picture at `url` (a data: URL) in front of the page's camera; resolves once it is drawn. */
export function showOnCamera(page: Page, url: string): Promise<void> {
  return page.evaluate((u) => (window as unknown as { camera: PageCamera }).camera.show(u), url);
}
