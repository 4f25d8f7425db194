import { useEffect, useRef, useState } from 'preact/hooks';
import { addComment } from '../../doc/commands';
import { Field } from '../components/Field';
import { describeErrorToResident, fieldErrors, withoutError } from '../errors';
import { useT } from '../i18n';
import type { SessionHandle } from '../useSession';
import type { TurnDrafts } from './turnDrafts';
import { useDraftForm } from './useDraftForm';

interface CommentFormProps {
  ideaId: string;
  participantId: string;
  drafts: TurnDrafts;
  run: SessionHandle['run'];
}

/** Adding a comment to one idea. Half-typed text is kept as a draft; what was typed stays on any error. */
export function CommentForm({ ideaId, participantId, drafts, run }: CommentFormProps) {
  const t = useT();
  const form = useDraftForm(drafts, `comment:${ideaId}`, { text: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isBusy, setBusy] = useState(false);
  const [isDone, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  useEffect(() => {
    if (focusError > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const submit = async (): Promise<void> => {
    if (isBusy) return;
    setBusy(true);
    setDone(false);
    try {
      await run((doc, ctx) =>
        addComment(doc, { proposalId: ideaId, text: form.values.text }, participantId, ctx),
      );
      await form.clear();
      setErrors({});
      setDone(true);
    } catch (e) {
      setErrors(fieldErrors(t, e, describeErrorToResident));
      setFocusError((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      class="kiosk-form"
      autocomplete="off"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {errors.form || errors.proposalId ? (
        <p class="alert" role="alert">
          {errors.form ?? errors.proposalId}
        </p>
      ) : null}
      <Field label={t('kiosk.comment.label')} hint={t('kiosk.comment.hint')} error={errors.text}>
        {(p) => (
          <textarea
            {...p}
            rows={4}
            autocomplete="off"
            value={form.values.text}
            onInput={(e) => {
              setDone(false);
              form.set('text', e.currentTarget.value);
              setErrors((was) => withoutError(was, 'text'));
            }}
          />
        )}
      </Field>
      <p class="kiosk-confirm" role="status">
        {isDone ? t('kiosk.comment.added') : ''}
      </p>
      {/* Not disabled while saving: the button keeps focus, a second tap is ignored. */}
      <button type="submit" class="btn btn--primary btn--large" aria-disabled={isBusy || undefined}>
        {isBusy ? t('common.saving') : t('kiosk.comment.submit')}
      </button>
    </form>
  );
}
