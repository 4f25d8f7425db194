import { useT } from '../i18n';
import type { SaveState } from '../useSession';
import { describeError } from '../errors';

/** "Saving…" then "Saved" only once IndexedDB committed; a refused write is said plainly. */
export function SaveStatus({ state, error }: { state: SaveState; error?: unknown }) {
  const t = useT();
  return (
    <p class={`save-status save-status--${state}`} role="status" aria-live="polite" data-save-state={state}>
      {state === 'saving'
        ? t('common.saving')
        : state === 'saved'
          ? t('common.saved')
          : state === 'failed'
            ? t('common.saveFailed', { reason: describeError(t, error) })
            : ''}
    </p>
  );
}
