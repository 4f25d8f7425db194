import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useT } from '../i18n';
import { CharactersLeft } from './CharactersLeft';
import { LIMIT_BANDS, limitBand } from './textLimit';

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  isOptional?: boolean;
  /** Shows "N characters left" under the control while typing (the value and the limit the checks apply). */
  limit?: { value: string; max: number; isQuiet?: boolean };
  children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ComponentChildren;
}

/**
 * A labelled form control with its hint and its error, wired for screen readers. Once saving has refused a text
 * as too long, the error says so and the count under the field stands down while the text is still over: one
 * message, not the same problem said twice. The count is back as soon as the text fits.
 */
export function Field({ label, hint, error, isOptional, limit, children }: FieldProps) {
  const t = useT();
  const id = useId();
  const count = limit && !(error && limitBand(limit.value, limit.max) === LIMIT_BANDS.over) ? limit : null;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', count ? `${id}-count` : '']
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
      {count ? <CharactersLeft id={`${id}-count`} {...count} /> : null}
    </div>
  );
}
