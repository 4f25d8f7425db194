import type { ShownQuestion } from '../../domain/wording';
import { useT } from '../i18n';
import { KioskPage } from './KioskPage';
import { RadioGroup } from './RadioGroup';

interface AboutYouStepProps {
  /** In the resident's language where the session gives it (src/domain/wording.ts); answers are the values. */
  questions: readonly ShownQuestion[];
  answers: Record<string, string>;
  onAnswer: (questionId: string, option: string) => void;
  isBusy: boolean;
  errors: Record<string, string>;
  onNext: () => void;
  onSkip: () => void;
}

/** Optional questions about the resident, each a group of options; "I would rather not say" is one of them. */
export function AboutYouStep({
  questions,
  answers,
  onAnswer,
  isBusy,
  errors,
  onNext,
  onSkip,
}: AboutYouStepProps) {
  const t = useT();
  return (
    <KioskPage title={t('kiosk.about.title')}>
      <p class="kiosk-text">{t('kiosk.about.lead')}</p>
      {errors.form ? (
        <p class="alert" role="alert">
          {errors.form}
        </p>
      ) : null}
      <form
        autocomplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          onNext();
        }}
      >
        {questions.map((q) => (
          <RadioGroup
            key={q.id}
            legend={q.text.text}
            legendLang={q.text.lang}
            isReadAloud
            legendNote={<span class="field__optional"> ({t('common.optional')})</span>}
            value={answers[q.id] ?? ''}
            onChange={(option) => onAnswer(q.id, option)}
            error={errors[`answers.${q.id}`]}
            options={[
              ...q.options.map((o) => ({ value: o.value, label: o.label.text, lang: o.label.lang })),
              { value: '', label: t('kiosk.about.preferNot') },
            ]}
          />
        ))}
        <div class="btn-row">
          <button type="submit" class="btn btn--primary btn--large" disabled={isBusy}>
            {t('common.next')}
          </button>
          <button type="button" class="btn btn--large" onClick={onSkip} disabled={isBusy}>
            {t('kiosk.about.skip')}
          </button>
        </div>
      </form>
    </KioskPage>
  );
}
