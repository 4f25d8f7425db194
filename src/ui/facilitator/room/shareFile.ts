/**
 * Sending a session file to a nearby device through the system share sheet (Web Share API with files): Quick
 * Share on Android, AirDrop on iPad and iPhone. Both work with no internet.
 *
 * Browsers share only some file types, and say so through `navigator.canShare({ files })`:
 * - Safari (iPadOS, iOS, macOS) shares any type: the file goes as saved, `.codesign` with the app's own media
 *   type, so the iPad that receives it offers it to the app's file picker as it is.
 * - Chromium (Android, ChromeOS, Windows) shares only the types on its list (third_party/blink/renderer/modules/
 *   webshare/FILE_TYPES.md: pictures, sound, video, PDF and text), checked by name and type. A session file's
 *   first three lines are text (what it is, where it came from, its checksum), so it goes as `text/plain` named
 *   `<name>.codesign.txt`. The app reads files by their first bytes, never by name, and the manifest's share
 *   target and the file picker accept `.txt` / `text/plain`, so the file still opens in the app. Other text
 *   files shared to the app are refused in words as "not a session file", and nothing changes.
 * The first form the browser accepts is used. Where none is (no share sheet, as in Firefox or Chrome on Linux,
 * or the page is not a secure context), the room view says so and offers "Save the file" and the camera.
 */
import { FILE_MEDIA_TYPE } from '../../../sync/sessionFile';

/** The forms a session file can be shared in, in order of preference. */
export const SHARE_FORMS = [
  /** As saved: Safari shares any type. */
  { type: FILE_MEDIA_TYPE, suffix: '' },
  /** Chromium's list has text/plain under .txt (and .text); the file's header lines are text. */
  { type: 'text/plain', suffix: '.txt' },
] as const;

/** The media type and name ending Chromium accepts, as the share target must accept them too. */
export const TEXT_SHARE = SHARE_FORMS[1];

/** What `navigator` offers for sharing files; both are absent where the Web Share API is. */
export interface ShareApi {
  canShare?: (data: ShareData) => boolean;
  share?: (data: ShareData) => Promise<void>;
}

export type ShareOffer =
  | { kind: 'share'; file: File }
  /** `noShare`: this browser has no share sheet; `typeRefused`: it has one, but shares no form of the file. */
  | { kind: 'unavailable'; why: 'noShare' | 'typeRefused' };

/** The file to hand to the share sheet: the first form `canShare` accepts, or why there is none. */
export function shareOffer(bytes: Uint8Array, name: string, api: ShareApi): ShareOffer {
  if (typeof api.share !== 'function' || typeof api.canShare !== 'function') {
    return { kind: 'unavailable', why: 'noShare' };
  }
  for (const form of SHARE_FORMS) {
    const file = new File([bytes as BlobPart], name + form.suffix, { type: form.type });
    let isAccepted = false;
    try {
      isAccepted = api.canShare({ files: [file] });
    } catch {
      // An older canShare that does not know `files` throws or says no: the same answer.
    }
    if (isAccepted) return { kind: 'share', file };
  }
  return { kind: 'unavailable', why: 'typeRefused' };
}

export const SHARE_RESULTS = {
  /** The share sheet took the file (the person picked a device or app). */
  shared: 'shared',
  /** The person closed the share sheet: nothing was sent. */
  cancelled: 'cancelled',
  /** The browser refused (e.g. the tap was too long ago, or the type after all). */
  failed: 'failed',
} as const;
export type ShareResult = (typeof SHARE_RESULTS)[keyof typeof SHARE_RESULTS];

/**
 * Opens the share sheet with the file. Call it straight from the tap: Safari wants the share to start inside
 * the tap's handling, so the file is made before (the room view keeps one ready).
 */
export async function shareSessionFile(file: File, api: ShareApi): Promise<ShareResult> {
  if (typeof api.share !== 'function') return SHARE_RESULTS.failed;
  try {
    await api.share({ files: [file], title: file.name });
    return SHARE_RESULTS.shared;
  } catch (e) {
    return e instanceof DOMException && e.name === 'AbortError'
      ? SHARE_RESULTS.cancelled
      : SHARE_RESULTS.failed;
  }
}
