import { useLayoutEffect } from 'preact/hooks';
import { useT } from './i18n';
import { usePageTitle } from './usePageTitle';

/**
 * The page in the language of the screens under it: `lang` and `dir` set before a screen is painted (words in a
 * language are never shown under another's), and the app's name in that language as the page's title beneath every
 * screen's own. So a screen still loading (a lazy chunk, a session), or one that names none, is titled in the staff
 * or resident language, not in index.html's English.
 */
export function PageLanguage() {
  const t = useT();
  useLayoutEffect(() => {
    document.documentElement.lang = t.locale.code;
    document.documentElement.dir = t.locale.dir;
  }, [t]);
  usePageTitle(null);
  return null;
}
