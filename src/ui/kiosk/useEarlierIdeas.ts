/**
 * The kiosk hub's "What happened to earlier ideas": the loader (earlierIdeas.ts) is imported on demand once the
 * turn reaches the hub, so the resident's first download stays small. Offline, the service worker has it cached.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionPlace } from '../../domain/statuses';
import type { Services } from '../services';
import type { EarlierSession } from './earlierIdeas';

/** The earlier sessions' decisions, loaded once `isWanted` (the turn reached the hub); empty until then. */
export function useEarlierSessions(
  services: Pick<Services, 'db' | 'docs'>,
  current: SessionPlace,
  isWanted: boolean,
): EarlierSession[] {
  const [sessions, setSessions] = useState<EarlierSession[]>([]);
  useEffect(() => {
    if (!isWanted) return;
    let isCurrent = true;
    import('./earlierIdeas')
      .then(({ loadEarlierSessions }) => loadEarlierSessions(services, current))
      .then(
        (found) => isCurrent && setSessions(found),
        () => undefined,
      );
    return () => {
      isCurrent = false;
    };
  }, [isWanted, current.id, current.neighbourhood, current.date]);
  return sessions;
}
