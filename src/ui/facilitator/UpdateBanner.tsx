import { useT } from '../i18n';
import { applyUpdate, useUpdateState } from '../swBridge';

/** "A new version is ready": applied only when the facilitator chooses, between residents. Never in kiosk mode. */
export function UpdateBanner() {
  const t = useT();
  const state = useUpdateState();
  if (state !== 'ready') return null;
  return (
    <section class="notice fac-update" aria-labelledby="fac-update-heading">
      <h2 id="fac-update-heading" class="fac-update__heading">
        {t('update.ready')}
      </h2>
      <p>{t('fac.update.hint')}</p>
      <button type="button" class="btn btn--primary" onClick={() => applyUpdate()}>
        {t('update.apply')}
      </button>
    </section>
  );
}
