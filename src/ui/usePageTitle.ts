import { useEffect } from 'preact/hooks';
import { useT } from './i18n';

/**
 * The page's title names the screen, in the screen's language (WCAG 2.4.2), so the browser tab and a screen
 * reader's "title" command say where someone is: "<screen> – <app>", or "<screen> – <session> – <app>" on a
 * screen about one session (or neighbourhood), or the app's name alone where that is the screen's heading. The
 * title before comes back when the screen goes.
 */
export function usePageTitle(screen: string | null, session?: string): void {
  const t = useT();
  const app = t('app.name');
  const title =
    screen === null
      ? app
      : session
        ? t('app.pageTitleSession', { screen, session, app })
        : t('app.pageTitle', { screen, app });
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      // Unless a screen shown since (or one inside this one, going with it) has put its own there.
      if (document.title === title) document.title = before;
    };
  }, [title]);
}
