/**
 * The language of the words a facilitator typed into the session's settings (its title, its theme names), for
 * the `lang` on them in a turn in another language (WCAG 3.1.2): in a Welsh turn, "Jobs and skills" typed in
 * English is read by a screen reader or a voice as English, not as Welsh. The consent wording and the questions
 * about residents carry their own language part by part (src/domain/wording.ts); residents' own words (ideas,
 * comments) are theirs, and keep the page's language with `dir="auto"`.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { useT } from '../i18n';

/** The language the session's settings are typed in (`writtenIn`), given by the turn; null outside one. */
export const TypedInContext = createContext<string | null>(null);

/** `lang` for the session's typed words on this screen: their language when it is not the screen's, else none. */
export function useTypedLang(): string | undefined {
  const typedIn = useContext(TypedInContext);
  const t = useT();
  return typedIn !== null && typedIn !== t.locale.code ? typedIn : undefined;
}
