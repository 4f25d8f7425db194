/**
 * The session form's draft in the device database, so a reload or a flat battery loses nothing typed.
 * Saved a moment after each change; the PIN is never part of it.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { deleteDraft, draftKey, loadDraft, saveDraft } from '../../storage/drafts';
import { useServices } from '../services';
import { formFromDraft, formToDraft, type FormValues } from './formModel';

const SAVE_AFTER_MS = 300;

export interface FormDraft {
  /** undefined while loading; null when there is no draft. */
  restored: FormValues | null | undefined;
  save: (values: FormValues) => void;
  discard: () => Promise<void>;
}

export function useFormDraft(sessionId: string | undefined): FormDraft {
  const { db } = useServices();
  const owner = sessionId ?? 'new';
  const key = draftKey(owner, 'facilitator', 'sessionForm');
  const [restored, setRestored] = useState<FormValues | null | undefined>(undefined);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; values: FormValues } | null>(null);

  useEffect(() => {
    let isCurrent = true;
    loadDraft(db, key).then(
      (d) => isCurrent && setRestored(formFromDraft(d)),
      () => isCurrent && setRestored(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [db, key]);

  const write = useCallback(
    (values: FormValues) => void saveDraft(db, key, owner, formToDraft(values)).catch(() => undefined),
    [db, key, owner],
  );

  // Leaving the screen writes what is still waiting.
  useEffect(
    () => () => {
      const p = pending.current;
      if (p) {
        clearTimeout(p.timer);
        write(p.values);
      }
    },
    [write],
  );

  const save = useCallback(
    (values: FormValues) => {
      if (pending.current) clearTimeout(pending.current.timer);
      const timer = setTimeout(() => {
        pending.current = null;
        write(values);
      }, SAVE_AFTER_MS);
      pending.current = { timer, values };
    },
    [write],
  );

  const discard = useCallback(async () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    await deleteDraft(db, key).catch(() => undefined);
  }, [db, key]);

  return { restored, save, discard };
}
