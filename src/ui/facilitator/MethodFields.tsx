import { useId } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { METHOD_KINDS, type MethodKind } from '../../domain/types';
import { useT, type MessageKey } from '../i18n';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';

const HINTS: Record<MethodKind, MessageKey> = {
  dots: 'fac.form.methodDotsHint',
  budget: 'fac.form.methodBudgetHint',
  ranking: 'fac.form.methodRankingHint',
};

/** How residents set priorities, and that method's numbers. */
export function MethodFields({ values, errors, update, hasBallots }: SectionProps & { hasBallots: boolean }) {
  const t = useT();
  const id = useId();
  const kind = values.methodKind;
  const numberProps = { inputMode: 'numeric' as const, class: 'fac-number' };
  return (
    <fieldset
      class="fac-fieldset"
      data-field="method"
      tabIndex={-1}
      aria-describedby={
        [hasBallots ? `${id}-warning` : '', errors.method ? `${id}-error` : ''].filter(Boolean).join(' ') ||
        undefined
      }
    >
      <legend>{t('fac.form.methodLegend')}</legend>
      {errors.method ? (
        <p class="field__error" id={`${id}-error`}>
          {errors.method}
        </p>
      ) : null}
      {hasBallots ? (
        <p class="notice" id={`${id}-warning`}>
          {t('fac.form.methodWarning')}
        </p>
      ) : null}
      {METHOD_KINDS.map((k) => (
        <div class="fac-choice" key={k}>
          <label class="check">
            <input
              type="radio"
              name={`${id}-method`}
              value={k}
              checked={kind === k}
              onChange={() => update({ methodKind: k })}
              aria-describedby={`${id}-${k}-hint`}
            />
            {t(`method.${k}`)}
          </label>
          <p class="field__hint fac-choice__hint" id={`${id}-${k}-hint`}>
            {t(HINTS[k])}
          </p>
          {kind === k && k === 'dots' ? (
            <div class="fac-choice__more fac-grid">
              <TextField
                {...numberProps}
                label={t('fac.form.dots')}
                hint={t('fac.form.dotsHint', { max: LIMITS.maxDots })}
                field="method.dotsPerParticipant"
                value={values.dots}
                onValue={(dots) => update({ dots })}
                error={errors['method.dotsPerParticipant']}
              />
              <TextField
                {...numberProps}
                label={t('fac.form.maxPerIdea')}
                field="method.maxDotsPerProposal"
                value={values.maxPerIdea}
                onValue={(maxPerIdea) => update({ maxPerIdea })}
                error={errors['method.maxDotsPerProposal']}
              />
            </div>
          ) : null}
          {kind === k && k === 'budget' ? (
            <div class="fac-choice__more">
              <TextField
                {...numberProps}
                label={t('fac.form.minShare')}
                hint={t('fac.form.minShareRule')}
                field="method.minSharePercent"
                value={values.minShare}
                onValue={(minShare) => update({ minShare })}
                error={errors['method.minSharePercent']}
              />
            </div>
          ) : null}
          {kind === k && k === 'ranking' ? (
            <div class="fac-choice__more">
              <TextField
                {...numberProps}
                label={t('fac.form.maxRanked')}
                hint={t('fac.form.maxRankedHint', { max: LIMITS.maxRanked })}
                field="method.maxRanked"
                value={values.maxRanked}
                onValue={(maxRanked) => update({ maxRanked })}
                error={errors['method.maxRanked']}
              />
            </div>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
