/**
 * Drafts of half-typed forms. A resident's drafts are keyed by their participant id and wiped when their turn
 * ends, so the next resident never sees them.
 */
import type { AppDb, Draft } from './appDb';

export function draftKey(sessionId: string, owner: string, form: string): string {
  return `${sessionId}|${owner}|${form}`;
}

export async function loadDraft(db: AppDb, key: string): Promise<Record<string, string> | null> {
  return (await db.drafts.get(key))?.values ?? null;
}

export async function saveDraft(
  db: AppDb,
  key: string,
  sessionId: string,
  values: Record<string, string>,
): Promise<void> {
  const draft: Draft = { key, sessionId, values, updatedAt: Date.now() };
  await db.drafts.put(draft);
}

export async function deleteDraft(db: AppDb, key: string): Promise<void> {
  await db.drafts.delete(key);
}

/** Removes every draft an owner (a participant) left in a session. */
export async function deleteOwnerDrafts(db: AppDb, sessionId: string, owner: string): Promise<void> {
  const prefix = `${sessionId}|${owner}|`;
  await db.drafts.where('key').startsWith(prefix).delete();
}
