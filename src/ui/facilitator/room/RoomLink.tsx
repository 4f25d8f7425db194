import { useT } from '../../i18n';
import './messages';

/** The dashboard's way into the room view: gather every tablet's ideas and hand them back before priorities. */
export function RoomLink({ sessionId }: { sessionId: string }) {
  const t = useT();
  return (
    <section aria-labelledby="fac-room-heading" class="card fac-section">
      <h2 id="fac-room-heading">{t('room.link.heading')}</h2>
      <p>{t('room.link.text')}</p>
      <a class="btn btn--primary" href={`#/session/${sessionId}/room`}>
        {t('room.link.open')}
      </a>
    </section>
  );
}
