import { useEffect } from 'preact/hooks';
import { useT } from '../i18n';
import { KioskPage } from './KioskPage';

/** The end of a turn: thanks, then back to the welcome screen for the next person (by itself after a while). */
export function ThanksStep({ afterMs, onNext }: { afterMs: number; onNext: () => void }) {
  const t = useT();
  useEffect(() => {
    const timer = setTimeout(onNext, afterMs);
    return () => clearTimeout(timer);
  }, [afterMs]);
  return (
    <KioskPage title={t('kiosk.thanks.title')}>
      <p class="kiosk-lead">{t('kiosk.thanks.text')}</p>
      <p class="kiosk-text">{t('kiosk.thanks.handOn')}</p>
      <p class="kiosk-actions">
        <button type="button" class="btn btn--primary btn--large kiosk-start" onClick={onNext}>
          {t('kiosk.thanks.next')}
        </button>
      </p>
    </KioskPage>
  );
}
