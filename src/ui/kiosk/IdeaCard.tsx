import type { ProposalView } from '../../domain/proposals';
import { useT } from '../i18n';
import { PotShare, ThemeIcon } from '../pictures/lazy';
import { ReadAloud } from '../speech/ReadAloud';

interface IdeaCardProps {
  idea: ProposalView;
  commentCount: number;
  /** The picture of the idea's theme, if it has one. */
  themeIcon?: string | undefined;
  potPence: number;
  onOpen: () => void;
}

/** The data-focus-key of an idea's button in the list (KioskPage's focusKey). */
export function ideaFocusKey(ideaId: string): string {
  return `idea:${ideaId}`;
}

/** One idea in the list: its title opens it; cost, place and comment count underneath. */
export function IdeaCard({ idea, commentCount, themeIcon, potPence, onOpen }: IdeaCardProps) {
  const t = useT();
  return (
    <li class="idea-card">
      <h3 class="idea-card__title">
        <button type="button" class="idea-card__open" data-focus-key={ideaFocusKey(idea.id)} onClick={onOpen}>
          <ThemeIcon icon={themeIcon} />
          <bdi>{idea.shownTitle}</bdi>
        </button>
      </h3>
      <ul class="idea-card__meta">
        <li>
          {t('kiosk.idea.cost', { cost: t.money(idea.costPence) })}{' '}
          <PotShare costPence={idea.costPence} potPence={potPence} />
        </li>
        {idea.where ? <li>{t('kiosk.idea.where', { where: idea.where })}</li> : null}
        <li>{t('kiosk.idea.commentCount', { count: commentCount })}</li>
      </ul>
      <ReadAloud text={`${idea.shownTitle}\n${idea.shownDescription}`} about={idea.shownTitle} />
    </li>
  );
}
