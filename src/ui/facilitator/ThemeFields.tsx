import { useId } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { useT } from '../i18n';
import { newId } from './formModel';
import type { SectionProps } from './formSection';
import { TextField } from './TextField';
import { ThemeIconPicker } from './ThemeIconPicker';

/** The themes ideas are grouped under (at least one), each with a picture residents can find it by. */
export function ThemeFields({ values, errors, update, focusField }: SectionProps) {
  const t = useT();
  const id = useId();
  const themes = values.themes;
  const add = (): void => {
    update({ themes: [...themes, { id: newId(), name: '' }] });
    focusField(`themes.${themes.length}.name`);
  };
  const remove = (i: number): void => {
    update({ themes: themes.filter((_, j) => j !== i) });
    focusField(`themes.${Math.max(0, i - 1)}.name`);
  };
  return (
    <fieldset
      class="fac-fieldset"
      data-field="themes"
      tabIndex={-1}
      aria-describedby={`${id}-hint ${id}-pictures${errors.themes ? ` ${id}-error` : ''}`}
    >
      <legend>{t('fac.form.themesLegend')}</legend>
      <p class="field__hint" id={`${id}-hint`}>
        {t('fac.form.themesHint')}
      </p>
      <p class="field__hint" id={`${id}-pictures`}>
        {t('fac.icons.hint')}
      </p>
      {errors.themes ? (
        <p class="field__error" id={`${id}-error`}>
          {errors.themes}
        </p>
      ) : null}
      <ol class="fac-list">
        {themes.map((th, i) => (
          <li class="fac-theme" key={th.id}>
            <div class="fac-inline-row">
              <TextField
                class="fac-inline-row__field"
                label={t('fac.form.themeN', { n: i + 1 })}
                field={`themes.${i}.name`}
                value={th.name}
                onValue={(name) => update({ themes: themes.map((x, j) => (j === i ? { ...x, name } : x)) })}
                error={errors[`themes.${i}.name`]}
                maxLength={LIMITS.nameLength}
              />
              <button
                type="button"
                class="btn btn--danger"
                aria-label={t('fac.form.removeThemeFor', { n: i + 1 })}
                onClick={() => remove(i)}
                disabled={themes.length <= 1}
              >
                {t('fac.form.remove')}
              </button>
            </div>
            <ThemeIconPicker
              n={i + 1}
              value={th.icon}
              onChange={(icon) => update({ themes: themes.map((x, j) => (j === i ? { ...x, icon } : x)) })}
            />
          </li>
        ))}
      </ol>
      <button type="button" class="btn" onClick={add} disabled={themes.length >= LIMITS.maxThemes}>
        {t('fac.form.addTheme')}
      </button>
    </fieldset>
  );
}
