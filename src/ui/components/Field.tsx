import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useT } from '../i18n';
import { CharactersLeft } from './CharactersLeft';
import { LIMIT_BANDS, limitBand } from './textLimit';

/** A line under a control saying how what is typed is read (money: "Read as £100,000"), or why it cannot be. */
export interface FieldReading {
  text: string;
  isProblem: boolean;
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  isOptional?: boolean;
  /** Shows "N characters left" under the control while typing (the value and the limit the checks apply). */
  limit?: { value: string; max: number; isQuiet?: boolean };
  /**
   * How the app reads the text as it is typed, under the control. It is part of the control's description (said
   * when the control is focused), never a live region: one that spoke at every key would talk over the typing.
   */
  reading?: FieldReading;
  children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ComponentChildren;
}

/**
 * A labelled form control with its hint and its error, wired for screen readers. Once saving has refused a text
 * as too long, the error says so and the count under the field stands down while the text is still over: one
 * message, not the same problem said twice. The count is back as soon as the text fits. So does a reading that
 * is a problem while the field shows an error from saving.
 */
export function Field({ label, hint, error, isOptional, limit, reading, children }: FieldProps) {
  const t = useT();
  const id = useId();
  const count = limit && !(error && limitBand(limit.value, limit.max) === LIMIT_BANDS.over) ? limit : null;
  const read = reading && !(error && reading.isProblem) ? reading : null;
  const described = [
    hint ? `${id}-hint` : '',
    error ? `${id}-error` : '',
    read ? `${id}-reading` : '',
    count ? `${id}-count` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>
        {label}
        {isOptional ? <span class="field__optional"> ({t('common.optional')})</span> : null}
      </label>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {read ? (
        <p id={`${id}-reading`} class={`field__reading${read.isProblem ? ' field__reading--problem' : ''}`}>
          {read.text}
        </p>
      ) : null}
      {count ? <CharactersLeft id={`${id}-count`} {...count} /> : null}
    </div>
  );
}
