import { useId } from 'preact/hooks';
import { canEverFit } from '../../domain/ballots';
import type { ProposalView } from '../../domain/proposals';
import type { Theme } from '../../domain/types';
import { useT } from '../i18n';
import { PotShare, ThemeIcon } from '../pictures/lazy';
import { groupByTheme } from './ideas';
import { useTypedLang } from './typedWords';

interface BudgetBallotProps {
  ideas: readonly ProposalView[];
  themes: readonly Theme[];
  potPence: number;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/**
 * Budget allocation: one checkbox per idea, labelled with its title and cost. An idea costing more than the whole
 * pot can never fit, so it cannot be ticked and says why beside it. It stays focusable (aria-disabled, not
 * disabled) with the reason as its description, so a screen reader or keyboard user meets it and hears why; one
 * already ticked (a draft kept from before its cost went up) can still be unticked.
 */
export function BudgetBallot({ ideas, themes, potPence, selected, onChange }: BudgetBallotProps) {
  const t = useT();
  const typedLang = useTypedLang();
  const baseId = useId();
  const toggle = (id: string, isOn: boolean): void => {
    onChange(isOn ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id));
  };
  return (
    <>
      {groupByTheme(ideas, themes).map((group) =>
        group.ideas.length === 0 ? null : (
          <fieldset key={group.id} class="ballot-theme ballot-theme--fieldset">
            <legend>
              <ThemeIcon icon={group.theme?.icon} />
              <bdi lang={group.theme ? typedLang : undefined}>
                {group.theme ? group.theme.name : t('kiosk.ideas.otherTheme')}
              </bdi>
            </legend>
            <ul class="ballot-list">
              {group.ideas.map((idea) => {
                const isOn = selected.includes(idea.id);
                const isBlocked = !isOn && !canEverFit(idea.costPence, potPence);
                const reasonId = `${baseId}-${idea.id}-too-dear`;
                return (
                  <li key={idea.id}>
                    <label
                      class={`check kiosk-choice ballot-check${isOn ? ' ballot-item--chosen' : ''}${isBlocked ? ' ballot-check--blocked' : ''}`}
                    >
                      <input
                        type="checkbox"
                        checked={isOn}
                        aria-disabled={isBlocked || undefined}
                        aria-describedby={isBlocked ? reasonId : undefined}
                        onClick={(e) => {
                          if (isBlocked) e.preventDefault();
                        }}
                        onChange={(e) => toggle(idea.id, e.currentTarget.checked)}
                      />
                      <span class="ballot-item__title">{idea.shownTitle}</span>
                      <span class="ballot-item__cost">{t.money(idea.costPence)}</span>
                      <PotShare costPence={idea.costPence} potPence={potPence} />
                    </label>
                    {isBlocked ? (
                      <p class="ballot-item__blocked" id={reasonId}>
                        {t('kiosk.budget.tooDear', { pot: t.money(potPence) })}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ),
      )}
    </>
  );
}
