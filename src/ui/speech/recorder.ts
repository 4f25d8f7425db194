/**
 * One clip from the microphone with MediaRecorder, for a sound pack. The microphone is asked for at each
 * recording and let go as soon as it stops (the browser remembers the permission), so the tablet's microphone
 * light is never left on. A recording stops by itself at `maxMs`.
 */

export interface RecordedAudio {
  bytes: Uint8Array;
  /** What the recorder made, e.g. 'audio/webm;codecs=opus' (Chrome) or 'audio/mp4' (Safari). */
  mimeType: string;
  durationMs: number;
  /** It reached `maxMs` and was stopped there. */
  wasCut: boolean;
}

/** Formats every tablet browser plays back, best first. */
const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'];

export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * Starts recording (rejects when the microphone is refused); resolves with a function that stops it. `onDone`
 * hears the clip once it is complete, `onFail` anything that went wrong after the start.
 */
export async function startRecording(
  maxMs: number,
  onDone: (audio: RecordedAudio) => void,
  onFail: (error: unknown) => void,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const chosen = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  let recorder: MediaRecorder;
  try {
    recorder = new MediaRecorder(stream, chosen ? { mimeType: chosen } : undefined);
  } catch (e) {
    for (const track of stream.getTracks()) track.stop();
    throw e;
  }
  const chunks: Blob[] = [];
  let wasCut = false;
  const startedAt = Date.now();
  const timer = setTimeout(() => {
    wasCut = true;
    if (recorder.state !== 'inactive') recorder.stop();
  }, maxMs);
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  recorder.onerror = (e) => {
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    onFail(e);
  };
  recorder.onstop = () => {
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    const durationMs = Math.max(1, Math.min(Date.now() - startedAt, maxMs));
    const mimeType = recorder.mimeType || chosen || 'audio/webm';
    new Blob(chunks, { type: mimeType })
      .arrayBuffer()
      .then((buffer) => onDone({ bytes: new Uint8Array(buffer), mimeType, durationMs, wasCut }), onFail);
  };
  recorder.start();
  return () => {
    if (recorder.state !== 'inactive') recorder.stop();
  };
}

/** Plays a clip once (a facilitator checking a recording). */
export function playBack(bytes: Uint8Array, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const audio = new Audio(url);
  const done = (): void => URL.revokeObjectURL(url);
  audio.onended = done;
  audio.onerror = done;
  audio.play().catch(done);
}
