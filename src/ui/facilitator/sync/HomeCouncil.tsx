import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { fetchCouncilSessions, type CouncilSession } from '../../../sync/councilApi';
import { SyncError } from '../../../sync/syncStates';
import { useInWords, type InWords } from '../../errors';
import { useT } from '../../i18n';
import { useServices } from '../../services';
import { EnrolForm } from './EnrolForm';
import { EnrolledStatus, useJustEnrolled } from './EnrolledStatus';
import { fetchSession, FetchTimeout } from './fetchSession';
import { useEnrolment } from './useEnrolment';
import { describeCouncilError } from './words';
import './messages';
import './sync.css';

/**
 * The home screen's "Sessions from the council": on an enrolled device, list the sessions the council has and
 * bring the chosen ones onto this device (tablets are prepared at the office before a workshop). On a device
 * that is not enrolled, the enrolment form.
 */
export function HomeCouncil() {
  const t = useT();
  const services = useServices();
  const enrolment = useEnrolment(services.db);
  const justEnrolled = useJustEnrolled(enrolment);
  const [sessions, setSessions] = useState<CouncilSession[] | null>(null);
  const [local, setLocal] = useState<ReadonlySet<string>>(new Set());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [isListing, setListing] = useState(false);
  const [progress, setProgress] = useState<{ n: number; total: number; title: string } | null>(null);
  // Put into words as the screen renders, so they follow the staff language switch.
  const [done, setDone] = useInWords();
  const [errors, setErrors] = useState<InWords[]>([]);

  useEffect(() => {
    const sub = liveQuery(() => services.db.sessions.toCollection().primaryKeys()).subscribe({
      next: (ids) => setLocal(new Set(ids)),
      error: () => undefined,
    });
    return () => sub.unsubscribe();
  }, [services.db]);

  if (enrolment === undefined) return null;

  const list = async (): Promise<void> => {
    if (!enrolment || isListing) return;
    setListing(true);
    setErrors([]);
    setDone(null);
    try {
      setSessions(await fetchCouncilSessions(enrolment.serverName, enrolment.token));
    } catch (e) {
      setErrors([(t) => describeCouncilError(t, e)]);
    } finally {
      setListing(false);
    }
  };

  const get = async (): Promise<void> => {
    if (!enrolment || !sessions || progress) return;
    const wanted = sessions.filter((s) => chosen.has(s.id));
    setDone(null);
    if (wanted.length === 0) {
      setErrors([(t) => t('sync.fetch.nothingChosen')]);
      return;
    }
    setErrors([]);
    const problems: InWords[] = [];
    let got = 0;
    for (const [i, s] of wanted.entries()) {
      setProgress({ n: i + 1, total: wanted.length, title: s.title });
      try {
        await fetchSession(services, enrolment, s.id);
        got += 1;
      } catch (e) {
        const failed = e instanceof SyncError && e.reason !== 'stopped' ? e.reason : null;
        const reason: InWords =
          e instanceof FetchTimeout
            ? (t) => t('sync.fetch.timeout')
            : failed
              ? (t) => t(`sync.failed.${failed}`)
              : (t) => describeCouncilError(t, e);
        problems.push((t) => t('sync.fetch.failedOne', { title: s.title, reason: reason(t) }));
      }
    }
    setProgress(null);
    setChosen(new Set());
    setErrors(problems);
    setDone(got > 0 ? (t) => t('sync.fetch.done', { count: got }) : null);
  };

  return (
    <section class="card sync-fetch" aria-labelledby="council-heading">
      <h2 id="council-heading">{t('sync.fetch.heading')}</h2>
      <p>{t('sync.fetch.text')}</p>
      {enrolment === null ? (
        <EnrolForm />
      ) : (
        <>
          <EnrolledStatus enrolment={enrolment} justEnrolled={justEnrolled} />
          {enrolment.role === 'officer' ? (
            <p>
              <a class="btn btn--primary" href="#/officer" data-officer-link>
                {t('sync.officer.open')}
              </a>
            </p>
          ) : null}
          <button
            type="button"
            class="btn btn--secondary"
            aria-disabled={isListing ? 'true' : undefined}
            onClick={() => void list()}
          >
            {isListing ? t('sync.fetch.listing') : t('sync.fetch.list')}
          </button>
          {sessions && sessions.length === 0 ? (
            <p>{enrolment.role === 'officer' ? t('sync.fetch.none') : t('sync.fetch.noneAssigned')}</p>
          ) : null}
          {sessions && sessions.length > 0 ? (
            <fieldset class="sync-fetch__choose">
              <legend>{t('sync.fetch.choose')}</legend>
              <ul class="sync-fetch__list">
                {sessions.map((s) => (
                  <li key={s.id} class="sync-fetch__item">
                    <label>
                      <input
                        type="checkbox"
                        checked={chosen.has(s.id)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.currentTarget.checked) next.add(s.id);
                          else next.delete(s.id);
                          setChosen(next);
                        }}
                      />
                      <span>
                        <span class="sync-fetch__title" dir="auto">
                          {s.title}
                        </span>
                        {local.has(s.id) ? ` (${t('sync.fetch.onDevice')})` : ''}
                        <span class="sync-fetch__meta">
                          {t('sync.fetch.meta', {
                            neighbourhood: s.neighbourhood,
                            date: s.date,
                            venue: s.venue,
                          })}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                class="btn btn--primary"
                aria-disabled={progress ? 'true' : undefined}
                onClick={() => void get()}
              >
                {t('sync.fetch.get', { count: chosen.size })}
              </button>
            </fieldset>
          ) : null}
          <div role="status" class="sync-fetch__status">
            {progress ? (
              <>
                <p>{t('sync.fetch.getting', progress)}</p>
                <progress max={progress.total} value={progress.n - 1} aria-label={t('sync.progress')} />
              </>
            ) : done ? (
              <p>{done(t)}</p>
            ) : null}
          </div>
          {errors.length > 0 ? (
            <div class="alert" role="alert">
              {errors.map((problem, i) => (
                <p key={i}>{problem(t)}</p>
              ))}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
