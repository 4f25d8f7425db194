import { useT, type MessageKey } from '../i18n';
import { applyUpdate, useUpdateState } from '../swBridge';
import './facilitator.css';

/**
 * "A new version is ready": applied only when staff choose (on a tablet, between residents). Never in kiosk mode.
 * The facilitator's dashboard says when to tap it there; other staff screens pass their own hint.
 */
export function UpdateBanner({ hint = 'fac.update.hint' }: { hint?: MessageKey }) {
  const t = useT();
  const state = useUpdateState();
  if (state !== 'ready') return null;
  return (
    <section class="notice fac-update" aria-labelledby="fac-update-heading">
      <h2 id="fac-update-heading" class="fac-update__heading">
        {t('update.ready')}
      </h2>
      <p>{t(hint)}</p>
      <button type="button" class="btn btn--primary" onClick={() => applyUpdate()}>
        {t('update.apply')}
      </button>
    </section>
  );
}
