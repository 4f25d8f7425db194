/**
 * The council's private keys on the officer's device, for residents' sealed about-you answers
 * (src/domain/answersCrypto.ts, src/domain/results/openAnswers.ts).
 *
 * IN MEMORY ONLY: a key file the officer loads is imported as a non-extractable CryptoKey and kept in this module
 * until the page closes or reloads. Never in IndexedDB, localStorage or the service worker: an officer's laptop
 * left logged in, or its disk copied, then holds no key, at the price of loading the file again each visit.
 * Several keys may be loaded (rotation: each envelope names its key id).
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../../doc/session';
import { readPrivateKeyFile, type CouncilKeyring, type PrivateKeyProblem } from '../../domain/answersCrypto';
import { openSessionAnswers, sealedCount, type AnswersProblem } from '../../domain/results/openAnswers';

const keys = new Map<string, CryptoKey>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version += 1;
  for (const l of listeners) l();
}

/** Reads a key file's text and holds its key. */
export async function loadCouncilKey(
  text: string,
): Promise<{ ok: true; kid: string } | { ok: false; problem: PrivateKeyProblem }> {
  const read = await readPrivateKeyFile(text);
  if (!read.ok) return read;
  keys.set(read.kid, read.key);
  changed();
  return { ok: true, kid: read.kid };
}

/** Forgets every key (the officer's "Forget the keys" button; also for tests). */
export function forgetCouncilKeys(): void {
  keys.clear();
  changed();
}

export function councilKeyIds(): string[] {
  return [...keys.keys()];
}

export function councilKeyring(): CouncilKeyring {
  return keys;
}

/** Re-renders when keys are loaded or forgotten. */
export function useCouncilKeysVersion(): number {
  const [v, setV] = useState(version);
  useEffect(() => {
    const l = (): void => setV(version);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return v;
}

export interface OpenedViews {
  views: SessionView[];
  /** Participant records with sealed answers across the views. */
  sealed: number;
  opened: number;
  problems: AnswersProblem[];
}

/**
 * The views with sealed answers opened by the keys loaded. Until they are opened (or with no key) the views as
 * given: sealed answers then count nowhere in the about-you tables (participation.ts).
 */
export function useOpenedViews(views: SessionView[]): OpenedViews {
  const keysVersion = useCouncilKeysVersion();
  const sealed = sealedCount(views);
  const [state, setState] = useState<OpenedViews>({ views, sealed, opened: 0, problems: [] });
  useEffect(() => {
    let live = true;
    if (sealed === 0) {
      setState({ views, sealed, opened: 0, problems: [] });
      return;
    }
    void openSessionAnswers(views, keys).then((r) => {
      if (live) setState({ views: r.views, sealed, opened: r.opened, problems: r.problems });
    });
    return () => {
      live = false;
    };
  }, [views, sealed, keysVersion]);
  // A sync brought newer views: the last opened ones stay for the moment it takes to open the new ones, rather
  // than the tables dropping to "sealed" and back at every sync. Other sessions: the views as given.
  return state.views.length === views.length &&
    state.views.every((v, i) => v.records.sessionId === views[i]?.records.sessionId)
    ? state
    : { views, sealed, opened: 0, problems: [] };
}
