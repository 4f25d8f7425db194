/**
 * Registers the English words of the kiosk's steps after "I agree" (../i18n/en/kioskLater.ts), so the first
 * screen's download does not carry them. Imported by every chunk that draws those steps: the later steps
 * (laterSteps.ts), priorities (PrioritiesStep.tsx), earlier ideas (EarlierIdeasStep.tsx) and the facilitator's
 * sound packs (ReadAloudPanel.tsx, which lists every screen's prompt). A step suspends until its chunk is here,
 * so its words are always registered before it draws. Other languages' words for them are in their resident
 * bundle (../i18n/<code>/kioskLater.json), loaded before the first screen.
 */
import { addMessages } from '../i18n';
import { kioskLater } from '../i18n/en/kioskLater';

addMessages('en', kioskLater);
