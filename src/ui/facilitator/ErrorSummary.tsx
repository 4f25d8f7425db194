import { useEffect, useRef } from 'preact/hooks';
import { useT, type MessageKey, type Translator } from '../i18n';
import { inLanguage as languageIn } from '../i18n/languageName';
import type { FieldErrors } from './formModel';

const LABELS: Record<string, MessageKey> = {
  title: 'fac.form.title',
  neighbourhood: 'fac.form.neighbourhood',
  date: 'fac.form.date',
  venue: 'fac.form.venue',
  fundingStreams: 'fac.form.moneyLegend',
  potPence: 'fac.form.pot',
  themes: 'fac.form.themesLegend',
  method: 'fac.form.methodLegend',
  'method.dotsPerParticipant': 'fac.form.dots',
  'method.maxDotsPerProposal': 'fac.form.maxPerIdea',
  'method.minSharePercent': 'fac.form.minShare',
  'method.maxRanked': 'fac.form.maxRanked',
  languages: 'fac.form.languagesLegend',
  consentText: 'fac.form.consent',
  aboutYou: 'fac.form.aboutYouLegend',
  councilKey: 'fac.form.councilKey',
  wordingLanguage: 'fac.form.wordingLanguageLegend',
  pin: 'fac.form.pin',
  pinConfirm: 'fac.form.pinConfirm',
};

const ROW_FIELDS: Record<string, MessageKey> = {
  publicBody: 'fac.form.publicBody',
  service: 'fac.form.service',
  annualPence: 'fac.form.annual',
  text: 'fac.form.questionText',
  options: 'fac.form.questionOptions',
};

/** The name of the field an error belongs to, as the form labels it; `questionIds` numbers the questions. */
export function fieldLabel(t: Translator, field: string, questionIds: readonly string[] = []): string {
  const named = LABELS[field];
  if (named) return t(named);
  const w = /^translations\.(\w+)\.(consentText|aboutYou\.(.+)\.(text|options\.(\d+)))$/.exec(field);
  if (w) {
    const inLanguage = languageIn(t, w[1]!);
    if (w[2] === 'consentText') return t('fac.form.wordingConsent', { inLanguage });
    return t('fac.form.inRow', {
      field: w[5] === undefined ? t('fac.form.questionText') : t('fac.form.answerN', { n: Number(w[5]) + 1 }),
      row: t('fac.form.wordingQuestionLegend', { n: questionIds.indexOf(w[3]!) + 1, inLanguage }),
    });
  }
  let m = /^fundingStreams\.(\d+)\.(\w+)$/.exec(field);
  if (m && ROW_FIELDS[m[2]!]) {
    return t('fac.form.inRow', {
      field: t(ROW_FIELDS[m[2]!]!),
      row: t('fac.form.streamLegend', { n: Number(m[1]) + 1 }),
    });
  }
  m = /^themes\.(\d+)\.name$/.exec(field);
  if (m) return t('fac.form.themeN', { n: Number(m[1]) + 1 });
  m = /^aboutYou\.(\d+)\.(\w+)$/.exec(field);
  if (m && ROW_FIELDS[m[2]!]) {
    return t('fac.form.inRow', {
      field: t(ROW_FIELDS[m[2]!]!),
      row: t('fac.form.questionLegend', { n: Number(m[1]) + 1 }),
    });
  }
  return t('fac.form.otherProblem');
}

/** Shown at the top after a failed save: every problem, each a button that moves to its field. */
export function ErrorSummary({
  errors,
  attempt,
  questionIds,
}: {
  errors: FieldErrors;
  attempt: number;
  questionIds?: readonly string[];
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [attempt]);
  const entries = Object.entries(errors);
  const goTo = (field: string): void => {
    document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
  };
  return (
    <div class="alert fac-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="fac-summary-heading">
      <h2 id="fac-summary-heading">{t('fac.form.errorHeading')}</h2>
      <p>{t('common.fixErrors')}</p>
      <ul class="fac-summary__list">
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === 'form' ? (
              message
            ) : (
              <button type="button" class="fac-link-button" onClick={() => goTo(field)}>
                {t('fac.form.errorItem', { label: fieldLabel(t, field, questionIds), message })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
