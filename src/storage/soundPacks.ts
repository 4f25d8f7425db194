/**
 * Language sound packs on this tablet: at most one per language; adding a pack for a language replaces the one
 * before, whole, in one transaction (a tablet never plays clips of two recordings mixed).
 */
import type { AppDb, SoundClipEntry, SoundPackEntry } from './appDb';

export interface StoredPack {
  language: string;
  recordedAt: string;
  clips: readonly Omit<SoundClipEntry, 'language'>[];
}

/** Stores `pack` for its language, replacing that language's pack if there was one. */
export async function saveSoundPack(
  db: AppDb,
  pack: StoredPack,
  fileName: string,
  now: number,
): Promise<void> {
  const entry: SoundPackEntry = {
    language: pack.language,
    recordedAt: pack.recordedAt,
    addedAt: now,
    fileName,
    clipCount: pack.clips.length,
  };
  await db.transaction('rw', db.soundPacks, db.soundClips, async () => {
    await db.soundClips.where('language').equals(pack.language).delete();
    await db.soundClips.bulkAdd(pack.clips.map((c) => ({ ...c, language: pack.language })));
    await db.soundPacks.put(entry);
  });
}

export async function removeSoundPack(db: AppDb, language: string): Promise<void> {
  await db.transaction('rw', db.soundPacks, db.soundClips, async () => {
    await db.soundClips.where('language').equals(language).delete();
    await db.soundPacks.delete(language);
  });
}

/** The packs this tablet holds, by language code. */
export function soundPacks(db: AppDb): Promise<SoundPackEntry[]> {
  return db.soundPacks.orderBy('language').toArray();
}

/** One language's clips (for the facilitator's check of which still match the screens). */
export function soundClips(db: AppDb, language: string): Promise<SoundClipEntry[]> {
  return db.soundClips.where('language').equals(language).toArray();
}

/** The clip recorded for one screen's prompt in one language, if any. */
export function soundClip(db: AppDb, language: string, prompt: string): Promise<SoundClipEntry | undefined> {
  return db.soundClips.get([language, prompt]);
}
