import type { ProposalView } from '../../domain/proposals';
import type { Theme } from '../../domain/types';
import { useT } from '../i18n';
import { PotShare, ThemeIcon } from '../pictures/lazy';
import { groupByTheme } from './ideas';
import { useTypedLang } from './typedWords';
import { usePendingFocus } from './usePendingFocus';

interface DotsBallotProps {
  ideas: readonly ProposalView[];
  themes: readonly Theme[];
  potPence: number;
  dots: Record<string, number>;
  dotsLeft: number;
  maxPerIdea: number;
  onChange: (dots: Record<string, number>) => void;
}

/** Dot voting: − and + per idea, the count in words, + disabled at either limit. */
export function DotsBallot(props: DotsBallotProps) {
  const { ideas, themes, potPence, dots, dotsLeft, maxPerIdea, onChange } = props;
  const t = useT();
  const typedLang = useTypedLang();
  const focusLater = usePendingFocus();

  const change = (id: string, by: 1 | -1): void => {
    const n = (dots[id] ?? 0) + by;
    const next = { ...dots };
    if (n > 0) next[id] = n;
    else delete next[id];
    // The button just pressed may become disabled; keep focus on this idea's other button.
    if (by === 1 && (n >= maxPerIdea || dotsLeft - 1 <= 0)) focusLater(`minus:${id}`);
    if (by === -1 && n === 0) focusLater(`plus:${id}`);
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
                return (
                  <li key={idea.id} class={`ballot-item${n > 0 ? ' ballot-item--chosen' : ''}`}>
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
                        data-focus-key={`minus:${idea.id}`}
                        disabled={n === 0}
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
                        data-focus-key={`plus:${idea.id}`}
                        disabled={n >= maxPerIdea || dotsLeft <= 0}
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
