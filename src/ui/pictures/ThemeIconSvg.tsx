import { THEME_ICON_PATHS } from './themeIconPaths';

/**
 * A theme's picture, or nothing: for no picture, and for an id this version cannot draw (a newer app's, or
 * anything a file brought). Always decorative: the theme's name is beside it as text.
 */
export function ThemeIconSvg({ icon }: { icon: unknown }) {
  // Own keys only: an id such as "constructor" must not find something on the object's prototype.
  if (typeof icon !== 'string' || !Object.hasOwn(THEME_ICON_PATHS, icon)) return null;
  const d = THEME_ICON_PATHS[icon as keyof typeof THEME_ICON_PATHS];
  return (
    <svg class="theme-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-icon={icon}>
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
