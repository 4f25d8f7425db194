/**
 * The steps of a resident's turn after "I agree", in one chunk of their own: the first screen (welcome, consent)
 * never waits for them. `lazySteps.tsx` fetches this right after the first screen and shows each step from it.
 */
// Their English words (src/ui/i18n/en/kioskLater.ts) come with them, not in the first download.
import './laterMessages';

export { AboutYouStep } from './AboutYouStep';
export { AddIdeaStep } from './AddIdeaStep';
export { FinishCheckStep } from './FinishCheckStep';
export { HubStep } from './HubStep';
export { IdeaStep } from './IdeaStep';
export { IdeasStep } from './IdeasStep';
export { MoneyMapStep } from './MoneyMapStep';
export { PrioritiesReminderStep } from './PrioritiesReminderStep';
export { ThanksStep } from './ThanksStep';
// Sealing a resident's answers with the council's key is needed only when About you is saved.
export { sealForSession } from '../../domain/answersCrypto';
