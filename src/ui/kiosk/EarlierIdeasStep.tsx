import type { DecidedIdea, DecidedStatusKind } from '../../domain/statuses';
import { RESIDENT_STATUS_ORDER } from '../../domain/statuses';
import { sessionDate } from '../format/dates';
import { useT, type MessageKey, type Translator } from '../i18n';
import type { EarlierSession } from './earlierIdeas';
import { KioskPage } from './KioskPage';
import { addMessages } from '../i18n';
import { kioskEarlier } from '../i18n/en/kioskEarlier';
// Its "Back to the menu" and idea counts are the later steps' words: this step can be the first drawn after a reload.
import './laterMessages';

addMessages('en', kioskEarlier);

interface EarlierIdeasStepProps {
  neighbourhood: string;
  sessions: readonly EarlierSession[];
  onBack: () => void;
}

interface Shown extends DecidedIdea {
  date: string;
}

/** "12,000 funded", "Not taken forward: the land is not the council's", in the resident's words. */
function decision(t: Translator, idea: DecidedIdea): string {
  if (idea.status === 'funded' && idea.amountPence !== null) {
    return t('kiosk.earlier.funded', { amount: t.money(idea.amountPence) });
  }
  if (idea.status === 'not-taken-forward') return t('kiosk.earlier.notTaken', { reason: idea.reason });
  return t(`kiosk.earlier.group.${idea.status}` satisfies MessageKey);
}

/** "10 May 2026" in the resident's language. */
function workshopDate(t: Translator, iso: string): string {
  return sessionDate(t, iso);
}

/**
 * "You said, we did": ideas from earlier workshops in this neighbourhood, grouped by what the council decided.
 * Titles and decisions only: nothing anyone wrote about an idea, nothing about who took part.
 */
export function EarlierIdeasStep({ neighbourhood, sessions, onBack }: EarlierIdeasStepProps) {
  const t = useT();
  const all: Shown[] = sessions.flatMap((s) => s.ideas.map((idea) => ({ ...idea, date: s.date })));
  const groups = RESIDENT_STATUS_ORDER.map((status: DecidedStatusKind) => ({
    status,
    ideas: all.filter((i) => i.status === status),
  })).filter((g) => g.ideas.length > 0);
  return (
    <KioskPage title={t('kiosk.earlier.title')} back={{ label: t('kiosk.back.hub'), onClick: onBack }}>
      <p class="kiosk-text">{t('kiosk.earlier.lead', { neighbourhood })}</p>
      {groups.map((group) => (
        <section key={group.status} class="earlier-group" aria-labelledby={`earlier-${group.status}`}>
          <h2 id={`earlier-${group.status}`}>
            {t(`kiosk.earlier.group.${group.status}` satisfies MessageKey)}{' '}
            <span class="idea-theme__count">({t('kiosk.ideas.count', { count: group.ideas.length })})</span>
          </h2>
          <ul class="earlier-list">
            {group.ideas.map((idea) => (
              <li key={idea.proposalId} class="earlier-idea">
                <p class="earlier-idea__title" dir="auto">
                  {idea.title}
                </p>
                <p class="earlier-idea__decision">{decision(t, idea)}</p>
                <p class="earlier-idea__from">
                  {t('kiosk.earlier.from', { date: workshopDate(t, idea.date) })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </KioskPage>
  );
}
