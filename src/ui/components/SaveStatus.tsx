import { useT } from '../i18n';
import type { SaveState } from '../useSession';
import { saveFailedInWords } from '../errors';

/**
 * "Saving…" then "Saved" only once IndexedDB committed; a refused write is said plainly (to a resident at the
 * kiosk, `isResident`, in words that ask the facilitator where only staff can act).
 */
export function SaveStatus({
  state,
  error,
  isResident = false,
}: {
  state: SaveState;
  error?: unknown;
  isResident?: boolean;
}) {
  const t = useT();
  return (
    <p class={`save-status save-status--${state}`} role="status" aria-live="polite" data-save-state={state}>
      {state === 'saving'
        ? t('common.saving')
        : state === 'saved'
          ? t('common.saved')
          : state === 'failed'
            ? saveFailedInWords(t, error, isResident)
            : ''}
    </p>
  );
}
