import { LIMITS } from '../../domain/limits';
import { useT } from '../i18n';
import { inLanguage as languageIn, languageName } from '../i18n/languageName';
import { formWordingLanguage, labelFor, optionLines, type QuestionRows, type WordingRows } from './formModel';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';

const EMPTY: WordingRows = { consentText: '', questions: {} };

/**
 * The consent wording and the questions about residents in each of the session's other languages, so a resident
 * who chooses Cymraeg agrees to words in Cymraeg. Everything is optional: what is left empty is shown as typed.
 */
export function WordingFields({ values, errors, update }: SectionProps) {
  const t = useT();
  const written = formWordingLanguage(values);
  const others = values.languages.filter((code) => code !== written);
  if (others.length === 0) return null;
  const inWritten = languageIn(t, written);
  const setWording = (code: string, patch: Partial<WordingRows>): void => {
    const was = values.translations?.[code] ?? EMPTY;
    update({ translations: { ...values.translations, [code]: { ...was, ...patch } } });
  };
  return (
    <>
      {others.map((code) => {
        const language = languageName(t, code);
        const inLanguage = languageIn(t, code);
        const rows = values.translations?.[code] ?? EMPTY;
        const at = `translations.${code}`;
        return (
          <fieldset class="fac-fieldset" key={code} data-wording={code}>
            <legend>
              {t('fac.form.wordingLegend', { inLanguage })}{' '}
              <span class="field__optional">({t('common.optional')})</span>
            </legend>
            <p class="field__hint">{t('fac.form.wordingHint', { language, inWritten })}</p>
            <TextField
              label={t('fac.form.wordingConsent', { inLanguage })}
              field={`${at}.consentText`}
              lang={code}
              rows={6}
              value={rows.consentText}
              onValue={(consentText) => setWording(code, { consentText })}
              error={errors[`${at}.consentText`]}
              maxLength={LIMITS.consentLength}
            />
            {values.questions.map((q, i) => {
              const typed: QuestionRows = Object.hasOwn(rows.questions, q.id)
                ? rows.questions[q.id]!
                : { text: '', labels: {} };
              const setQuestion = (patch: Partial<QuestionRows>): void =>
                setWording(code, { questions: { ...rows.questions, [q.id]: { ...typed, ...patch } } });
              const field = `${at}.aboutYou.${q.id}`;
              return (
                <fieldset class="fac-row" key={q.id}>
                  <legend>{t('fac.form.wordingQuestionLegend', { n: i + 1, inLanguage })}</legend>
                  <TextField
                    label={t('fac.form.questionText')}
                    hint={t('fac.form.wordingAsTyped', { text: q.text.trim() })}
                    field={`${field}.text`}
                    lang={code}
                    value={typed.text}
                    onValue={(text) => setQuestion({ text })}
                    error={errors[`${field}.text`]}
                    maxLength={LIMITS.questionLength}
                  />
                  {optionLines(q.options).map((option, j) => (
                    <TextField
                      key={option}
                      label={t('fac.form.wordingOption', { option })}
                      field={`${field}.options.${j}`}
                      lang={code}
                      value={labelFor(typed, option)}
                      onValue={(label) => setQuestion({ labels: { ...typed.labels, [option]: label } })}
                      error={errors[`${field}.options.${j}`]}
                      maxLength={LIMITS.optionLength}
                    />
                  ))}
                </fieldset>
              );
            })}
          </fieldset>
        );
      })}
    </>
  );
}
