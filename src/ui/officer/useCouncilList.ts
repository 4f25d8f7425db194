/** The council's list of sessions (GET /api/sessions), grouped by neighbourhood for the officer view. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { fetchCouncilSessions, type CouncilSession } from '../../sync/councilApi';
import type { Enrolment } from '../../storage/appDb';

export interface Neighbourhood {
  name: string;
  /** Newest first. */
  sessions: CouncilSession[];
}

/** Neighbourhoods in alphabetical order (case-insensitive), each with its sessions newest first. */
export function byNeighbourhood(sessions: readonly CouncilSession[]): Neighbourhood[] {
  const groups = new Map<string, CouncilSession[]>();
  for (const s of sessions) {
    const name = s.neighbourhood.trim();
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  return [...groups.entries()]
    .map(([name, list]) => ({
      name,
      sessions: [...list].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title)),
    }))
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
