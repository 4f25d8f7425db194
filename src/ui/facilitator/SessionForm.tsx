import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FundingStream } from '../../domain/types';
import { useInWords } from '../errors';
import { useT } from '../i18n';
import { AboutYouFields, CouncilKeyField } from './AboutYouFields';
import { DetailsFields } from './DetailsFields';
import { errorsAfterEdit, type FormState } from './editedErrors';
import { ErrorSummary } from './ErrorSummary';
import {
  errorsFrom,
  readForm,
  type FieldErrors,
  type FormSettings,
  type FormValues,
  type PinValues,
} from './formModel';
import { LanguageConsentFields } from './LanguageConsentFields';
import { MethodFields } from './MethodFields';
import { MoneyFields } from './MoneyFields';
import { PinFields } from './PinFields';
import { ThemeFields } from './ThemeFields';
import { WordingFields } from './WordingFields';
import type { FormDraft } from './useFormDraft';
import './facilitator.css';

interface SessionFormProps<R> {
  heading: string;
  lead: string;
  /** The values before any typing: a new session's defaults or the session's current settings. */
  original: FormValues;
  draft: FormDraft;
  isCreating: boolean;
  hasBallots: boolean;
  isReadOnly: boolean;
  /** The session has synced with the council: its neighbourhood is then the council's to change. */
  isWithCouncil?: boolean;
  /** The session's funding streams as stored (none for a new session): one of £0 there may stay £0. */
  streamsBefore?: readonly FundingStream[];
  submitLabel: string;
  busyLabel: string;
  backHref: string;
  backLabel: string;
  /** Stores the settings; throws (a ValidationError or a storage error) without losing anything typed. */
  onSubmit: (settings: FormSettings, pin: string | null) => Promise<R>;
  /** Runs after the draft is gone, e.g. to leave the screen. */
  onSaved?: (result: R) => void;
  children?: ComponentChildren;
}

/** The session form: every part of a session's settings, all problems shown at once, nothing typed ever lost. */
export function SessionForm<R>(props: SessionFormProps<R>) {
  const { draft, isCreating } = props;
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const [values, setValues] = useState<FormValues>(() => draft.restored ?? props.original);
  const [wasRestored, setWasRestored] = useState(draft.restored != null);
  const [pin, setPin] = useState<PinValues>({ isChanging: isCreating, pin: '', confirm: '' });
  // Put into words as the form renders, so problems on screen follow the staff language switch.
  const [errorsInWords, setErrors] = useInWords<FieldErrors>();
  const errors = useMemo(() => errorsInWords?.(t) ?? {}, [errorsInWords, t]);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setBusy] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const isDirty = useRef(false);

  useEffect(() => {
    if (isDirty.current) draft.save(values);
  }, [values, draft.save]);

  // The button is disabled while a save runs, which drops focus on the page itself. Once it is over, focus comes
  // back to the button, beside the status saying how it went, unless something took it (the error summary does).
  const wasBusy = useRef(false);
  useEffect(() => {
    if (isBusy) {
      wasBusy.current = true;
      return;
    }
    if (!wasBusy.current) return;
    wasBusy.current = false;
    if (!document.activeElement || document.activeElement === document.body) submitButton.current?.focus();
  }, [isBusy]);

  useEffect(() => {
    if (focusTarget === null) return;
    document.querySelector<HTMLElement>(`[data-field="${CSS.escape(focusTarget)}"]`)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  // An edited field's error from the last save stands down; the others stay until edited or saved again.
  const standDown = (after: FormState): void => {
    const before: FormState = { values, pin };
    if (!errorsInWords || errorsAfterEdit(errors, before, after) === errors) return;
    const was = errorsInWords;
    setErrors((t) => errorsAfterEdit(was(t), before, after));
  };

  const update = (patch: Partial<FormValues>): void => {
    isDirty.current = true;
    standDown({ values: { ...values, ...patch }, pin });
    setValues((v) => ({ ...v, ...patch }));
  };

  const changePin = (next: PinValues): void => {
    standDown({ values, pin: next });
    setPin(next);
  };

  const discardDraft = async (): Promise<void> => {
    isDirty.current = false;
    await draft.discard();
    setValues(props.original);
    setWasRestored(false);
    setErrors(null);
    heading.current?.focus();
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (isBusy) return;
    const read = readForm(t, values, pin, props.streamsBefore);
    if (!read.settings) {
      // The problems of the form as sent (this render's values), read again in the screen's language: readForm is pure.
      setErrors((t) => readForm(t, values, pin, props.streamsBefore).errors);
      setAttempt((a) => a + 1);
      return;
    }
    setBusy(true);
    setErrors(null);
    let result: R;
    try {
      result = await props.onSubmit(read.settings, pin.isChanging ? pin.pin : null);
    } catch (err) {
      setErrors((t) => errorsFrom(t, err));
      setAttempt((a) => a + 1);
      setBusy(false);
      return;
    }
    isDirty.current = false;
    await draft.discard();
    setBusy(false);
    setWasRestored(false);
    if (!isCreating) setPin({ isChanging: false, pin: '', confirm: '' });
    props.onSaved?.(result);
  };

  const section = { values, errors, update, focusField: setFocusTarget };
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <main class="page fac-form-page" id="main" tabIndex={-1}>
      <header class="page__header">
        <h1 ref={heading} tabIndex={-1}>
          {props.heading}
        </h1>
        <p class="lead">{props.lead}</p>
      </header>
      {props.isReadOnly ? <p class="notice">{t('session.readOnly')}</p> : null}
      {wasRestored ? (
        <div class="notice fac-draft">
          <p>{t('fac.form.draftRestored')}</p>
          <button type="button" class="btn" onClick={() => void discardDraft()}>
            {t('fac.form.draftDiscard')}
          </button>
        </div>
      ) : null}
      {hasErrors ? (
        <ErrorSummary errors={errors} attempt={attempt} questionIds={values.questions.map((q) => q.id)} />
      ) : null}
      <form class="fac-form" onSubmit={(e) => void submit(e)} noValidate>
        <DetailsFields
          {...section}
          isWithCouncil={props.isWithCouncil}
          originalDate={isCreating ? '' : props.original.date}
        />
        <MoneyFields {...section} streamsBefore={props.streamsBefore} />
        <ThemeFields {...section} />
        <MethodFields {...section} hasBallots={props.hasBallots} />
        <LanguageConsentFields {...section} />
        <AboutYouFields {...section} />
        <WordingFields {...section} />
        <CouncilKeyField
          {...section}
          isKeyFixed={Boolean(props.isWithCouncil && props.original.councilKey?.trim())}
        />
        <PinFields pin={pin} setPin={changePin} errors={errors} isRequired={isCreating} />
        <div class="btn-row fac-form__submit">
          <button
            ref={submitButton}
            type="submit"
            class="btn btn--primary btn--large"
            disabled={isBusy || props.isReadOnly}
          >
            {isBusy ? props.busyLabel : props.submitLabel}
          </button>
          <a class="btn" href={props.backHref}>
            {props.backLabel}
          </a>
        </div>
        {props.children}
      </form>
    </main>
  );
}
