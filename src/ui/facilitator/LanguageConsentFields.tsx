import { useId } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { LOCALES, useT, type MessageKey } from '../i18n';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';

/** Which languages the welcome screen offers, and the consent wording residents agree to. */
export function LanguageConsentFields({ values, errors, update }: SectionProps) {
  const t = useT();
  const id = useId();
  const toggle = (code: string, isOn: boolean): void => {
    const others = values.languages.filter((c) => c !== code);
    update({ languages: isOn ? [...others, code] : others });
  };
  return (
    <>
      <fieldset
        class="fac-fieldset"
        data-field="languages"
        tabIndex={-1}
        aria-describedby={`${id}-hint${errors.languages ? ` ${id}-error` : ''}`}
      >
        <legend>{t('fac.form.languagesLegend')}</legend>
        <p class="field__hint" id={`${id}-hint`}>
          {t('fac.form.languagesHint')}
        </p>
        {errors.languages ? (
          <p class="field__error" id={`${id}-error`}>
            {errors.languages}
          </p>
        ) : null}
        {Object.keys(LOCALES).map((code) => (
          <label class="check" key={code}>
            <input
              type="checkbox"
              checked={values.languages.includes(code)}
              onChange={(e) => toggle(code, e.currentTarget.checked)}
            />
            <span lang={code}>{t(`language.${code}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="fac-fieldset">
        <legend>{t('fac.form.consentLegend')}</legend>
        <TextField
          label={t('fac.form.consent')}
          hint={t('fac.form.consentHint')}
          field="consentText"
          rows={7}
          value={values.consentText}
          onValue={(consentText) => update({ consentText })}
          error={errors.consentText}
          maxLength={LIMITS.consentLength}
        />
      </fieldset>
    </>
  );
}
