/**
 * Every idea of a session that stands on its own (merged duplicates are decided with the idea they joined),
 * each with its status editor. The lead's officer screen mounts this with the session's `run`.
 */
import type { SessionView } from '../../../doc/session';
import { statusHistory } from '../../../domain/statusRules';
import { useT } from '../../i18n';
import { deviceText } from '../../format/devices';
import { StatusEditor, type StatusEditorProps } from './StatusEditor';

interface StatusListProps {
  view: SessionView;
  onSave: StatusEditorProps['onSave'];
  /** Names to use before the session's own (a page without a device record); by device id. */
  deviceNames?: ReadonlyMap<string, string>;
}

export function StatusList({ view, onSave, deviceNames }: StatusListProps) {
  const t = useT();
  const ideas = view.proposals.filter((p) => p.canonicalId === p.id);
  return (
    <section class="status-list" aria-labelledby="status-list-heading">
      <h2 id="status-list-heading">{t('status.list.heading')}</h2>
      <p>{t('status.list.lead', { neighbourhood: view.settings.neighbourhood })}</p>
      {ideas.length === 0 ? <p>{t('status.list.none')}</p> : null}
      <ul class="status-list__items">
        {ideas.map((p) => (
          <li key={p.id}>
            <StatusEditor
              proposal={p}
              history={statusHistory(view.records.statuses, p.id)}
              onSave={onSave}
              deviceLabel={(deviceId) => deviceNames?.get(deviceId) ?? deviceText(t, deviceId, view)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
