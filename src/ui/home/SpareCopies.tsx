import { useEffect, useRef, useState } from 'preact/hooks';
import * as Y from 'yjs';
import { viewSession } from '../../doc/session';
import type { SessionEntry } from '../../storage/appDb';
import { useT } from '../i18n';
import { useServices } from '../services';
import { upsertSessionEntry } from '../sessionList';
import { describeError, useInWords } from '../errors';
import { sessionDate } from '../format/dates';

interface Missing {
  id: string;
  title: string;
  date: string;
}

/**
 * The first screen's offer to bring back sessions that have a spare copy on the tablet (src/storage/
 * sessionCopies.ts) but are missing from its list: what is left after the browser deleted the app's IndexedDB.
 * Bringing one back stores its copy as the session again (any of it still stored is kept: the two merge) and lists
 * it. Also makes a copy of each listed session that has none yet (one made before the app kept copies).
 */
export function SpareCopies({ listed }: { listed: readonly SessionEntry[] }) {
  const t = useT();
  const services = useServices();
  const copies = services.copies ?? null;
  const [missing, setMissing] = useState<Missing[]>([]);
  const [isBusy, setBusy] = useState(false);
  /** Sessions brought back here: no longer offered, even before the list (a live query) shows them. */
  const [restored, setRestored] = useState<readonly string[]>([]);
  /** Set once some session was offered: from then on the card (and its status region) stays while the screen does. */
  const [wasOffered, setOffered] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  const [problem, setProblem] = useInWords();

  const listedIds = listed.map((s) => s.id).join(' ');
  useEffect(() => {
    if (!copies) return;
    let isCurrent = true;
    const ids = new Set(listedIds.split(' ').filter(Boolean));
    void (async () => {
      // Copies that cannot be listed (a file system refusing) offer nothing, and no copy is caught up here: each
      // visit would open every session for nothing.
      const withCopy = await copies.list().catch(() => null);
      if (withCopy === null) return;
      const found: Missing[] = [];
      for (const id of withCopy.filter((c) => !ids.has(c))) {
        const state = await copies.read(id).catch(() => null);
        if (!state) continue;
        const doc = new Y.Doc();
        try {
          Y.applyUpdate(doc, state);
          const view = viewSession(doc);
          if (view) found.push({ id, title: view.settings.title, date: view.settings.date });
        } catch {
          // A copy that cannot be read is not offered.
        } finally {
          doc.destroy();
        }
      }
      if (!isCurrent) return;
      setMissing(found);
      if (found.length > 0) setOffered(true);
      // Listed sessions without a copy get one: opening one in the copying store copies it (then let go).
      for (const id of ids) {
        if (!isCurrent || withCopy.includes(id)) continue;
        await services.docs.open(id).then(
          (handle) => handle.close(),
          () => undefined,
        );
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, [copies, listedIds, services.docs]);

  const offered = missing.filter((m) => !restored.includes(m.id));
  // Every session offered is in the list again (the list may show it before the last one is stored here).
  const isDone = wasOffered && offered.length === 0;
  // The button goes once every session is back: focus goes to the words saying so, not to the page.
  useEffect(() => {
    if (isDone) status.current?.focus();
  }, [isDone]);

  // Once shown, the card stays (with its status region) until the screen goes, so what it says is read out.
  if (!copies || !wasOffered) return null;

  const bringBack = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      for (const { id } of offered) {
        const state = await copies.read(id);
        if (!state) continue;
        const handle = await services.docs.open(id);
        try {
          Y.applyUpdate(handle.doc, state);
          await handle.whenSaved();
          const view = viewSession(handle.doc);
          if (view) await upsertSessionEntry(services.db, view);
        } finally {
          await handle.close();
        }
        setRestored((r) => [...r, id]);
      }
    } catch (e) {
      setProblem((t) => describeError(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card" data-spare-copies>
      <p role="status" tabIndex={-1} ref={status}>
        {isDone ? t('home.copiesRestored') : ''}
      </p>
      {isDone ? null : (
        <>
          <p>{t('home.copiesFound')}</p>
          <ul>
            {offered.map((m) => (
              <li key={m.id}>
                <span dir="auto">{m.title}</span> · {sessionDate(t, m.date)}
              </li>
            ))}
          </ul>
          <button type="button" class="btn btn--primary" disabled={isBusy} onClick={() => void bringBack()}>
            {isBusy ? t('home.copiesRestoring') : t('home.copiesRestore')}
          </button>
          {problem ? (
            <p class="alert" role="alert">
              {problem(t)}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
