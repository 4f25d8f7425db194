/**
 * A form whose half-typed values are kept as a draft for this resident and restored when the form reopens.
 * What is typed always wins over a draft that arrives late.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftValues, TurnDrafts } from './turnDrafts';

export interface DraftForm<V extends DraftValues> {
  values: V;
  set: (name: keyof V & string, value: string) => void;
  /** Empties the form and deletes its draft (after a successful save). */
  clear: () => Promise<void>;
}

function sameValues(a: DraftValues, b: DraftValues): boolean {
  return Object.keys(a).every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

export function useDraftForm<V extends DraftValues>(
  drafts: TurnDrafts,
  form: string,
  initial: V,
): DraftForm<V> {
  const [values, setValues] = useState<V>(initial);
  const current = useRef<V>(initial);
  const isTouched = useRef(false);
  const initialRef = useRef(initial);

  useEffect(() => {
    let isCurrent = true;
    void drafts.load(form).then((saved) => {
      if (!isCurrent || !saved || isTouched.current) return;
      const next = { ...initialRef.current };
      for (const k of Object.keys(next) as (keyof V & string)[]) {
        const v = saved[k];
        if (typeof v === 'string') (next as DraftValues)[k] = v;
      }
      current.current = next;
      setValues(next);
    });
    return () => {
      isCurrent = false;
      drafts.flush(form);
    };
  }, [drafts, form]);

  const set = (name: keyof V & string, value: string): void => {
    isTouched.current = true;
    const next = { ...current.current, [name]: value };
    current.current = next;
    setValues(next);
    drafts.schedule(form, sameValues(next, initialRef.current) ? null : next);
  };

  const clear = async (): Promise<void> => {
    isTouched.current = false;
    current.current = initialRef.current;
    setValues(initialRef.current);
    await drafts.discard(form);
  };

  return { values, set, clear };
}
