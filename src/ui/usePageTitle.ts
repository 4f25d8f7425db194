import { useEffect, useState } from 'preact/hooks';
import { useT } from './i18n';

/** One shown screen's wish for the page's title. */
interface Claim {
  title: string;
}

/**
 * The screens shown now, in the order they came. Screens do not hand the title back to each other: Preact may run
 * a new screen's effect before the cleanup of the one it replaced, or after it, so "the title before" one screen
 * came was often the screen before's, and came back on a later screen (the room's title, with its session, on the
 * officer view's loading state after locking facilitator mode).
 */
const claims: Claim[] = [];
/** The page's title while no screen names it (index.html's: the app's name), kept while any screen does. */
let titleBefore = '';

function showTitle(): void {
  document.title = claims.at(-1)?.title ?? titleBefore;
}

/**
 * The page's title names the screen, in the screen's language (WCAG 2.4.2), so the browser tab and a screen
 * reader's "title" command say where someone is: "<screen> – <app>", or "<screen> – <session> – <app>" on a
 * screen about one session (or neighbourhood), or the app's name alone where that is the screen's heading. The
 * latest screen shown names the page; when the last goes, the title from before the first comes back, so a screen
 * that names none (a loading state) never shows a title of one that has gone.
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
  const [claim] = useState<Claim>(() => ({ title }));
  useEffect(() => {
    if (claims.length === 0) titleBefore = document.title;
    claims.push(claim);
    return () => {
      claims.splice(claims.indexOf(claim), 1);
      showTitle();
    };
  }, []);
  // A new title (the session's arrived, the language changed) keeps the screen's place among those shown.
  useEffect(() => {
    claim.title = title;
    showTitle();
  }, [title]);
}
