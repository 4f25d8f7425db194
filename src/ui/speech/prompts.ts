/**
 * The kiosk screens' fixed prompts: what a council records once per language into a sound pack. A prompt is a
 * screen's heading and the instructions that are the same in every session (catalogue messages without the
 * session's figures or names); the screen is found by its heading. A recorded clip is played only while its
 * text is still the catalogue's text: when a translation is corrected, the old recording stops being used.
 */
import type { MessageKey, Translator } from '../i18n';

export interface Prompt {
  /** Stable id, stored in sound pack files. */
  id: string;
  /** The heading first, then the fixed instructions, in reading order. */
  keys: readonly MessageKey[];
}

export const PROMPTS: readonly Prompt[] = [
  { id: 'welcome', keys: ['kiosk.welcome.title'] },
  { id: 'consent', keys: ['kiosk.consent.title', 'kiosk.consent.lead'] },
  { id: 'aboutYou', keys: ['kiosk.about.title', 'kiosk.about.lead'] },
  { id: 'hub', keys: ['kiosk.hub.title'] },
  { id: 'moneyMap', keys: ['kiosk.money.title'] },
  { id: 'ideas', keys: ['kiosk.ideas.title'] },
  { id: 'addIdea', keys: ['kiosk.addIdea.title', 'kiosk.addIdea.lead'] },
  { id: 'priorities', keys: ['kiosk.priorities.title'] },
  { id: 'earlierIdeas', keys: ['kiosk.earlier.title'] },
  { id: 'finishCheck', keys: ['kiosk.finishCheck.title', 'kiosk.finishCheck.text'] },
  {
    id: 'prioritiesReminder',
    keys: ['kiosk.prioritiesReminder.title', 'kiosk.prioritiesReminder.text'],
  },
  { id: 'thanks', keys: ['kiosk.thanks.title', 'kiosk.thanks.text', 'kiosk.thanks.handOn'] },
  { id: 'facilitator', keys: ['kiosk.facilitator.title', 'kiosk.facilitator.text'] },
  { id: 'ideaGone', keys: ['kiosk.idea.goneTitle', 'kiosk.idea.gone'] },
  { id: 'failed', keys: ['kiosk.failed.title', 'kiosk.failed.text'] },
];

export const PROMPT_IDS: ReadonlySet<string> = new Set(PROMPTS.map((p) => p.id));

/** The prompt's words in `t`'s language, one line per message (as the voice reads them). */
export function promptText(t: Translator, prompt: Prompt): string {
  return prompt.keys.map((key) => t(key)).join('\n');
}

/** The prompt of the screen headed `title`, in `t`'s language. */
export function promptForTitle(t: Translator, title: string): Prompt | undefined {
  const heading = title.trim();
  return PROMPTS.find((p) => p.keys[0] !== undefined && t(p.keys[0]) === heading);
}

/** Two texts read the same: the same words, whatever the spaces and line breaks between them. */
export function sameWords(a: string, b: string): boolean {
  const words = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return words(a) === words(b);
}
