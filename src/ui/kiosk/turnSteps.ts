/**
 * A resident's turn, as named steps. The step lives in component state only (never in a route or a history
 * entry), so nothing from one turn can come back in the next.
 */
export const TURN_STEPS = {
  /** Choose a language and tap Start; the only step before anyone has agreed to anything. */
  welcome: 'welcome',
  /** Read how answers are used; "I agree" starts a participant, "No thanks" goes back to welcome. */
  consent: 'consent',
  /** Optional questions about the resident; skipped when the session asks none. */
  aboutYou: 'aboutYou',
  /** The menu: big tiles for the money map, ideas, adding an idea, priorities, and Finish. */
  hub: 'hub',
  /** Who spends what in the neighbourhood, what can be pooled, and the pot. */
  moneyMap: 'moneyMap',
  /** Visible ideas grouped by theme. */
  ideas: 'ideas',
  /** One idea with its description and comments, and a form to add a comment. */
  idea: 'idea',
  /** What the council decided about ideas from earlier workshops here; only offered when there are some. */
  earlierIdeas: 'earlierIdeas',
  /** The form to add a new idea. */
  addIdea: 'addIdea',
  /** Setting priorities under the session's method, then saving them. */
  priorities: 'priorities',
  /** Finish was tapped with priorities changed but not saved: check first. */
  finishCheck: 'finishCheck',
  /** Finish was tapped before any priorities were set: say so gently, and let them set some or finish anyway. */
  prioritiesReminder: 'prioritiesReminder',
  /** The Facilitator button was tapped: confirm that this ends the turn. */
  facilitator: 'facilitator',
  /** The turn is over; thank the resident, then start again for the next person. */
  thanks: 'thanks',
} as const;

export type TurnStep = (typeof TURN_STEPS)[keyof typeof TURN_STEPS];

/** Where "back one step" goes from each step; steps not listed have nowhere to go back to. */
export const BACK_STEP: Partial<Record<TurnStep, TurnStep>> = {
  consent: TURN_STEPS.welcome,
  moneyMap: TURN_STEPS.hub,
  ideas: TURN_STEPS.hub,
  idea: TURN_STEPS.ideas,
  addIdea: TURN_STEPS.hub,
  earlierIdeas: TURN_STEPS.hub,
  priorities: TURN_STEPS.hub,
  finishCheck: TURN_STEPS.hub,
  prioritiesReminder: TURN_STEPS.hub,
};
