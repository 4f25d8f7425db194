import { useT } from '../i18n';
import { KioskPage } from './KioskPage';

interface PrioritiesReminderStepProps {
  isBusy: boolean;
  onSetPriorities: () => void;
  onFinishAnyway: () => void;
}

/**
 * Finish was tapped before any priorities were set: a gentle word, never a block. Both ways on look the same, so
 * neither is pushed; finishing without priorities is as fine as setting them.
 */
export function PrioritiesReminderStep({
  isBusy,
  onSetPriorities,
  onFinishAnyway,
}: PrioritiesReminderStepProps) {
  const t = useT();
  return (
    <KioskPage title={t('kiosk.prioritiesReminder.title')}>
      <p class="kiosk-text">{t('kiosk.prioritiesReminder.text')}</p>
      <div class="btn-row">
        <button type="button" class="btn btn--large" onClick={onSetPriorities} disabled={isBusy}>
          {t('kiosk.prioritiesReminder.setPriorities')}
        </button>
        <button type="button" class="btn btn--large" onClick={onFinishAnyway} disabled={isBusy}>
          {t('kiosk.prioritiesReminder.finish')}
        </button>
      </div>
    </KioskPage>
  );
}
