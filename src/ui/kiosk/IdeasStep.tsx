import type { SessionView } from '../../doc/session';
import { useT } from '../i18n';
import { ThemeIcon } from '../pictures/lazy';
import { IdeaCard, ideaFocusKey } from './IdeaCard';
import { KioskPage } from './KioskPage';
import { commentCounts, groupByTheme } from './ideas';
import { useTypedLang } from './typedWords';

interface IdeasStepProps {
  view: SessionView;
  onOpen: (ideaId: string) => void;
  onAdd: () => void;
  onBack: () => void;
  /** The idea the resident has just come back from: focus goes to its card's button, if it is still listed. */
  returnTo?: string | null;
}

/** Every visible idea, grouped by theme. */
export function IdeasStep({ view, onOpen, onAdd, onBack, returnTo = null }: IdeasStepProps) {
  const t = useT();
  const typedLang = useTypedLang();
  const counts = commentCounts(view);
  const groups = groupByTheme(view.visible, view.settings.themes);
  return (
    <KioskPage
      title={t('kiosk.ideas.title')}
      back={{ label: t('kiosk.back.hub'), onClick: onBack }}
      isBackAtEnd
      focusKey={returnTo ? ideaFocusKey(returnTo) : null}
    >
      <p class="kiosk-text">
        {view.visible.length > 0
          ? t('kiosk.ideas.lead', { count: view.visible.length })
          : t('kiosk.ideas.none')}
      </p>
      <p>
        <button type="button" class="btn" onClick={onAdd}>
          {t('kiosk.ideas.add')}
        </button>
      </p>
      {groups.map((group) => (
        <section key={group.id} class="idea-theme" aria-labelledby={`theme-${group.id || 'other'}`}>
          <h2 id={`theme-${group.id || 'other'}`}>
            <ThemeIcon icon={group.theme?.icon} />
            <bdi lang={group.theme ? typedLang : undefined}>
              {group.theme ? group.theme.name : t('kiosk.ideas.otherTheme')}
            </bdi>{' '}
            <span class="idea-theme__count">({t('kiosk.ideas.count', { count: group.ideas.length })})</span>
          </h2>
          {group.ideas.length === 0 ? (
            <p class="kiosk-muted">{t('kiosk.ideas.themeEmpty')}</p>
          ) : (
            <ul class="idea-list">
              {group.ideas.map((idea) => (
                <IdeaCard
                  key={idea.id}
                  idea={idea}
                  commentCount={counts.get(idea.id) ?? 0}
                  themeIcon={group.theme?.icon}
                  potPence={view.settings.potPence}
                  onOpen={() => onOpen(idea.id)}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
    </KioskPage>
  );
}
