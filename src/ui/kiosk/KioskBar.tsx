import { useT } from '../i18n';
import { useTypedLang } from './typedWords';

interface KioskBarProps {
  sessionTitle: string;
  /** Absent on the screen that is already asking about facilitator mode. */
  onFacilitator?: (() => void) | undefined;
}

/** The strip above every kiosk screen: the session's name and the small Facilitator button. */
export function KioskBar({ sessionTitle, onFacilitator }: KioskBarProps) {
  const t = useT();
  const typedLang = useTypedLang();
  return (
    <header class="kiosk-bar">
      <p class="kiosk-bar__title" dir="auto" lang={typedLang}>
        {sessionTitle}
      </p>
      {onFacilitator ? (
        <button type="button" class="btn kiosk-bar__facilitator" onClick={onFacilitator}>
          {t('kiosk.bar.facilitator')}
        </button>
      ) : null}
    </header>
  );
}
