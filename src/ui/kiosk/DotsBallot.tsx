import type { ProposalView } from '../../domain/proposals';
import type { Theme } from '../../domain/types';
import { useT } from '../i18n';
import { PotShare, ThemeIcon } from '../pictures/lazy';
import { groupByTheme } from './ideas';
import { useTypedLang } from './typedWords';
import { NONE_LEFT_ID } from './BallotProgressText';

interface DotsBallotProps {
  ideas: readonly ProposalView[];
  themes: readonly Theme[];
  potPence: number;
  dots: Record<string, number>;
  dotsLeft: number;
  maxPerIdea: number;
  /** The id of the words that give the rules (how many dots, how many on one idea). */
  rulesId: string;
  onChange: (dots: Record<string, number>) => void;
}

/**
 * Dot voting: − and + per idea, the count in words. At a limit (no dots left, the most on one idea, none on it to
 * take off) a button does nothing and says so, but stays where it is and keeps focus (aria-disabled, not disabled):
 * focus moved to the other button of the pair would let a held Enter or Space, repeating, start undoing what it
 * did. A "+" that does nothing is described by why: no dots left, or the rules (at most so many on one idea).
 */
export function DotsBallot(props: DotsBallotProps) {
  const { ideas, themes, potPence, dots, dotsLeft, maxPerIdea, rulesId, onChange } = props;
  const t = useT();
  const typedLang = useTypedLang();

  const change = (id: string, by: 1 | -1): void => {
    const n = (dots[id] ?? 0) + by;
    if (n < 0 || n > maxPerIdea || (by === 1 && dotsLeft <= 0)) return;
    const next = { ...dots };
    if (n > 0) next[id] = n;
    else delete next[id];
    onChange(next);
  };

  return (
    <>
      {groupByTheme(ideas, themes).map((group) =>
        group.ideas.length === 0 ? null : (
          <section
            key={group.id}
            class="ballot-theme"
            aria-labelledby={`ballot-theme-${group.id || 'other'}`}
          >
            <h2 id={`ballot-theme-${group.id || 'other'}`}>
              <ThemeIcon icon={group.theme?.icon} />
              <bdi lang={group.theme ? typedLang : undefined}>
                {group.theme ? group.theme.name : t('kiosk.ideas.otherTheme')}
              </bdi>
            </h2>
            <ul class="ballot-list">
              {group.ideas.map((idea) => {
                const n = dots[idea.id] ?? 0;
                const isNoneLeft = dotsLeft <= 0;
                const isFull = n >= maxPerIdea;
                return (
                  <li
                    key={idea.id}
                    class={`ballot-item ballot-item--dots${n > 0 ? ' ballot-item--chosen' : ''}`}
                  >
                    <div class="ballot-item__text">
                      <span class="ballot-item__title">{idea.shownTitle}</span>
                      <span class="ballot-item__cost">{t.money(idea.costPence)}</span>
                      <PotShare costPence={idea.costPence} potPence={potPence} />
                    </div>
                    <div class="dots-control">
                      <button
                        type="button"
                        class="btn dots-control__button"
                        aria-label={t('kiosk.dots.remove', { title: idea.shownTitle })}
                        aria-disabled={n === 0 || undefined}
                        onClick={() => change(idea.id, -1)}
                      >
                        <span aria-hidden="true">−</span>
                      </button>
                      <span class="dots-control__count">
                        <span class="dots-control__marks" aria-hidden="true">
                          {Array.from({ length: maxPerIdea }, (_, i) => (
                            <span key={i} class={`dot${i < n ? ' dot--on' : ''}`} />
                          ))}
                        </span>
                        {t('kiosk.dots.onIdea', { count: n })}
                      </span>
                      <button
                        type="button"
                        class="btn dots-control__button"
                        aria-label={t('kiosk.dots.add', { title: idea.shownTitle })}
                        aria-disabled={isFull || isNoneLeft || undefined}
                        aria-describedby={isFull ? rulesId : isNoneLeft ? NONE_LEFT_ID : undefined}
                        onClick={() => change(idea.id, 1)}
                      >
                        <span aria-hidden="true">+</span>
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        ),
      )}
    </>
  );
}
