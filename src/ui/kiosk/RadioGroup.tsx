import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { ThemeIcon } from '../pictures/lazy';

export interface RadioOption {
  value: string;
  label: string;
  /** A theme's picture shown before the label (decorative: the label says it). */
  icon?: string | undefined;
  /** The label's language, when it is not the page's (a session's option shown as typed). */
  lang?: string | undefined;
}

interface RadioGroupProps {
  legend: string;
  options: readonly RadioOption[];
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  /** Shown after the legend, e.g. "(optional)". */
  legendNote?: ComponentChildren;
  /** The legend's language, when it is not the page's. */
  legendLang?: string | undefined;
  /** An answer is needed (said to screen readers; forms here are noValidate, so no browser bubble shows). */
  isRequired?: boolean;
  /** Whether Read aloud reads the question and its options (the session's own questions, about you). */
  isReadAloud?: boolean;
}

/** A question with one answer: a fieldset whose legend is the question, with big tappable options. */
export function RadioGroup({
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  legendNote,
  legendLang,
  isRequired = false,
  isReadAloud = false,
}: RadioGroupProps) {
  const read = isReadAloud ? { 'data-read-aloud': '' } : {};
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class={`kiosk-radios${error ? ' kiosk-radios--error' : ''}`}>
      <legend>
        {/* Isolated, like the options: a question typed in English keeps its "?" at its end in Urdu or Arabic. */}
        <bdi lang={legendLang} {...read}>
          {legend}
        </bdi>
        {legendNote}
      </legend>
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
      <div class="kiosk-radios__options">
        {options.map((option) => (
          <label key={option.value} class="check kiosk-choice">
            <input
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              required={isRequired}
              onChange={() => onChange(option.value)}
              aria-describedby={described || undefined}
              aria-invalid={error ? true : undefined}
              autocomplete="off"
            />
            {option.icon ? <ThemeIcon icon={option.icon} /> : null}
            <bdi lang={option.lang} {...read}>
              {option.label}
            </bdi>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
