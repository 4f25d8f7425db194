/**
 * The resident's Read aloud button (src/ui/speech/ReadAloudButton.tsx): registered by that lazily loaded
 * module, so the kiosk's first download does not carry it.
 */
import type { Catalogue } from '../types';

export const readAloud = {
  'readAloud.read': 'Read aloud',
  'readAloud.stop': 'Stop reading',
} satisfies Catalogue;
