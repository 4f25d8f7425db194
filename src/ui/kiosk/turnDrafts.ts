/**
 * One resident's half-typed forms, kept in Dexie (src/storage/drafts.ts) so a reload or a flat battery loses
 * nothing. Writes are debounced; once the turn is closed nothing more is written and every draft the resident
 * left is deleted, so the next person can never see them.
 */
import type { AppDb } from '../../storage/appDb';
import { deleteDraft, deleteOwnerDrafts, draftKey, loadDraft, saveDraft } from '../../storage/drafts';

export type DraftValues = Record<string, string>;

const WRITE_AFTER_MS = 300;

export class TurnDrafts {
  private isClosed = false;
  private readonly waiting = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; values: DraftValues | null }
  >();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly db: AppDb,
    private readonly sessionId: string,
    /** The participant id: drafts are keyed by it. */
    readonly owner: string,
  ) {}

  private key(form: string): string {
    return draftKey(this.sessionId, this.owner, form);
  }

  async load(form: string): Promise<DraftValues | null> {
    if (this.isClosed) return null;
    try {
      return await loadDraft(this.db, this.key(form));
    } catch {
      return null;
    }
  }

  /** Keeps the form's values soon; null deletes the draft (the form is back to empty). */
  schedule(form: string, values: DraftValues | null): void {
    if (this.isClosed) return;
    const previous = this.waiting.get(form);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => this.flush(form), WRITE_AFTER_MS);
    this.waiting.set(form, { timer, values });
  }

  /** Writes a waiting change now (a form closing). */
  flush(form: string): void {
    const entry = this.waiting.get(form);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(form);
    this.write(form, entry.values);
  }

  private write(form: string, values: DraftValues | null): void {
    if (this.isClosed) return;
    const key = this.key(form);
    const write = (
      values ? saveDraft(this.db, key, this.sessionId, values) : deleteDraft(this.db, key)
    ).catch(() => undefined);
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private cancel(form?: string): void {
    for (const [name, entry] of this.waiting) {
      if (form !== undefined && name !== form) continue;
      clearTimeout(entry.timer);
      this.waiting.delete(name);
    }
  }

  /** The form was saved for real: forget its draft. */
  async discard(form: string): Promise<void> {
    this.cancel(form);
    await Promise.all([...this.writes]);
    await deleteDraft(this.db, this.key(form)).catch(() => undefined);
  }

  /** The turn is over: write nothing more and delete every draft this resident left. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.cancel();
    await Promise.all([...this.writes]);
    await deleteOwnerDrafts(this.db, this.sessionId, this.owner);
  }
}
