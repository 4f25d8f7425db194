/** The council's list of sessions (GET /api/sessions), grouped by neighbourhood for the officer view. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { fetchCouncilSessions, type CouncilSession } from '../../sync/councilApi';
import type { Enrolment } from '../../storage/appDb';
import { neighbourhoodKey, neighbourhoodName } from '../../domain/neighbourhood';

export interface Neighbourhood {
  name: string;
  /** Newest first. */
  sessions: CouncilSession[];
}

/**
 * Neighbourhoods in alphabetical order, each with its sessions newest first; a neighbourhood is named as its
 * newest session spells it. Sessions are one neighbourhood when the server would match them so
 * (`neighbourhoodKey`, src/domain/neighbourhood.ts: NFC, case and spaces ignored).
 */
export function byNeighbourhood(sessions: readonly CouncilSession[]): Neighbourhood[] {
  const groups = new Map<string, CouncilSession[]>();
  for (const s of sessions) {
    const key = neighbourhoodKey(s.neighbourhood);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()]
    .map((list) => {
      const sorted = [...list].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
      return { name: neighbourhoodName(sorted[0]!.neighbourhood), sessions: sorted };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export interface CouncilList {
  sessions: CouncilSession[] | null;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

export function useCouncilList(enrolment: Enrolment): CouncilList {
  const [sessions, setSessions] = useState<CouncilSession[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isLoading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setLoading(true);
    setError(null);
    fetchCouncilSessions(enrolment.serverName, enrolment.token).then(
      (list) => {
        if (!isCurrent) return;
        setSessions(list);
        setLoading(false);
      },
      (e: unknown) => {
        if (!isCurrent) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [enrolment.serverName, enrolment.token, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { sessions, error, isLoading, reload };
}
