import { useRef, useState } from 'preact/hooks';
import { endSession, updateSettings } from '../../doc/sessionCommands';
import type { SessionView } from '../../doc/session';
import { SaveStatus } from '../components/SaveStatus';
import { describeError } from '../errors';
import { useT } from '../i18n';
import type { SessionHandle } from '../useSession';
import { ConfirmSection } from './ConfirmSection';
import { useAction } from './useAction';

/** Ending the session, after a confirmation step; an ended session can be reopened. */
export function EndSession({ session, view }: { session: SessionHandle; view: SessionView }) {
  const t = useT();
  const action = useAction(session.run);
  const [isConfirming, setConfirming] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const isEnded = view.settings.isEnded;

  const end = async (): Promise<void> => {
    await action.act((doc, ctx) => endSession(doc, ctx));
    setConfirming(false);
    setTimeout(() => button.current?.focus(), 0);
  };
  const reopen = async (): Promise<void> => {
    await action.act((doc, ctx) => updateSettings(doc, { isEnded: false }, ctx));
    setTimeout(() => button.current?.focus(), 0);
  };

  return (
    <section aria-labelledby="fac-end-heading" class="card fac-section">
      <h2 id="fac-end-heading">{isEnded ? t('fac.end.endedHeading') : t('fac.end.heading')}</h2>
      <p>{isEnded ? t('fac.end.endedText') : t('fac.end.text')}</p>
      {isConfirming ? (
        <ConfirmSection
          heading={t('fac.end.confirmHeading')}
          confirmLabel={t('fac.end.confirm')}
          onConfirm={() => void end()}
          onCancel={() => {
            setConfirming(false);
            setTimeout(() => button.current?.focus(), 0);
          }}
          isBusy={action.isBusy}
          isDanger
        >
          <p>{t('fac.end.confirmText')}</p>
        </ConfirmSection>
      ) : isEnded ? (
        <button
          ref={button}
          type="button"
          class="btn"
          onClick={() => void reopen()}
          disabled={action.isBusy || view.isReadOnly}
        >
          {t('fac.end.reopen')}
        </button>
      ) : (
        <button
          ref={button}
          type="button"
          class="btn btn--danger"
          onClick={() => {
            action.reset();
            setConfirming(true);
          }}
          disabled={view.isReadOnly}
        >
          {t('fac.end.button')}
        </button>
      )}
      {action.invalid ? <p class="alert">{describeError(t, action.invalid)}</p> : null}
      <SaveStatus state={action.state} error={action.failure} />
    </section>
  );
}
