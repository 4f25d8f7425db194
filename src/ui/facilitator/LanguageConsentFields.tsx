import { useId } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { LOCALES, useT } from '../i18n';
import { REVIEW, reviewStatus } from '../i18n/review';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';
import { formWordingLanguage } from './formModel';

/** Which languages the welcome screen offers, and the consent wording residents agree to. */
export function LanguageConsentFields({ values, errors, update }: SectionProps) {
  const t = useT();
  const id = useId();
  const toggle = (code: string, isOn: boolean): void => {
    const others = values.languages.filter((c) => c !== code);
    update({ languages: isOn ? [...others, code] : others });
  };
  // The welcome screen offers the session's languages in this order: a Welsh session can put Welsh first.
  const written = formWordingLanguage(values);
  // The languages the words may be typed in: those offered, and the one they are in now if it is not.
  const typedIn = values.languages.includes(written) ? values.languages : [written, ...values.languages];
  const putFirst = (code: string): void => {
    update({ languages: [code, ...values.languages.filter((c) => c !== code)] });
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
        <ul class="fac-languages">
          {Object.values(LOCALES).map(({ code, name }) => {
            const review = reviewStatus(code);
            const isOn = values.languages.includes(code);
            return (
              <li key={code} class="fac-languages__item">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={isOn}
                    aria-describedby={review.status === REVIEW.draft ? `${id}-${code}-draft` : undefined}
                    onChange={(e) => toggle(code, e.currentTarget.checked)}
                  />
                  <span lang={code}>{name}</span>
                </label>
                {review.status === REVIEW.draft ? (
                  <p class="field__hint fac-languages__draft" id={`${id}-${code}-draft`}>
                    {t('fac.form.languageDraft')}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        {values.languages.length > 1 ? (
          <fieldset class="fac-fieldset fac-languages__first">
            <legend>{t('fac.form.languageFirstLegend')}</legend>
            {values.languages.map((code) => (
              <label class="check" key={code}>
                <input
                  type="radio"
                  name={`${id}-first`}
                  checked={values.languages[0] === code}
                  onChange={() => putFirst(code)}
                />
                <span lang={code}>{LOCALES[code]?.name ?? code}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
      </fieldset>
      <fieldset class="fac-fieldset">
        <legend>{t('fac.form.consentLegend')}</legend>
        {typedIn.length > 1 ? (
          <fieldset class="fac-fieldset fac-languages__first" data-field="wordingLanguage">
            <legend>{t('fac.form.wordingLanguageLegend')}</legend>
            <p class="field__hint">{t('fac.form.wordingLanguageHint')}</p>
            {typedIn.map((code) => (
              <label class="check" key={code}>
                <input
                  type="radio"
                  name={`${id}-written`}
                  checked={written === code}
                  onChange={() => update({ wordingLanguage: code })}
                />
                <span lang={code}>{LOCALES[code]?.name ?? code}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <TextField
          lang={written}
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
