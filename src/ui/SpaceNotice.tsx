import { useEffect, useState } from 'preact/hooks';
import { isOutOfSpace, watchOutOfSpace } from '../storage/quota';
import { useT } from './i18n';

/**
 * On every staff screen (App leaves it out of the kiosk and the PIN screen), from the moment storage refuses a
 * write for want of space until it opens again: what is at stake (Chromium deletes every database of the app at a
 * later start, enrolment and signing key too) and what to do. In the page, above the screen, so it covers nothing.
 */
export function SpaceNotice() {
  const t = useT();
  const [isOut, setOut] = useState(isOutOfSpace);
  useEffect(() => {
    setOut(isOutOfSpace());
    return watchOutOfSpace(setOut);
  }, []);
  return isOut ? (
    <div class="app-notices">
      <p class="alert" role="alert">
        {t('storage.full')}
      </p>
    </div>
  ) : null;
}
