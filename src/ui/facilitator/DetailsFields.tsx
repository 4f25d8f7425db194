import { LIMITS } from '../../domain/limits';
import { useT } from '../i18n';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';

/**
 * Title, neighbourhood, date and venue. Once the session is with the council (`isWithCouncil`), the neighbourhood
 * decides which facilitators may open it, so the council server refuses a change of it from a facilitator's
 * tablet (src/server/neighbourhoodRule.ts): the field is shown read-only, saying so, instead of letting a change
 * be saved that could never sync.
 */
export function DetailsFields({
  values,
  errors,
  update,
  isWithCouncil = false,
}: SectionProps & { isWithCouncil?: boolean }) {
  const t = useT();
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
