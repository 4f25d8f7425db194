import { useState } from 'preact/hooks';
import type { ProposalView } from '../../domain/proposals';
import type { Theme } from '../../domain/types';
import { useT } from '../i18n';
import { PotShare, ThemeIcon } from '../pictures/lazy';
import { groupByTheme } from './ideas';
import { useTypedLang } from './typedWords';
import { usePendingFocus } from './usePendingFocus';

interface RankingBallotProps {
  ideas: readonly ProposalView[];
  themes: readonly Theme[];
  potPence: number;
  ranked: readonly string[];
  maxRanked: number;
  onChange: (ranked: string[]) => void;
}

/** The last move, said politely ("Play area moved to number 1 of 3"): the idea, its new place, the list's length. */
interface Moved {
  id: string;
  place: number;
  of: number;
}

/**
 * Ranking: "my list" in order (move up, move down, remove), then the ideas that can be added to it. A move is
 * said in a polite live region, and each button of the list is described by its idea's place, so a screen
 * reader hears the new place whether focus stays on the button pressed or goes to the other one at the end.
 */
export function RankingBallot(props: RankingBallotProps) {
  const { ideas, themes, potPence, ranked, maxRanked, onChange } = props;
  const t = useT();
  const typedLang = useTypedLang();
  const focusLater = usePendingFocus();
  const [moved, setMoved] = useState<Moved | null>(null);
  const byId = new Map(ideas.map((v) => [v.id, v]));
  const iconOf = new Map(themes.map((th) => [th.id, th.icon]));
  const isFull = ranked.length >= maxRanked;
  const rest = ideas.filter((v) => !ranked.includes(v.id));
  // The ideas that can be added, as the screen shows them: under their themes, in the themes' order.
  const restGroups = groupByTheme(rest, themes);
  const restShown = restGroups.flatMap((group) => group.ideas);

  const move = (index: number, by: -1 | 1): void => {
    const next = [...ranked];
    const [id] = next.splice(index, 1);
    if (id === undefined) return;
    next.splice(index + by, 0, id);
    const to = index + by;
    // Focus follows the idea; if its button is now at the end of the list, use the other one.
    const atEdge = (by === -1 && to === 0) || (by === 1 && to === next.length - 1);
    focusLater(`${atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}:${id}`);
    setMoved({ id, place: to + 1, of: next.length });
    onChange(next);
  };

  const remove = (index: number): void => {
    const next = ranked.filter((_, i) => i !== index);
    const neighbour = next[index] ?? next[index - 1];
    focusLater(neighbour ? `remove:${neighbour}` : 'ranking-list');
    setMoved(null);
    onChange(next);
  };

  const add = (id: string): void => {
    const next = [...ranked, id];
    // Focus stays where the resident was on screen: the idea after this one (the one before, at the end).
    const i = restShown.findIndex((v) => v.id === id);
    const neighbour = restShown[i + 1] ?? restShown[i - 1];
    focusLater(next.length >= maxRanked || !neighbour ? 'ranking-list' : `add:${neighbour.id}`);
    setMoved(null);
    onChange(next);
  };

  const movedIdea = moved ? byId.get(moved.id) : undefined;

  return (
    <>
      <section class="ranking-mine" aria-labelledby="ranking-mine-heading">
        <h2 id="ranking-mine-heading" tabIndex={-1} data-focus-key="ranking-list">
          {t('kiosk.ranking.mine')}
        </h2>
        {ranked.length === 0 ? (
          <p class="kiosk-muted">{t('kiosk.ranking.empty')}</p>
        ) : (
          <ol class="ballot-list ranking-list">
            {ranked.map((id, i) => {
              const idea = byId.get(id);
              const title = idea?.shownTitle ?? '';
              return (
                <li key={id} class="ballot-item ballot-item--chosen">
                  <div class="ballot-item__text">
                    <span class="ranking-place" id={`rank-place-${id}`}>
                      {t('kiosk.ranking.place', { place: i + 1 })}
                    </span>
                    <span class="ballot-item__title">
                      <ThemeIcon icon={idea ? iconOf.get(idea.themeId) : undefined} />
                      {title}
                    </span>
                  </div>
                  <div class="ranking-buttons">
                    <button
                      type="button"
                      class="btn"
                      aria-label={t('kiosk.ranking.upFor', { title })}
                      aria-describedby={`rank-place-${id}`}
                      data-focus-key={`up:${id}`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      {t('kiosk.ranking.up')}
                    </button>
                    <button
                      type="button"
                      class="btn"
                      aria-label={t('kiosk.ranking.downFor', { title })}
                      aria-describedby={`rank-place-${id}`}
                      data-focus-key={`down:${id}`}
                      disabled={i === ranked.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      {t('kiosk.ranking.down')}
                    </button>
                    <button
                      type="button"
                      class="btn btn--danger"
                      aria-label={t('kiosk.ranking.removeFor', { title })}
                      aria-describedby={`rank-place-${id}`}
                      data-focus-key={`remove:${id}`}
                      onClick={() => remove(i)}
                    >
                      {t('kiosk.ranking.remove')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {/* Present from the first paint, so that a change is announced; said in the words of the screen. */}
        <p class="visually-hidden" role="status" aria-live="polite">
          {moved && movedIdea
            ? t('kiosk.ranking.moved', {
                title: movedIdea.shownTitle,
                place: moved.place,
                count: moved.of,
              })
            : ''}
        </p>
      </section>
      <section class="ranking-rest" aria-labelledby="ranking-rest-heading">
        <h2 id="ranking-rest-heading">{t('kiosk.ranking.rest')}</h2>
        {isFull ? <p class="notice kiosk-notice">{t('kiosk.ranking.fullHint')}</p> : null}
        {restGroups.map((group) =>
          group.ideas.length === 0 ? null : (
            <section
              key={group.id}
              class="ballot-theme"
              aria-labelledby={`rank-theme-${group.id || 'other'}`}
            >
              <h3 id={`rank-theme-${group.id || 'other'}`}>
                <ThemeIcon icon={group.theme?.icon} />
                <bdi lang={group.theme ? typedLang : undefined}>
                  {group.theme ? group.theme.name : t('kiosk.ideas.otherTheme')}
                </bdi>
              </h3>
              <ul class="ballot-list">
                {group.ideas.map((idea) => (
                  <li key={idea.id} class="ballot-item">
                    <div class="ballot-item__text">
                      <span class="ballot-item__title">{idea.shownTitle}</span>
                      <span class="ballot-item__cost">{t.money(idea.costPence)}</span>
                      <PotShare costPence={idea.costPence} potPence={potPence} />
                    </div>
                    <button
                      type="button"
                      class="btn"
                      aria-label={t('kiosk.ranking.addFor', { title: idea.shownTitle })}
                      data-focus-key={`add:${idea.id}`}
                      disabled={isFull}
                      onClick={() => add(idea.id)}
                    >
                      {t('kiosk.ranking.add')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ),
        )}
      </section>
    </>
  );
}
