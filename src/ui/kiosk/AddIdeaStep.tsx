import { useEffect, useRef, useState } from 'preact/hooks';
import { addProposal } from '../../doc/commands';
import { isValidationError } from '../../domain/errors';
import { LIMITS } from '../../domain/limits';
import { parsePounds } from '../../domain/money';
import type { Theme } from '../../domain/types';
import { requireText } from '../../domain/validate';
import { Field } from '../components/Field';
import { moneyReading } from '../components/moneyReading';
import { describeError, describeErrorToResident, fieldErrors, withoutError } from '../errors';
import { useT, type Translator } from '../i18n';
import type { SessionHandle } from '../useSession';
import { KioskPage } from './KioskPage';
import { RadioGroup } from './RadioGroup';
import { useTypedLang } from './typedWords';
import type { TurnDrafts } from './turnDrafts';
import { useDraftForm } from './useDraftForm';

interface AddIdeaStepProps {
  themes: readonly Theme[];
  participantId: string;
  drafts: TurnDrafts;
  run: SessionHandle['run'];
  onAdded: (ideaId: string) => void;
  onBack: () => void;
}

type IdeaValues = { title: string; description: string; themeId: string; cost: string; where: string };

/** Every problem with the form at once (the command checks again, one at a time). */
function checkAll(t: Translator, v: IdeaValues, themes: readonly Theme[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const check = (fn: () => unknown): void => {
    try {
      fn();
    } catch (e) {
      if (!isValidationError(e)) throw e;
      errors[e.field] ??= describeError(t, e);
    }
  };
  check(() => requireText(v.title, 'title', LIMITS.titleLength));
  check(() => requireText(v.description, 'description', LIMITS.descriptionLength, false));
  if (!themes.some((th) => th.id === v.themeId)) errors.themeId = t('error.unknownTheme');
  check(() => parsePounds(v.cost, 'costPence'));
  check(() => requireText(v.where, 'where', LIMITS.whereLength, false));
  return errors;
}

/**
 * A new idea: title, more detail, theme, rough cost in pounds (with how the tablet reads it as it is typed) and
 * where. Kept as a draft while typed.
 */
export function AddIdeaStep({ themes, participantId, drafts, run, onAdded, onBack }: AddIdeaStepProps) {
  const t = useT();
  const typedLang = useTypedLang();
  const form = useDraftForm<IdeaValues>(drafts, 'addIdea', {
    title: '',
    description: '',
    themeId: themes.length === 1 ? themes[0]!.id : '',
    cost: '',
    where: '',
  });
  const v = form.values;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isBusy, setBusy] = useState(false);
  const [focusError, setFocusError] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusError > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  // What is typed now is not what saving refused: the edited field's error stands down, the others stay.
  const edit = (name: keyof IdeaValues, value: string): void => {
    form.set(name, value);
    setErrors((was) => withoutError(was, name === 'cost' ? 'costPence' : name));
  };

  const fail = (found: Record<string, string>): void => {
    setErrors(found);
    setFocusError((n) => n + 1);
  };

  const submit = async (): Promise<void> => {
    if (isBusy) return;
    const found = checkAll(t, v, themes);
    if (Object.keys(found).length > 0) return fail(found);
    setBusy(true);
    try {
      const input = {
        title: v.title,
        description: v.description,
        themeId: v.themeId,
        costPence: parsePounds(v.cost, 'costPence'),
        where: v.where,
      };
      const id = await run((doc, ctx) => addProposal(doc, input, participantId, ctx));
      await form.clear();
      onAdded(id);
    } catch (e) {
      setBusy(false);
      fail(fieldErrors(t, e, describeErrorToResident));
    }
  };

  const textField = (name: 'title' | 'where' | 'cost', label: string, hint: string, isOptional = false) => (
    <Field
      label={label}
      hint={hint}
      error={errors[name === 'cost' ? 'costPence' : name]}
      isOptional={isOptional}
      limit={name === 'title' ? { value: v.title, max: LIMITS.titleLength } : undefined}
      reading={name === 'cost' ? moneyReading(t, v.cost, 'kiosk.addIdea.costReadAs') : undefined}
    >
      {(p) => (
        <input
          {...p}
          type="text"
          inputMode={name === 'cost' ? 'decimal' : undefined}
          // Said to screen readers; the form is noValidate, so the browser shows no bubble of its own.
          required={!isOptional}
          autocomplete="off"
          value={v[name]}
          onInput={(e) => edit(name, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <KioskPage title={t('kiosk.addIdea.title')} back={{ label: t('kiosk.back.hub'), onClick: onBack }}>
      <p class="kiosk-text">{t('kiosk.addIdea.lead')}</p>
      {hasErrors ? (
        <p class="alert" role="alert">
          {errors.form ?? t('common.fixErrors')}
        </p>
      ) : null}
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
        {textField('title', t('kiosk.addIdea.titleLabel'), t('kiosk.addIdea.titleHint'))}
        <Field
          label={t('kiosk.addIdea.descriptionLabel')}
          hint={t('kiosk.addIdea.descriptionHint')}
          error={errors.description}
          isOptional
        >
          {(p) => (
            <textarea
              {...p}
              rows={5}
              autocomplete="off"
              value={v.description}
              onInput={(e) => edit('description', e.currentTarget.value)}
            />
          )}
        </Field>
        <RadioGroup
          legend={t('kiosk.addIdea.themeLabel')}
          value={v.themeId}
          onChange={(id) => edit('themeId', id)}
          error={errors.themeId}
          isRequired
          options={themes.map((th) => ({ value: th.id, label: th.name, icon: th.icon, lang: typedLang }))}
        />
        {textField('cost', t('kiosk.addIdea.costLabel'), t('kiosk.addIdea.costHint'))}
        {textField('where', t('kiosk.addIdea.whereLabel'), t('kiosk.addIdea.whereHint'), true)}
        <button type="submit" class="btn btn--primary btn--large" aria-disabled={isBusy || undefined}>
          {isBusy ? t('common.saving') : t('kiosk.addIdea.submit')}
        </button>
      </form>
    </KioskPage>
  );
}
