/**
 * The pictures a facilitator can give a theme, so residents who read little can find ideas by looking. A theme
 * stores the picture's id (`Theme.icon`); the drawings live with the UI (src/ui/pictures/themeIconPaths.ts).
 *
 * Ids are stored in session documents and files, so they never change meaning once shipped. A newer app may add
 * ids this one does not know: such an id is kept as it is (a facilitator editing the session here does not wipe
 * the choice made on a newer tablet) and simply not drawn. Anything that is not an id at all is dropped, never
 * an error: a picture must not stop a session from opening or being saved.
 */

/** Every picture this version can draw, in the order the facilitator is offered them. */
export const THEME_ICONS = [
  'green',
  'play',
  'streets',
  'safety',
  'youth',
  'older',
  'community',
  'culture',
  'health',
  'environment',
  'transport',
  'shops',
] as const;
export type ThemeIconId = (typeof THEME_ICONS)[number];

/** Longest icon id kept from a document or file (ids are short words; anything longer is not one). */
export const ICON_ID_LENGTH = 32;

const ICON_ID = /^[a-z][a-z0-9-]*$/;

/** True for an id this version can draw. */
export function isThemeIcon(value: unknown): value is ThemeIconId {
  return typeof value === 'string' && (THEME_ICONS as readonly string[]).includes(value);
}

/**
 * The icon id to keep for a theme: a well-formed id (known here or from a newer app), or undefined for anything
 * else (absent, empty, not text, too long, odd characters). Never throws.
 */
export function keptIcon(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return id.length <= ICON_ID_LENGTH && ICON_ID.test(id) ? id : undefined;
}
