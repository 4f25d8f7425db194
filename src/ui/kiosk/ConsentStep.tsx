import type { ShownText } from '../../domain/wording';
import { useT } from '../i18n';
import { KioskPage } from './KioskPage';

interface ConsentStepProps {
  /** In the resident's language where the session gives it, with the language it is in. */
  consent: ShownText;
  isBusy: boolean;
  error: string | null;
  onAgree: () => void;
  onDecline: () => void;
}

/** How answers are used, in the session's own words; "I agree" starts the turn. */
export function ConsentStep({ consent, isBusy, error, onAgree, onDecline }: ConsentStepProps) {
  const t = useT();
  return (
    <KioskPage title={t('kiosk.consent.title')}>
      <p class="kiosk-text">{t('kiosk.consent.lead')}</p>
      {/* The session's own words, in the direction of their own script whatever the turn's language. */}
      <div class="card kiosk-consent" dir="auto" lang={consent.lang}>
        {consent.text}
      </div>
      <h2 class="kiosk-question">{t('kiosk.consent.question')}</h2>
      {error ? (
        <p class="alert" role="alert">
          {error}
        </p>
      ) : null}
      <div class="btn-row">
        <button type="button" class="btn btn--primary btn--large" onClick={onAgree} disabled={isBusy}>
          {t('kiosk.consent.agree')}
        </button>
        <button type="button" class="btn btn--large" onClick={onDecline} disabled={isBusy}>
          {t('kiosk.consent.decline')}
        </button>
      </div>
    </KioskPage>
  );
}
