/** This device's enrolment with the council server, kept in IndexedDB (AppDb.enrolment), live. */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { AppDb, Enrolment } from '../../../storage/appDb';

/** undefined while loading, null when the device is not enrolled. */
export function useEnrolment(db: AppDb): Enrolment | null | undefined {
  const [enrolment, setEnrolment] = useState<Enrolment | null | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(() => db.enrolment.get('self')).subscribe({
      next: (e) => setEnrolment(e ?? null),
      error: () => setEnrolment(null),
    });
    return () => sub.unsubscribe();
  }, [db]);
  return enrolment;
}
