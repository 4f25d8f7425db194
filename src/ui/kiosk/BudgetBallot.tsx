import type { ProposalView } from '../../domain/proposals';
import type { Theme } from '../../domain/types';
import { useT } from '../i18n';
import { PotShare, ThemeIcon } from '../pictures/lazy';
import { groupByTheme } from './ideas';

interface BudgetBallotProps {
  ideas: readonly ProposalView[];
  themes: readonly Theme[];
  potPence: number;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** Budget allocation: one checkbox per idea, labelled with its title and cost. */
export function BudgetBallot({ ideas, themes, potPence, selected, onChange }: BudgetBallotProps) {
  const t = useT();
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
              <bdi>{group.theme ? group.theme.name : t('kiosk.ideas.otherTheme')}</bdi>
            </legend>
            <ul class="ballot-list">
              {group.ideas.map((idea) => {
                const isOn = selected.includes(idea.id);
                return (
                  <li key={idea.id}>
                    <label class={`check kiosk-choice ballot-check${isOn ? ' ballot-item--chosen' : ''}`}>
                      <input
                        type="checkbox"
                        checked={isOn}
                        onChange={(e) => toggle(idea.id, e.currentTarget.checked)}
                      />
                      <span class="ballot-item__title">{idea.shownTitle}</span>
                      <span class="ballot-item__cost">{t.money(idea.costPence)}</span>
                      <PotShare costPence={idea.costPence} potPence={potPence} />
                    </label>
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
