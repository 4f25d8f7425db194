import { useT } from '../i18n';
import { KioskPage } from './KioskPage';

interface FacilitatorStepProps {
  isBusy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Checks before handing over to the facilitator: this ends the current resident's turn. */
export function FacilitatorStep({ isBusy, onConfirm, onCancel }: FacilitatorStepProps) {
  const t = useT();
  return (
    <KioskPage title={t('kiosk.facilitator.title')}>
      <p class="kiosk-text">{t('kiosk.facilitator.text')}</p>
      <div class="btn-row">
        <button type="button" class="btn btn--primary btn--large" onClick={onConfirm} disabled={isBusy}>
          {t('kiosk.facilitator.confirm')}
        </button>
        <button type="button" class="btn btn--large" onClick={onCancel} disabled={isBusy}>
          {t('kiosk.facilitator.cancel')}
        </button>
      </div>
    </KioskPage>
  );
}
