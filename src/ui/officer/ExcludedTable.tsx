import type { ExcludedEntry } from '../../domain/results/trace';
import { describeExclusion } from '../errors';
import { useT } from '../i18n';
import './excludedMessages';
import { shortId, timeText } from './words';
import { ScrollRegion } from '../components/ScrollRegion';

/** Ballots left out of the count, with why and what can be done about it (src/ui/i18n/en/excluded.ts), as a table. */
export function ExcludedTable({
  entries,
  caption,
  name,
  device = shortId,
}: {
  entries: ExcludedEntry[];
  caption: string;
  name: string;
  /** A device as people read it (its name in the session); the start of its id when not given. */
  device?: (deviceId: string) => string;
}) {
  const t = useT();
  return (
    <ScrollRegion class="table-scroll" label={caption}>
      <table class="officer-table" data-table={name}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('officer.trace.participant')}</th>
            <th scope="col">{t('officer.trace.device')}</th>
            <th scope="col">{t('officer.trace.time')}</th>
            <th scope="col">{t('officer.excluded.why')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.participantId}>
              <th scope="row">{shortId(e.participantId)}</th>
              <td>{device(e.deviceId)}</td>
              <td>{timeText(t, e.at)}</td>
              <td data-reason={e.reason}>{describeExclusion(t, e.reason, e.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
