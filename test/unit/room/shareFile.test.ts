/**
 * Which form of a session file goes to the share sheet (src/ui/facilitator/room/shareFile.ts): the file as saved
 * where the browser shares any type (Safari), text/plain .codesign.txt where only Chromium's list is shared, and
 * a reason in words where neither.
 */
import { describe, expect, it } from 'vitest';
import { shareOffer, shareSessionFile, type ShareApi } from '../../../src/ui/facilitator/room/shareFile';

const BYTES = new TextEncoder().encode('neighbourhood-codesign-session 1\n');
const NAME = 'northmoor-2026-12-06-1030-tablet-3.codesign';

/** Chromium's rule, a few rows of FILE_TYPES.md: the extension and the type must both be on the list. */
const chromium: ShareApi = {
  canShare: (data) =>
    (data.files ?? []).every(
      (f) => ({ txt: 'text/plain', pdf: 'application/pdf' })[f.name.split('.').pop() ?? ''] === f.type,
    ),
  share: () => Promise.resolve(),
};
const safari: ShareApi = { canShare: () => true, share: () => Promise.resolve() };

describe('the file handed to the share sheet', () => {
  it('Given Safari (shares any type), Then the file goes as saved', () => {
    const offer = shareOffer(BYTES, NAME, safari);
    expect(offer.kind === 'share' && [offer.file.name, offer.file.type]).toEqual([
      NAME,
      'application/vnd.neighbourhood-codesign-session',
    ]);
  });

  it('Given Chromium (its list of types), Then the file goes as text/plain named .codesign.txt', async () => {
    const offer = shareOffer(BYTES, NAME, chromium);
    expect(offer.kind === 'share' && [offer.file.name, offer.file.type]).toEqual([
      `${NAME}.txt`,
      'text/plain',
    ]);
    expect(offer.kind === 'share' && new Uint8Array(await offer.file.arrayBuffer())).toEqual(BYTES);
  });

  it('Given no share sheet, or one that shares neither form, Then why is said', () => {
    expect(shareOffer(BYTES, NAME, {})).toEqual({ kind: 'unavailable', why: 'noShare' });
    expect(shareOffer(BYTES, NAME, { canShare: () => false, share: () => Promise.resolve() })).toEqual({
      kind: 'unavailable',
      why: 'typeRefused',
    });
    const throws: ShareApi = {
      canShare: () => {
        throw new TypeError('files not supported');
      },
      share: () => Promise.resolve(),
    };
    expect(shareOffer(BYTES, NAME, throws)).toEqual({ kind: 'unavailable', why: 'typeRefused' });
  });

  it('Given the sheet closed by the person, or refusing, Then the result says which', async () => {
    const file = new File([BYTES], NAME);
    const closed: ShareApi = { share: () => Promise.reject(new DOMException('closed', 'AbortError')) };
    const refused: ShareApi = { share: () => Promise.reject(new DOMException('no', 'NotAllowedError')) };
    expect(await shareSessionFile(file, safari)).toBe('shared');
    expect(await shareSessionFile(file, closed)).toBe('cancelled');
    expect(await shareSessionFile(file, refused)).toBe('failed');
  });
});
