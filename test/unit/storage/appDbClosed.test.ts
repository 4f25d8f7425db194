/**
 * The app's own database (drafts, settings, live turns, PIN tries) on a full disk as Chromium meets it
 * (test/unit/helpers/chromiumDiskFull.ts): the browser closes it when the disk refuses a write and opens it again
 * only once there is space.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../../src/storage/appDb';
import { draftKey, loadDraft, saveDraft } from '../../../src/storage/drafts';
import { isOutOfSpace, isQuotaError } from '../../../src/storage/quota';
import { chromiumDiskFull, type ChromiumDisk } from '../helpers/chromiumDiskFull';

let disk: ChromiumDisk | null = null;
afterEach(() => {
  disk?.restore();
  disk = null;
});

describe('the app’s database on a disk that fills as Chromium’s does', () => {
  it('Given a draft stored and the disk full, When a draft is refused and the browser closes the database, and another is tried while the disk is still full, Then each is said as a full disk, and once space is back the next one is saved without a reload', async () => {
    disk = chromiumDiskFull();
    const db = new AppDb(`codesign-app-closed-${Date.now()}`);
    const first = draftKey('s1', 'resident-1', 'addIdea');
    const second = draftKey('s1', 'resident-2', 'addIdea');
    await saveDraft(db, first, 's1', { title: 'Youth club' });

    disk.isFull = true;
    const refused: unknown = await saveDraft(db, second, 's1', { title: 'Benches' }).catch((e: unknown) => e);
    expect(isQuotaError(refused)).toBe(true);
    const stillFull: unknown = await saveDraft(db, second, 's1', { title: 'Benches' }).catch(
      (e: unknown) => e,
    );
    expect(stillFull).toBeInstanceOf(Error);
    expect(isQuotaError(stillFull)).toBe(true);

    disk.isFull = false;
    await saveDraft(db, second, 's1', { title: 'Benches' });
    expect(await loadDraft(db, second)).toEqual({ title: 'Benches' });
    expect(await loadDraft(db, first)).toEqual({ title: 'Youth club' });
    db.close();
  });

  it('Given the disk full, When a draft is refused for space and nobody puts its error into words (a form saves its draft quietly), Then what storage says next while the database cannot open is still a full disk, and the screens are told the tablet is out of space', async () => {
    disk = chromiumDiskFull();
    const db = new AppDb(`codesign-app-closed-quietly-${Date.now()}`);
    const draft = draftKey('s1', 'facilitator', 'sessionForm');
    // Opened: whatever an earlier refusal left noted is over.
    await saveDraft(db, draft, 's1', { title: 'Parks' });
    expect(isOutOfSpace()).toBe(false);

    disk.isFull = true;
    await saveDraft(db, draft, 's1', { title: 'Parks and benches' }).catch(() => undefined);
    expect(disk.refused).toBe(1);

    expect(isOutOfSpace()).toBe(true);
    // Before, in the browser's words: "Internal error opening backing store for indexedDB.open."
    const next: unknown = await db.drafts.get(draft).catch((e: unknown) => e);
    expect(next).toBeInstanceOf(Error);
    expect(isQuotaError(next)).toBe(true);

    disk.isFull = false;
    expect(await loadDraft(db, draft)).toEqual({ title: 'Parks' });
    expect(isOutOfSpace()).toBe(false);
    db.close();
  });
});
