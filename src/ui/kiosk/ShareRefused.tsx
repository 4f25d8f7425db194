import { useT } from '../i18n';
import { KioskPage } from './KioskPage';
import './kiosk.css';

/**
 * Files were shared to this tablet while it is a kiosk: they were thrown away (the import screen is the
 * facilitator's). Says so in words that give nothing of the session or the facilitator's screens away.
 */
export function ShareRefused({ onDone }: { onDone: () => void }) {
  const t = useT();
  return (
    <div class="kiosk">
      <KioskPage title={t('kiosk.lock.shareRefused.title')}>
        <p class="kiosk-text">{t('kiosk.lock.shareRefused.text')}</p>
        <p class="kiosk-actions">
          <button type="button" class="btn btn--primary btn--large" onClick={onDone}>
            {t('kiosk.lock.backToKiosk')}
          </button>
        </p>
      </KioskPage>
    </div>
  );
}
