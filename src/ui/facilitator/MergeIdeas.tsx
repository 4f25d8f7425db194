import { useRef, useState } from 'preact/hooks';
import { mergeProposals } from '../../doc/moderationCommands';
import { isValidationError, ValidationError } from '../../domain/errors';
import type { SessionView } from '../../doc/session';
import { Field } from '../components/Field';
import { SaveStatus } from '../components/SaveStatus';
import { describeError, useInWords } from '../errors';
import { useT } from '../i18n';
import type { SessionHandle } from '../useSession';
import { ConfirmSection } from './ConfirmSection';
import { useAction } from './useAction';

/** Merge duplicates: pick the duplicate and the idea to keep, confirm, and the duplicate's support moves over. */
export function MergeIdeas({ session, view }: { session: SessionHandle; view: SessionView }) {
  const t = useT();
  const action = useAction(session.run);
  const [duplicateId, setDuplicateId] = useState('');
  const [keptId, setKeptId] = useState('');
  const [isConfirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<ValidationError | null>(null);
  // Put into words as the section renders, so it follows the staff language switch.
  const [announcement, setAnnouncement] = useInWords();
  const mergeButton = useRef<HTMLButtonElement>(null);

  const ideas = [...view.visible].sort((a, b) => a.shownTitle.localeCompare(b.shownTitle, t.locale.intl));
  const titleOf = (id: string): string => view.proposals.find((p) => p.id === id)?.shownTitle ?? '';
  const invalid = problem ?? (isValidationError(action.invalid) ? action.invalid : null);
  const errorFor = (field: string): string | undefined =>
    invalid && invalid.field === field ? describeError(t, invalid) : undefined;

  const start = (e: Event): void => {
    e.preventDefault();
    action.reset();
    setAnnouncement(null);
    if (duplicateId === '') setProblem(new ValidationError('required', 'duplicateId'));
    else if (keptId === '') setProblem(new ValidationError('required', 'keptId'));
    else if (duplicateId === keptId) setProblem(new ValidationError('mergeIntoSelf', 'keptId'));
    else {
      setProblem(null);
      setConfirming(true);
    }
  };

  const cancel = (): void => {
    setConfirming(false);
    setTimeout(() => mergeButton.current?.focus(), 0);
  };

  const confirm = async (): Promise<void> => {
    const duplicate = titleOf(duplicateId);
    const kept = titleOf(keptId);
    const isDone = await action.act((doc, ctx) => mergeProposals(doc, duplicateId, keptId, ctx));
    setConfirming(false);
    if (isDone) {
      setAnnouncement((t) => t('fac.merge.done', { duplicate, kept }));
      setDuplicateId('');
      setKeptId('');
    }
    setTimeout(() => mergeButton.current?.focus(), 0);
  };

  return (
    <section aria-labelledby="fac-merge-heading" class="card fac-section">
      <h2 id="fac-merge-heading">{t('fac.merge.heading')}</h2>
      <p class="field__hint">{t('fac.merge.hint')}</p>
      {ideas.length < 2 ? (
        <p>{t('fac.merge.notEnough')}</p>
      ) : (
        <form onSubmit={start} noValidate>
          <div class="fac-merge">
            <Field
              label={t('fac.merge.duplicate')}
              hint={t('fac.merge.duplicateHint')}
              error={errorFor('duplicateId')}
            >
              {(p) => (
                <select
                  {...p}
                  value={duplicateId}
                  onChange={(e) => setDuplicateId(e.currentTarget.value)}
                  disabled={isConfirming}
                >
                  <option value="">{t('fac.merge.choose')}</option>
                  {ideas.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.shownTitle}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('fac.merge.kept')} hint={t('fac.merge.keptHint')} error={errorFor('keptId')}>
              {(p) => (
                <select
                  {...p}
                  value={keptId}
                  onChange={(e) => setKeptId(e.currentTarget.value)}
                  disabled={isConfirming}
                >
                  <option value="">{t('fac.merge.choose')}</option>
                  {ideas.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.shownTitle}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {!isConfirming ? (
            <button ref={mergeButton} type="submit" class="btn btn--primary">
              {t('fac.merge.button')}
            </button>
          ) : null}
        </form>
      )}
      {isConfirming ? (
        <ConfirmSection
          heading={t('fac.merge.confirmHeading')}
          confirmLabel={t('fac.merge.confirm')}
          onConfirm={() => void confirm()}
          onCancel={cancel}
          isBusy={action.isBusy}
        >
          <p>{t('fac.merge.confirmText', { duplicate: titleOf(duplicateId), kept: titleOf(keptId) })}</p>
          <p>{t('fac.merge.confirmWarning')}</p>
        </ConfirmSection>
      ) : null}
      {invalid && !['duplicateId', 'keptId'].includes(invalid.field) ? (
        <p class="alert">{describeError(t, invalid)}</p>
      ) : null}
      <p role="status" class="fac-announce">
        {announcement?.(t)}
      </p>
      <SaveStatus state={action.state} error={action.failure} />
    </section>
  );
}
