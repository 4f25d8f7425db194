import { useId } from 'preact/hooks';
import { isThemeIcon, THEME_ICONS } from '../../domain/themeIcons';
import { addMessages, useT, type MessageKey } from '../i18n';
import { picturesStaff } from '../i18n/en/picturesStaff';
import { ThemeIcon } from '../pictures/lazy';

addMessages('en', picturesStaff);

interface ThemeIconPickerProps {
  /** The theme's place in the list, from 1 (the theme's name field is "Theme n"). */
  n: number;
  value: string | undefined;
  onChange: (icon: string | undefined) => void;
}

/**
 * One theme's picture: a radio group of the pictures, each with its name in words, and "No picture". Arrow keys
 * move between them as in any radio group. A picture from a newer app that this one cannot draw leaves none
 * ticked, and is kept unless the facilitator picks another.
 */
export function ThemeIconPicker({ n, value, onChange }: ThemeIconPickerProps) {
  const t = useT();
  const name = useId();
  const options: { value: string; label: string }[] = [
    { value: '', label: t('fac.icons.none') },
    ...THEME_ICONS.map((icon) => ({ value: icon, label: t(`fac.icon.${icon}` satisfies MessageKey) })),
  ];
  const current = value === undefined ? '' : isThemeIcon(value) ? value : null;
  return (
    <fieldset class="icon-picker">
      <legend>{t('fac.icons.legend', { n })}</legend>
      <div class="icon-picker__options">
        {options.map((o) => (
          <label key={o.value} class="icon-picker__option">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={current === o.value}
              onChange={() => onChange(o.value === '' ? undefined : o.value)}
            />
            {o.value ? <ThemeIcon icon={o.value} /> : <span class="icon-picker__blank" aria-hidden="true" />}
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
