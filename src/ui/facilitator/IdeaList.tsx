import { useRef } from 'preact/hooks';
import type { SessionView } from '../../doc/session';
import { useInWords } from '../errors';
import { useT } from '../i18n';
import type { SessionHandle } from '../useSession';
import { IdeaCard } from './IdeaCard';

/** Every idea residents can see, each with "Hide this idea" and "Fix a typo". */
export function IdeaList({ session, view }: { session: SessionHandle; view: SessionView }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // Put into words as the list renders, so it follows the staff language switch.
  const [announcement, setAnnouncement] = useInWords();
  const themes = new Map(view.settings.themes.map((th) => [th.id, th.name]));
  const titles = new Map(view.proposals.map((p) => [p.id, p.shownTitle]));

  const onHidden = (title: string): void => {
    setAnnouncement((t) => t('fac.hide.done', { title }));
    // The hidden idea's card is gone: keep the keyboard in this list.
    heading.current?.focus();
  };

  return (
    <section aria-labelledby="fac-ideas-heading" class="fac-section">
      <h2 id="fac-ideas-heading" ref={heading} tabIndex={-1}>
        {t('fac.ideas.heading')}
      </h2>
      <p class="field__hint">{t('fac.ideas.hint')}</p>
      <p role="status" class="fac-announce">
        {announcement?.(t)}
      </p>
      {view.visible.length === 0 ? (
        <p>{t('fac.board.empty')}</p>
      ) : (
        <ul class="fac-ideas">
          {view.visible.map((idea) => (
            <li key={idea.id}>
              <IdeaCard
                idea={idea}
                themeName={themes.get(idea.themeId) ?? ''}
                mergedTitles={idea.mergedIds.map((id) => titles.get(id) ?? '')}
                session={session}
                onHidden={onHidden}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
