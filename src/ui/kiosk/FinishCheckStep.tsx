import { useT } from '../i18n';
import { KioskPage } from './KioskPage';

interface FinishCheckStepProps {
  isBusy: boolean;
  onReview: () => void;
  onFinishAnyway: () => void;
}

/** Finish was tapped with changed priorities that were not saved. */
export function FinishCheckStep({ isBusy, onReview, onFinishAnyway }: FinishCheckStepProps) {
  const t = useT();
  return (
    <KioskPage title={t('kiosk.finishCheck.title')}>
      <p class="kiosk-text">{t('kiosk.finishCheck.text')}</p>
      <div class="btn-row">
        <button type="button" class="btn btn--primary btn--large" onClick={onReview} disabled={isBusy}>
          {t('kiosk.finishCheck.review')}
        </button>
        <button type="button" class="btn btn--large" onClick={onFinishAnyway} disabled={isBusy}>
          {t('kiosk.finishCheck.finish')}
        </button>
      </div>
    </KioskPage>
  );
}
