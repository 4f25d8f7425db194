/**
 * The device's back camera for scanning: opened with getUserMedia (the environment-facing camera when there is
 * one, any camera otherwise), and the browser's refusals turned into reasons a screen can say in words.
 */

export const CAMERA_PROBLEMS = [
  /** The person, or the browser's settings for this site, said no. */
  'refused',
  /** This device has no camera (or none the browser can use). */
  'noCamera',
  /** Another app holds the camera. */
  'busy',
  /** Cameras work only on https or on this device itself (localhost). */
  'insecure',
  /** Anything else. */
  'failed',
] as const;
export type CameraProblemCode = (typeof CAMERA_PROBLEMS)[number];

export class CameraProblem extends Error {
  override readonly name = 'CameraProblem';
  constructor(readonly code: CameraProblemCode) {
    super(code);
  }
}

/** The reason behind a getUserMedia rejection (a DOMException's name). */
export function cameraProblemFor(error: unknown): CameraProblemCode {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'refused';
    case 'SecurityError':
      return 'insecure';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'noCamera';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** Opens the camera. Throws CameraProblem. */
export async function openCamera(): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw new CameraProblem(globalThis.isSecureContext === false ? 'insecure' : 'noCamera');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (e) {
    throw new CameraProblem(cameraProblemFor(e));
  }
}

/** Turns the camera off (its light goes out). */
export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
