import { useId } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import type { FundingStream } from '../../domain/types';
import { requirePotAmount, requireStreamAmount } from '../../domain/validateSettings';
import { moneyReading } from '../components/moneyReading';
import { useT } from '../i18n';
import { emptyStream, livePoolable, type StreamRow } from './formModel';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';

/**
 * The money map (one row per funding stream) and the pot, with the poolable total worked out as you type, and
 * under each amount how it is read ("1,00,000": £100,000), or why saving would refuse it (£0).
 * `streamsBefore`: the session's streams as stored, for the £0 rule (requireStreamAmount), as readForm has them.
 */
export function MoneyFields({
  values,
  errors,
  update,
  focusField,
  streamsBefore = [],
}: SectionProps & { streamsBefore?: readonly FundingStream[] }) {
  const t = useT();
  const id = useId();
  const streams = values.streams;
  const setRow = (i: number, patch: Partial<StreamRow>): void =>
    update({ streams: streams.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const add = (): void => {
    update({ streams: [...streams, emptyStream()] });
    focusField(`fundingStreams.${streams.length}.publicBody`);
  };
  const remove = (i: number): void => {
    update({ streams: streams.filter((_, j) => j !== i) });
    focusField(streams.length > 1 ? `fundingStreams.${Math.max(0, i - 1)}.publicBody` : 'addStream');
  };

  return (
    <fieldset
      class="fac-fieldset"
      data-field="fundingStreams"
      tabIndex={-1}
      aria-describedby={`${id}-hint${errors.fundingStreams ? ` ${id}-error` : ''}`}
    >
      <legend>{t('fac.form.moneyLegend')}</legend>
      <p class="field__hint" id={`${id}-hint`}>
        {t('fac.form.moneyHint')}
      </p>
      {errors.fundingStreams ? (
        <p class="field__error" id={`${id}-error`}>
          {errors.fundingStreams}
        </p>
      ) : null}
      {streams.map((s, i) => {
        const key = `fundingStreams.${i}`;
        return (
          <fieldset class="fac-row" key={s.id}>
            <legend>{t('fac.form.streamLegend', { n: i + 1 })}</legend>
            <div class="fac-row__fields fac-row__fields--stream">
              <TextField
                label={t('fac.form.publicBody')}
                field={`${key}.publicBody`}
                value={s.publicBody}
                onValue={(publicBody) => setRow(i, { publicBody })}
                error={errors[`${key}.publicBody`]}
                maxLength={LIMITS.nameLength}
              />
              <TextField
                label={t('fac.form.service')}
                field={`${key}.service`}
                value={s.service}
                onValue={(service) => setRow(i, { service })}
                error={errors[`${key}.service`]}
                maxLength={LIMITS.nameLength}
              />
              <TextField
                label={t('fac.form.annual')}
                hint={t('common.pence')}
                field={`${key}.annualPence`}
                inputMode="decimal"
                value={s.amount}
                onValue={(amount) => setRow(i, { amount })}
                error={errors[`${key}.annualPence`]}
                reading={moneyReading(t, s.amount, 'fac.form.moneyReadAs', (annualPence) =>
                  requireStreamAmount({ id: s.id, annualPence }, `${key}.annualPence`, streamsBefore),
                )}
              />
            </div>
            <div class="fac-row__actions">
              <label class="check">
                <input
                  type="checkbox"
                  checked={s.isPoolable}
                  onChange={(e) => setRow(i, { isPoolable: e.currentTarget.checked })}
                />
                {t('fac.form.poolable')}
              </label>
              <button
                type="button"
                class="btn btn--danger"
                aria-label={t('fac.form.removeStreamFor', { n: i + 1 })}
                onClick={() => remove(i)}
              >
                {t('fac.form.remove')}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        class="btn"
        data-field="addStream"
        onClick={add}
        disabled={streams.length >= LIMITS.maxFundingStreams}
      >
        {t('fac.form.addStream')}
      </button>
      <TextField
        class="fac-pot"
        label={t('fac.form.pot')}
        hint={t('fac.form.potHint', { poolable: t.money(livePoolable(values)) })}
        field="potPence"
        inputMode="decimal"
        value={values.pot}
        onValue={(pot) => update({ pot })}
        error={errors.potPence}
        reading={moneyReading(t, values.pot, 'fac.form.moneyReadAs', (pot) =>
          requirePotAmount(pot, 'potPence'),
        )}
      />
    </fieldset>
  );
}
