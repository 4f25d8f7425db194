import { useT } from '../../i18n';

/**
 * The room with no internet: the tablets of this session, what each has sent and received, and the "Gather" and
 * "Hand back" steps. Behind the session's PIN (src/ui/kioskRouting.ts): a kiosk can neither show nor start it.
 * (Stub: being built for issue 13.)
 */
export function RoomScreen({ sessionId }: { sessionId: string }) {
  const t = useT();
  return (
    <main class="page fac-page" id="main" tabIndex={-1}>
      <h1>{t('fac.dash.heading')}</h1>
      <a class="btn" href={`#/session/${sessionId}`}>
        {t('fac.backHome')}
      </a>
    </main>
  );
}
