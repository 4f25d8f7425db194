import { LIMITS } from '../../domain/limits';
import { sessionDate } from '../format/dates';
import { useT } from '../i18n';
import { isPastDate } from './formModel';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';

/**
 * Title, neighbourhood, date and venue. Once the session is with the council (`isWithCouncil`), the neighbourhood
 * decides which facilitators may open it, so the council server refuses a change of it from a facilitator's
 * tablet (src/server/neighbourhoodRule.ts): the field is shown read-only, saying so, instead of letting a change
 * be saved that could never sync. A date that has passed is pointed out under the field, not refused.
 */
export function DetailsFields({
  values,
  errors,
  update,
  isWithCouncil = false,
  originalDate = '',
}: SectionProps & { isWithCouncil?: boolean; originalDate?: string }) {
  const t = useT();
  // A date before today is usually a mistyped year. Said, not refused: a workshop held on paper may be recorded
  // afterwards. A session's own date, kept when its settings are edited after the day, is not questioned.
  const hasPassed = values.date !== originalDate && isPastDate(values.date, new Date());
  return (
    <fieldset class="fac-fieldset">
      <legend>{t('fac.form.detailsLegend')}</legend>
      <TextField
        label={t('fac.form.title')}
        hint={t('fac.form.titleHint')}
        field="title"
        value={values.title}
        onValue={(title) => update({ title })}
        error={errors.title}
        maxLength={LIMITS.sessionTitleLength}
      />
      <div class="fac-grid">
        <TextField
          label={t('fac.form.neighbourhood')}
          hint={isWithCouncil ? t('fac.form.neighbourhoodWithCouncil') : undefined}
          readOnly={isWithCouncil}
          field="neighbourhood"
          value={values.neighbourhood}
          onValue={(neighbourhood) => update({ neighbourhood })}
          error={errors.neighbourhood}
          maxLength={LIMITS.nameLength}
        />
        <TextField
          label={t('fac.form.date')}
          hint={hasPassed ? t('fac.form.datePassed', { date: sessionDate(t, values.date) }) : undefined}
          field="date"
          type="date"
          value={values.date}
          onValue={(date) => update({ date })}
          error={errors.date}
        />
      </div>
      <TextField
        label={t('fac.form.venue')}
        hint={t('fac.form.venueHint')}
        field="venue"
        value={values.venue}
        onValue={(venue) => update({ venue })}
        error={errors.venue}
        maxLength={LIMITS.nameLength}
      />
    </fieldset>
  );
}
