import type { ExcludedEntry } from '../../domain/results/trace';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { shortId, timeText } from './words';

/** Ballots left out of the count, with why (the method's rule each one broke), as a table. */
export function ExcludedTable({
  entries,
  caption,
  name,
}: {
  entries: ExcludedEntry[];
  caption: string;
  name: string;
}) {
  const t = useT();
  return (
    <div class="table-scroll">
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
              <td>{shortId(e.deviceId)}</td>
              <td>{timeText(t.locale.intl, e.at)}</td>
              <td>{t(`error.${e.reason}` as MessageKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
