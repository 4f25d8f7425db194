import { useId } from 'preact/hooks';
import { COUNCIL_KEY_LENGTH } from '../../domain/answersCrypto';
import { LIMITS } from '../../domain/limits';
import { useT } from '../i18n';
import { emptyQuestion, type QuestionRow } from './formModel';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';

/** Optional questions about residents (equality monitoring): question text and its answers, one per line. */
export function AboutYouFields({ values, errors, update, focusField }: SectionProps) {
  const t = useT();
  const id = useId();
  const questions = values.questions;
  const setRow = (i: number, patch: Partial<QuestionRow>): void =>
    update({ questions: questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
  const add = (): void => {
    update({ questions: [...questions, emptyQuestion()] });
    focusField(`aboutYou.${questions.length}.text`);
  };
  const remove = (i: number): void => {
    update({ questions: questions.filter((_, j) => j !== i) });
    focusField(questions.length > 1 ? `aboutYou.${Math.max(0, i - 1)}.text` : 'addQuestion');
  };
  return (
    <fieldset
      class="fac-fieldset"
      data-field="aboutYou"
      tabIndex={-1}
      aria-describedby={`${id}-hint${errors.aboutYou ? ` ${id}-error` : ''}`}
    >
      <legend>
        {t('fac.form.aboutYouLegend')} <span class="field__optional">({t('common.optional')})</span>
      </legend>
      <p class="field__hint" id={`${id}-hint`}>
        {t('fac.form.aboutYouHint')}
      </p>
      {errors.aboutYou ? (
        <p class="field__error" id={`${id}-error`}>
          {errors.aboutYou}
        </p>
      ) : null}
      {questions.map((q, i) => {
        const key = `aboutYou.${i}`;
        return (
          <fieldset class="fac-row" key={q.id}>
            <legend>{t('fac.form.questionLegend', { n: i + 1 })}</legend>
            <TextField
              label={t('fac.form.questionText')}
              field={`${key}.text`}
              value={q.text}
              onValue={(text) => setRow(i, { text })}
              error={errors[`${key}.text`]}
              maxLength={LIMITS.questionLength}
            />
            <TextField
              label={t('fac.form.questionOptions')}
              hint={t('fac.form.questionOptionsHint')}
              field={`${key}.options`}
              rows={5}
              value={q.options}
              onValue={(options) => setRow(i, { options })}
              error={errors[`${key}.options`]}
            />
            <button
              type="button"
              class="btn btn--danger"
              aria-label={t('fac.form.removeQuestionFor', { n: i + 1 })}
              onClick={() => remove(i)}
            >
              {t('fac.form.remove')}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        class="btn"
        data-field="addQuestion"
        onClick={add}
        disabled={questions.length >= LIMITS.maxQuestions}
      >
        {t('fac.form.addQuestion')}
      </button>
    </fieldset>
  );
}

/**
 * The council's key that residents' answers are sealed to, after the questions and their wording in other
 * languages. Once the session is with the council and has a council key (`isKeyFixed`), the council server refuses
 * a facilitator's change of the key (src/server/neighbourhoodRule.ts), so the field is read-only, saying so.
 */
export function CouncilKeyField({
  values,
  errors,
  update,
  isKeyFixed = false,
}: Omit<SectionProps, 'focusField'> & { isKeyFixed?: boolean }) {
  const t = useT();
  return (
    <div class="fac-fieldset">
      <TextField
        label={t('fac.form.councilKey')}
        hint={isKeyFixed ? t('fac.form.councilKeyWithCouncil') : t('fac.form.councilKeyHint')}
        readOnly={isKeyFixed}
        field="councilKey"
        rows={3}
        isOptional
        value={values.councilKey ?? ''}
        onValue={(councilKey) => update({ councilKey })}
        error={errors.councilKey}
        maxLength={COUNCIL_KEY_LENGTH}
      />
      <p class="field__hint" data-council-key={values.councilKey?.trim() ? 'set' : 'none'}>
        {values.councilKey?.trim() ? t('fac.form.councilKeySet') : t('fac.form.councilKeyNone')}
      </p>
    </div>
  );
}
